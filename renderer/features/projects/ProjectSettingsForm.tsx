import { useMemo } from 'react';
import type { Project } from '../../../shared/models/project.js';
import { useApp } from '../../store/store-context.js';
import { useAgents } from '../agents/use-agents.js';
import { AgentPicker } from '../new-task/AgentPicker.js';
import { ChoiceField } from '../settings/ChoiceField.js';
import { FieldMessage, invalidProps } from '../settings/FieldMessage.js';
import { PathListField } from '../settings/PathListField.js';
import { SaveBar } from '../settings/SaveBar.js';
import { useProjectForm } from './use-project-form.js';

/** A project's own settings: name, apply mode, copied files, default agent, concurrency limit. */
export function ProjectSettingsForm({ project }: { project: Project }) {
  const form = useProjectForm(project);
  const { draft, errors, edit } = form;
  const agents = useAgents(project.host ?? '');
  const tasksById = useApp((s) => s.tasksById);
  const knownAgents = useMemo(() => [...new Set(Object.values(tasksById).map((t) => t.agent))], [tasksById]);
  return (
    <form
      className="settings-form"
      aria-label={`Settings of ${project.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        void form.save();
      }}
    >
      <section className="card-section" aria-labelledby="project-settings-head">
        <h2 id="project-settings-head">Settings</h2>
        <div className="settings-grid">
          <div className="setting field">
            <label className="field-label" htmlFor="setting-name">
              Name
            </label>
            <input className="input" value={draft.name} onChange={(e) => edit('name', e.target.value)} {...invalidProps('name', errors.name)} />
            <FieldMessage path="name" error={errors.name} hint="How the project is shown in the app." />
          </div>
          <div className="setting field">
            <label className="field-label" htmlFor="project-default-agent">
              Default agent
            </label>
            <AgentPicker
              id="project-default-agent"
              value={draft.defaultAgent}
              onChange={(v) => edit('defaultAgent', v)}
              invalid={{ 'aria-invalid': errors.defaultAgent ? true : undefined, 'aria-describedby': 'setting-defaultAgent-note' }}
              knownAgents={knownAgents}
              agents={agents.agents}
              error={agents.error}
            />
            <FieldMessage path="defaultAgent" error={errors.defaultAgent} hint="For tasks of this project that name no agent; empty uses the app's default agent." />
          </div>
          <div className="setting field">
            <label className="field-label" htmlFor="setting-maxConcurrent">
              Tasks at once
            </label>
            <input
              className="input count-input"
              inputMode="numeric"
              placeholder="Default"
              value={draft.maxConcurrent}
              onChange={(e) => edit('maxConcurrent', e.target.value)}
              {...invalidProps('maxConcurrent', errors.maxConcurrent)}
            />
            <FieldMessage path="maxConcurrent" error={errors.maxConcurrent} hint="Agents of this project running at once (1–64); empty uses Settings' per-project limit." />
          </div>
        </div>
        <ChoiceField
          path="applyMode"
          label="When a change is approved"
          value={draft.applyMode}
          onChange={(v) => edit('applyMode', v)}
          error={errors.applyMode}
          choices={[
            { value: 'working-tree', label: 'Leave it uncommitted', hint: 'The edits land in the project folder for you to commit (switchboard.json applyMode applies if it says commit).' },
            { value: 'commit', label: 'Commit it', hint: 'Approving commits the change on the project branch, with the task in the message.' },
          ]}
        />
        <PathListField
          path="copyFiles"
          label="Files copied into each worktree"
          item="file"
          placeholder=".env or config/local.json"
          values={draft.copyFiles}
          onChange={(v) => edit('copyFiles', v)}
          errors={errors}
          hint="Ignored files (paths inside the project) each task's worktree gets a copy of. When any are listed here, they replace switchboard.json's copyFiles."
          empty="None here: switchboard.json's copyFiles apply, if it has any."
        />
      </section>
      <SaveBar form={form} label="Save project settings" savedText={`Saved. New tasks of ${project.name} use these settings.`} />
    </form>
  );
}
