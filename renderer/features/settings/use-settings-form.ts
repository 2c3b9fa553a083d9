import { useCallback, useEffect, useMemo, useState } from 'react';
import { toApiError } from '../../api/api-error.js';
import { useApp, useClient } from '../../store/store-context.js';
import { changesFrom, draftFrom, fieldErrorsFrom, hasChanges, type FieldErrors, type SettingsDraft } from './settings-form.js';
import { useSettingsView } from './use-settings-view.js';

/** Fields this form shows; an error for any other key is spelled out in the save bar instead. */
const SHOWN = ['maxConcurrent', 'maxConcurrentPerProject', 'trustedRoots', 'dispatchDirs', 'permissionPolicy', 'onInterrupted', 'localOnly', 'mcp', 'dispatchSecret', 'githubToken', 'projects', 'notifications'];
const isShown = (key: string) => SHOWN.some((f) => key === f || key.startsWith(`${f}.`));

export type Outcome = { kind: 'saved' } | { kind: 'error'; message: string; conflict: boolean } | null;

/** The editable Settings form: a draft over the core's view, Save (errors placed by field) and Revert. */
export function useSettingsForm() {
  const { api } = useClient();
  const projects = useApp((s) => s.projects);
  const loadProjects = useApp((s) => s.loadProjects);
  const { view, loadError, reload, update } = useSettingsView();
  const [draft, setDraft] = useState<SettingsDraft | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    void loadProjects();
  }, [loadProjects]);
  // A fresh view (first load, reload) starts a fresh draft.
  useEffect(() => {
    if (view && !draft) setDraft(draftFrom(view));
  }, [view, draft]);

  const changes = useMemo(() => (view && draft ? changesFrom(view, projects, draft) : null), [view, projects, draft]);
  const dirty = !!changes && (hasChanges(changes) || draft?.dispatchSecret.kind !== 'keep' || draft?.githubToken.kind !== 'keep');

  /** Changes one field; its old error (and its items' errors) no longer apply. */
  const edit = useCallback(<K extends keyof SettingsDraft>(key: K, value: SettingsDraft[K], errorKey: string = key) => {
    setDraft((d) => (d ? { ...d, [key]: value } : d));
    setOutcome(null);
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => k !== errorKey && !k.startsWith(`${errorKey}.`))));
  }, []);

  const revert = useCallback(() => {
    if (view) setDraft(draftFrom(view));
    setErrors({});
    setOutcome(null);
  }, [view]);

  const reloadFromDisk = useCallback(async () => {
    const v = await reload();
    if (v) setDraft(draftFrom(v));
    setErrors({});
    setOutcome(null);
  }, [reload]);

  const save = useCallback(async () => {
    if (!view || !changes) return;
    if (Object.keys(changes.errors).length) {
      setErrors(changes.errors);
      return;
    }
    setSaving(true);
    setOutcome(null);
    const found: FieldErrors = {};
    try {
      for (const limit of changes.projectLimits) {
        await api['settings.projectLimit'](limit).catch((err: unknown) => {
          found[`projects.${limit.projectId}`] = toApiError(err).fieldError('maxConcurrent') ?? toApiError(err).message;
        });
      }
      if (changes.projectLimits.length) await loadProjects();
      const next = Object.keys(changes.patch).length ? await update(changes.patch) : view;
      setDraft(draftFrom(next));
      setErrors(found);
      setOutcome(Object.keys(found).length ? { kind: 'error', message: 'Some project limits were not saved; see below.', conflict: false } : { kind: 'saved' });
    } catch (err) {
      const e = toApiError(err);
      const byField = { ...found, ...fieldErrorsFrom(e.details) };
      setErrors(byField);
      const elsewhere = Object.entries(byField).filter(([k]) => !isShown(k));
      const message = !Object.keys(byField).length
        ? e.message
        : elsewhere.length
          ? `Not saved: ${elsewhere.map(([k, m]) => `${k}: ${m}`).join('; ')}`
          : 'Not saved: fix the fields marked below.';
      setOutcome({ kind: 'error', message, conflict: e.code === 'conflict' });
    } finally {
      setSaving(false);
    }
  }, [api, view, changes, update, loadProjects]);

  return { view, draft, projects, loadError, errors, outcome, saving, dirty, edit, save, revert, reloadFromDisk };
}

export type SettingsForm = ReturnType<typeof useSettingsForm>;
