import type { Project } from '../../../shared/models/project.js';
import { FieldMessage, invalidProps } from './FieldMessage.js';
import { DEFAULT_MAX_CONCURRENT, numberText } from './settings-form.js';
import type { SettingsForm } from './use-settings-form.js';

function CountInput({ path, label, value, onChange, error, placeholder }: { path: string; label: string; value: string; onChange(v: string): void; error?: string; placeholder: string }) {
  return (
    <input
      className="input count-input"
      type="text"
      inputMode="numeric"
      aria-label={label}
      placeholder={placeholder}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      {...invalidProps(path, error)}
    />
  );
}

/** How many agents run at once: overall, per project, and each project's own limit. */
export function ConcurrencySection({ form }: { form: SettingsForm }) {
  const { draft, errors, edit, projects } = form;
  if (!draft) return null;
  const limitOf = (p: Project) => draft.projectLimits[p.id] ?? numberText(p.settings.maxConcurrent);
  return (
    <section className="card-section" aria-labelledby="settings-concurrency">
      <h2 id="settings-concurrency">Concurrency</h2>
      <div className="settings-grid">
        <div className="setting field">
          <label className="field-label" htmlFor="setting-maxConcurrent">
            Tasks at once
          </label>
          <CountInput path="maxConcurrent" label="Tasks at once" value={draft.maxConcurrent} placeholder={`${DEFAULT_MAX_CONCURRENT} (default)`} onChange={(v) => edit('maxConcurrent', v)} error={errors.maxConcurrent} />
          <FieldMessage path="maxConcurrent" error={errors.maxConcurrent} hint="Agents running at the same time, across all projects (1–64)." />
        </div>
        <div className="setting field">
          <label className="field-label" htmlFor="setting-maxConcurrentPerProject">
            Tasks at once per project
          </label>
          <CountInput
            path="maxConcurrentPerProject"
            label="Tasks at once per project"
            value={draft.maxConcurrentPerProject}
            placeholder="No limit"
            onChange={(v) => edit('maxConcurrentPerProject', v)}
            error={errors.maxConcurrentPerProject}
          />
          <FieldMessage path="maxConcurrentPerProject" error={errors.maxConcurrentPerProject} hint="Applies to every project; leave empty for no limit." />
        </div>
      </div>
      <h3 className="settings-sub">Per project</h3>
      {projects.length === 0 ? (
        <p className="detail-muted">No projects yet. Projects appear here once a task runs in them; then you can give each its own limit.</p>
      ) : (
        <ul className="project-limits" aria-label="Project limits">
          {projects.map((p) => {
            const path = `projects.${p.id}`;
            return (
              <li key={p.id} className="project-limit">
                <div className="grow">
                  <strong>{p.name}</strong> <span className="detail-muted mono">{p.dir}</span>
                  <FieldMessage path={path} error={errors[path]} />
                </div>
                <CountInput
                  path={path}
                  label={`Tasks at once in ${p.name}`}
                  value={limitOf(p)}
                  placeholder="Default"
                  onChange={(v) => edit('projectLimits', { ...draft.projectLimits, [p.id]: v }, path)}
                  error={errors[path]}
                />
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
