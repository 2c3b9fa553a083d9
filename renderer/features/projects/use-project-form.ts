import { useEffect, useRef, useState } from 'react';
import type { Project } from '../../../shared/models/project.js';
import { describeError, toApiError } from '../../api/api-error.js';
import { useApp } from '../../store/store-context.js';
import { hasProjectChanges, projectChanges, projectDraftFrom, type ProjectDraft } from './project-settings-form.js';

export type SaveOutcome = { kind: 'saved' } | { kind: 'error'; message: string } | null;

/** The project settings form: its draft, field errors, and Save (projects.update) / Revert. */
export function useProjectForm(project: Project) {
  const update = useApp((s) => s.updateProject);
  const [draft, setDraft] = useState<ProjectDraft>(() => projectDraftFrom(project));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<SaveOutcome>(null);

  // Another project, or this one changed elsewhere while nothing here was edited: start from it.
  const base = useRef(project);
  useEffect(() => {
    const before = base.current;
    base.current = project;
    if (before === project) return;
    setDraft((d) => (project.id !== before.id || !hasProjectChanges(projectChanges(before, d)) ? projectDraftFrom(project) : d));
    if (project.id !== before.id) {
      setErrors({});
      setOutcome(null);
    }
  }, [project]);

  const changes = projectChanges(project, draft);
  // A field that cannot be sent is still an edit: Save says what is wrong with it.
  const dirty = hasProjectChanges(changes) || Object.keys(changes.errors).length > 0;
  const edit = <K extends keyof ProjectDraft>(key: K, value: ProjectDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setOutcome(null);
  };

  const save = async () => {
    if (Object.keys(changes.errors).length) {
      setErrors(changes.errors);
      setOutcome({ kind: 'error', message: 'Fix the fields marked below; nothing was saved.' });
      return;
    }
    setSaving(true);
    try {
      const saved = await update(project.id, changes.patch, changes.name);
      setDraft(projectDraftFrom(saved));
      setErrors({});
      setOutcome({ kind: 'saved' });
    } catch (err) {
      const e = toApiError(err);
      setErrors(Object.fromEntries((e.details ?? []).map((d) => [d.path, d.message])));
      setOutcome({ kind: 'error', message: describeError(e) });
    } finally {
      setSaving(false);
    }
  };
  const revert = () => {
    setDraft(projectDraftFrom(project));
    setErrors({});
    setOutcome(null);
  };
  return { draft, errors, dirty, saving, outcome, edit, save, revert };
}
export type ProjectForm = ReturnType<typeof useProjectForm>;
