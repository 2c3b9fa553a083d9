import { useCallback, useState } from 'react';
import type { Task } from '../../../shared/models/task.js';
import { toApiError } from '../../api/api-error.js';
import { useApp, useClient } from '../../store/store-context.js';
import { buildCreateInput, emptyForm, fieldOf, type FieldErrors, type NewTaskField, type NewTaskForm } from './new-task-form.js';

const FIELD_OF_INPUT: Record<keyof NewTaskForm, NewTaskField> = {
  host: 'host',
  project: 'projectDir',
  otherDir: 'projectDir',
  agent: 'agent',
  alsoAgents: 'agent',
  prompt: 'prompt',
  ttlMinutes: 'ttlSeconds',
  constraints: 'constraints',
};

/** The New Task form's state and its submit: validates, calls tasks.create, and maps errors to fields. */
export function useNewTaskForm(onCreated: (task: Task) => void) {
  const { api } = useClient();
  const applyTask = useApp((s) => s.applyTask);
  const [form, setForm] = useState<NewTaskForm>(emptyForm());
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const update = useCallback((patch: Partial<NewTaskForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    // An edited field's old error no longer applies.
    setErrors((e) => {
      const next = { ...e };
      for (const k of Object.keys(patch)) delete next[FIELD_OF_INPUT[k as keyof NewTaskForm]];
      return next;
    });
  }, []);
  const reset = useCallback((project: string, host = '') => {
    setForm(emptyForm(project, host));
    setErrors({});
    setFormError(null);
  }, []);

  const submit = useCallback(async () => {
    const built = buildCreateInput(form);
    if ('errors' in built) {
      setErrors(built.errors);
      return;
    }
    setErrors({});
    setFormError(null);
    setSubmitting(true);
    try {
      const task = await api['tasks.create']({ ...built.input, via: 'ui' });
      applyTask(task);
      onCreated(task);
    } catch (err) {
      const e = toApiError(err);
      const byField: FieldErrors = {};
      for (const d of e.details ?? []) {
        const f = fieldOf(d.path);
        if (f) byField[f] = d.message;
      }
      setErrors(byField);
      if (!Object.keys(byField).length) setFormError(`Could not create the task: ${e.message}`);
    } finally {
      setSubmitting(false);
    }
  }, [api, applyTask, form, onCreated]);

  return { form, update, errors, formError, submitting, submit, reset };
}
