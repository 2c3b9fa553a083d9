import { useEffect, useMemo, useRef } from 'react';
import { baseName } from '../../lib/format.js';
import { shortcutLabel } from '../../lib/platform.js';
import { useApp } from '../../store/store-context.js';
import { HostPicker } from '../hosts/HostPicker.js';
import { useHosts } from '../hosts/use-hosts.js';
import { OTHER_PROJECT, projectsOn, recentProjects } from './new-task-form.js';
import { useNewTaskForm } from './use-new-task-form.js';
import { useAgents } from '../agents/use-agents.js';
import { AgentPicker, AlsoAgents } from './AgentPicker.js';

const FIELD_ORDER = ['host', 'projectDir', 'prompt', 'agent', 'ttlSeconds', 'constraints'] as const;
const FIELD_INPUTS: Record<(typeof FIELD_ORDER)[number], string[]> = {
  host: ['new-task-host'],
  projectDir: ['new-task-dir', 'new-task-project'],
  prompt: ['new-task-prompt'],
  agent: ['new-task-agent'],
  ttlSeconds: ['new-task-ttl'],
  constraints: ['new-task-constraints'],
};

/**
 * New Task (Ctrl/⌘+N): where it runs (this machine or a host, when config.json has hosts), project,
 * agent, prompt, time limit and constraints; creates it with tasks.create.
 */
export function NewTaskDialog() {
  const open = useApp((s) => s.newTaskOpen);
  const setOpen = useApp((s) => s.setNewTaskOpen);
  const draft = useApp((s) => s.newTaskDraft);
  const projects = useApp((s) => s.projects);
  // Until the first projects.list answers, "no project" is not known yet: creating then would
  // either fail with "Pick a project" or miss the project that arrives a moment later.
  const projectsLoaded = useApp((s) => s.projectsLoaded);
  const tasksById = useApp((s) => s.tasksById);
  const navigate = useApp((s) => s.navigate);
  const ref = useRef<HTMLDialogElement>(null);
  const promptRef = useRef<HTMLTextAreaElement>(null);
  // Projects can arrive after the dialog opened empty: then pick the most recent one, once.
  const pickWhenLoaded = useRef(false);
  const { hosts } = useHosts();
  const { form, update, errors, formError, submitting, submit, reset } = useNewTaskForm((task) => {
    setOpen(false);
    // A group opens its comparison, which fills in as the agents finish.
    if (task.groupId) return navigate('compare', task.id);
    navigate('tasks', task.id);
    focusCardWhenShown(task.id);
  });
  // The projects of the picked host only: a project is a path on its host.
  const ordered = useMemo(() => recentProjects(projectsOn(projects, form.host), Object.values(tasksById)), [projects, tasksById, form.host]);
  const agents = useMemo(() => [...new Set(Object.values(tasksById).map((t) => t.agent))].sort(), [tasksById]);
  const detected = useAgents(form.host);
  const pickHost = (host: string) => {
    const first = recentProjects(projectsOn(projects, host), Object.values(tasksById))[0];
    update({ host, project: first?.dir ?? OTHER_PROJECT, otherDir: '' });
  };

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      // It opens on this machine (the picked host of last time is not kept), or with a duplicated task's draft.
      const local = recentProjects(projectsOn(projects, ''), Object.values(tasksById));
      reset(local[0]?.dir ?? OTHER_PROJECT, '', draft);
      pickWhenLoaded.current = local.length === 0 && !draft;
      dialog.showModal();
      setTimeout(() => (local.length ? promptRef.current : dialog.querySelector<HTMLInputElement>('#new-task-dir'))?.focus(), 0);
    } else if (!open && dialog.open) dialog.close();
    // Runs only when `open` flips: the form resets as the dialog opens, not on every project update.
  }, [open]);

  useEffect(() => {
    if (!open || !pickWhenLoaded.current || !ordered.length) return;
    pickWhenLoaded.current = false;
    if (!form.otherDir) update({ project: ordered[0].dir });
  }, [open, ordered, form.otherDir, update]);

  // Ctrl+Enter with a mistake must not look like nothing happened: show the first bad field.
  useEffect(() => {
    const first = FIELD_ORDER.find((f) => errors[f]);
    if (!first) return;
    const el = ref.current?.querySelector<HTMLElement>(FIELD_INPUTS[first].map((id) => `#${id}`).join(','));
    el?.focus();
    el?.scrollIntoView({ block: 'nearest' });
  }, [errors]);

  const invalid = (f: keyof typeof errors) => (errors[f] ? { 'aria-invalid': true as const, 'aria-describedby': `new-task-${f}-error` } : {});
  const fieldError = (f: keyof typeof errors) =>
    errors[f] ? (
      <span className="field-error" id={`new-task-${f}-error`}>
        {errors[f]}
      </span>
    ) : null;

  return (
    <dialog ref={ref} className="dialog" aria-labelledby="new-task-title" onClose={() => setOpen(false)}>
      <form
        className="dialog-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (projectsLoaded) void submit();
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            if (projectsLoaded) void submit();
          }
        }}
      >
        <div className="dialog-head">
          <h2 id="new-task-title">New task</h2>
          <button type="button" className="btn btn-ghost" aria-label="Close without creating" onClick={() => setOpen(false)}>
            ✕
          </button>
        </div>
        {hosts.length ? (
          <div className="field">
            <label htmlFor="new-task-host">Runs on</label>
            <HostPicker id="new-task-host" value={form.host} onChange={pickHost} hosts={hosts} />
            {fieldError('host') ?? (form.host ? <span className="field-hint">The agent runs on {form.host} over ssh; the project is a folder there.</span> : null)}
          </div>
        ) : null}
        <div className="field">
          <label htmlFor="new-task-project">Project</label>
          <div className="project-pick">
            <select id="new-task-project" className="select" value={form.project} onChange={(e) => update({ project: e.target.value })} {...invalid('projectDir')}>
              {ordered.map((p) => (
                <option key={p.id} value={p.dir}>
                  {p.name || baseName(p.dir)} — {p.dir}
                </option>
              ))}
              <option value={OTHER_PROJECT}>Another folder…</option>
            </select>
          </div>
          {form.project === OTHER_PROJECT ? (
            <input
              id="new-task-dir"
              className="input mono"
              aria-label="Project folder path"
              placeholder={form.host ? `~/code/project (on ${form.host})` : '/home/you/code/project'}
              value={form.otherDir}
              onChange={(e) => update({ otherDir: e.target.value })}
              {...invalid('projectDir')}
            />
          ) : null}
          {fieldError('projectDir') ?? (form.project === OTHER_PROJECT ? (
              <span className="field-hint">{form.host ? `A git repository on ${form.host}, inside its trusted roots.` : 'A git repository; it is added to your projects.'}</span>
            ) : null)}
        </div>
        <div className="field">
          <label htmlFor="new-task-prompt">Prompt</label>
          <textarea
            id="new-task-prompt"
            ref={promptRef}
            className="textarea"
            placeholder="What should the agent do?"
            value={form.prompt}
            onChange={(e) => update({ prompt: e.target.value })}
            {...invalid('prompt')}
          />
          {fieldError('prompt')}
        </div>
        <div className="dialog-row">
          <div className="field">
            <label htmlFor="new-task-agent">Agent</label>
            <AgentPicker value={form.agent} onChange={(agent) => update({ agent })} invalid={invalid('agent')} knownAgents={agents} agents={detected.agents} error={detected.error} />
            {fieldError('agent')}
          </div>
          <div className="field">
            <label htmlFor="new-task-ttl">Time limit (minutes)</label>
            <input id="new-task-ttl" className="input" inputMode="numeric" placeholder="60" value={form.ttlMinutes} onChange={(e) => update({ ttlMinutes: e.target.value })} {...invalid('ttlSeconds')} />
            {fieldError('ttlSeconds')}
          </div>
        </div>
        <AlsoAgents agents={detected.agents} first={form.agent} value={form.alsoAgents} onChange={(alsoAgents) => update({ alsoAgents })} />
        <div className="field">
          <label htmlFor="new-task-constraints">Constraints</label>
          <textarea
            id="new-task-constraints"
            className="textarea"
            style={{ minHeight: 60 }}
            placeholder={'One per line, e.g.\nDo not touch the public API'}
            value={form.constraints}
            onChange={(e) => update({ constraints: e.target.value })}
            {...invalid('constraints')}
          />
          {fieldError('constraints')}
        </div>
        {formError ? (
          <div className="notice notice-error" role="alert">
            <p>{formError}</p>
          </div>
        ) : null}
        <div className="dialog-foot">
          <span className="field-hint">{shortcutLabel('Enter', navigator.platform)} to create</span>
          <button type="button" className="btn" onClick={() => setOpen(false)}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={submitting || !projectsLoaded}>
            {submitting ? 'Creating…' : !projectsLoaded ? 'Loading projects…' : form.alsoAgents.filter((a) => a !== form.agent).length ? `Create ${form.alsoAgents.filter((a) => a !== form.agent).length + 1} tasks` : 'Create task'}
          </button>
        </div>
      </form>
    </dialog>
  );
}

/** After creating a task, focus its card (the board renders it a frame or two later). */
function focusCardWhenShown(id: string, tries = 20): void {
  const card = document.querySelector<HTMLElement>(`[data-task-id="${CSS.escape(id)}"]`);
  if (card) card.focus();
  else if (tries > 0) requestAnimationFrame(() => focusCardWhenShown(id, tries - 1));
}
