import { useSyncExternalStore } from 'react';
import type { ChangeFile } from '../../../shared/models/change.js';
import { createViewedFiles, viewedKey } from './viewed-files.js';

const storage = typeof localStorage === 'undefined' ? null : localStorage;
/** The page's one set of "Viewed" marks (localStorage). */
export const viewedFiles = createViewedFiles(storage);

/** Re-renders when any "Viewed" mark changes; returns whether a file of a change is marked. */
export function useViewed(): (changeId: number | undefined, file: ChangeFile) => boolean {
  useSyncExternalStore(viewedFiles.subscribe, viewedFiles.version);
  return (changeId, file) => changeId != null && viewedFiles.has(viewedKey(changeId, file));
}

export const setViewed = (changeId: number, file: ChangeFile, viewed: boolean): void => viewedFiles.set(viewedKey(changeId, file), viewed);
