/**
 * One patch from selections of several sibling changes of a best-of-N group (issue 17). The siblings
 * share a base commit, so a file only one of them touched is taken as it is, and a file several
 * touched gets their hunks merged in line order; overlapping hunks are refused (mergeHunks), before
 * anything is written.
 */
import type { ChangeFile } from '../../../shared/models/change.js';
import { mergeHunks } from './hunk-patch.js';

export interface PickedChange {
  taskId: string;
  agent: string;
  perFile: { file: ChangeFile; patch: Buffer }[];
}

export function combinePicks(picks: PickedChange[]): { patch: Buffer; paths: string[] } {
  const byPath = new Map<string, { label: string; file: ChangeFile; patch: Buffer }[]>();
  for (const p of picks) {
    for (const { file, patch } of p.perFile) {
      const list = byPath.get(file.path) ?? [];
      list.push({ label: `${p.taskId} (${p.agent})`, file, patch });
      byPath.set(file.path, list);
    }
  }
  const parts: Buffer[] = [];
  const paths = new Set<string>();
  for (const [path, list] of byPath) {
    parts.push(list.length === 1 ? list[0].patch : mergeHunks(path, list));
    for (const { file } of list) {
      paths.add(file.path);
      if (file.oldPath) paths.add(file.oldPath);
    }
  }
  return { patch: Buffer.concat(parts), paths: [...paths] };
}
