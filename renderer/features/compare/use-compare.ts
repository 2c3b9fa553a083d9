import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ChangeFile } from '../../../shared/models/change.js';
import { describeError } from '../../api/api-error.js';
import { useApp, useClient } from '../../store/store-context.js';
import type { Group, Picks } from './compare-picks.js';

/**
 * A best-of-N group side by side (groups.compare), reloaded whenever one of its siblings changes, and
 * its approval (groups.approve).
 */
export function useCompare(taskId: string) {
  const { api } = useClient();
  const applyTask = useApp((s) => s.applyTask);
  const groupId = useApp((s) => s.tasksById[taskId]?.groupId ?? null);
  // Reload when any sibling moves (its state, its change after a follow-up...).
  const siblingsKey = useApp((s) =>
    groupId
      ? Object.values(s.tasksById)
          .filter((t) => t.groupId === groupId)
          .map((t) => `${t.id}:${t.state}:${t.updatedAt}`)
          .sort()
          .join(',')
      : '',
  );
  const [group, setGroup] = useState<Group | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);

  const load = useCallback(async () => {
    try {
      setGroup(await api['groups.compare']({ id: taskId }));
      setError(null);
    } catch (err) {
      setError(`Could not compare the group of ${taskId}: ${describeError(err)}`);
    }
  }, [api, taskId]);
  useEffect(() => {
    void load();
  }, [load, siblingsKey]);

  const approve = useCallback(
    async (picks: Picks, label: string) => {
      setBusy(true);
      setResult(null);
      try {
        const out = await api['groups.approve']({ picks });
        for (const a of out.approved) applyTask(a.task);
        const files = out.approved.reduce((n, a) => n + a.appliedFiles.length, 0);
        const superseded = out.superseded.length ? `; ${out.superseded.length} other${out.superseded.length === 1 ? '' : 's'} superseded` : '';
        setResult({ ok: true, message: `${label.replace(/^Approve/, 'Applied')}: ${files} file${files === 1 ? '' : 's'} written${superseded}.` });
        await load();
      } catch (err) {
        setResult({ ok: false, message: `Nothing was applied: ${describeError(err)}` });
      } finally {
        setBusy(false);
      }
    },
    [api, applyTask, load],
  );

  return useMemo(() => ({ group, error, busy, result, approve }), [group, error, busy, result, approve]);
}

/** One file's diff in each sibling that touched it (changes.fileDiff, against that sibling's change). */
export function useFilePatches(group: Group | null, path: string | null) {
  const { api } = useClient();
  const [patches, setPatches] = useState<Record<string, { file: ChangeFile; patch: string; truncated: boolean } | { error: string }>>({});
  const wanted = useMemo(() => {
    if (!group || !path) return [];
    const touched = group.files.find((f) => f.path === path)?.taskIds ?? [];
    return group.members.filter((m) => m.change && touched.includes(m.task.id)).map((m) => ({ taskId: m.task.id, changeId: m.change!.id }));
  }, [group, path]);
  const key = wanted.map((w) => `${w.taskId}@${w.changeId}`).join(',');
  useEffect(() => {
    if (!path) return;
    let live = true;
    setPatches({});
    for (const w of wanted) {
      api['changes.fileDiff']({ taskId: w.taskId, path, changeId: w.changeId }).then(
        (d) => live && setPatches((p) => ({ ...p, [w.taskId]: d })),
        (err) => live && setPatches((p) => ({ ...p, [w.taskId]: { error: describeError(err) } })),
      );
    }
    return () => {
      live = false;
    };
    // `key` stands for `wanted`: refetch only when a sibling's change or the file changes.
  }, [api, path, key]);
  return patches;
}
