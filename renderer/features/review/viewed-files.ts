import type { ChangeFile } from '../../../shared/models/change.js';

/** Where the marks live in localStorage, and how many are kept (oldest dropped first). */
export const VIEWED_KEY = 'switchboard.review.viewed';
export const MAX_VIEWED = 5000;

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem'>;

/** FNV-1a, 32 bits, as 8 hex digits: a short fingerprint, not a security hash. */
export function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * What a "Viewed" mark is tied to: the change, the file's path, and a fingerprint of its content as
 * the file list describes it (status, old path, modes, line counts). A change's diff never changes
 * under its id, so a follow-up (a new change) or any other file content starts unviewed.
 */
export function viewedKey(changeId: number, file: Pick<ChangeFile, 'path' | 'oldPath' | 'status' | 'additions' | 'deletions' | 'oldMode' | 'newMode'>): string {
  const content = fnv1a([file.status, file.oldPath ?? '', file.oldMode ?? '', file.newMode ?? '', file.additions, file.deletions].join('\0'));
  return `${changeId}\0${file.path}\0${content}`;
}

/** The "Viewed" marks of review files, kept in `storage` (localStorage) so they survive a reload. */
export function createViewedFiles(storage: Storage | null) {
  const listeners = new Set<() => void>();
  let marks: string[] = [];
  try {
    const raw = storage?.getItem(VIEWED_KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    if (Array.isArray(parsed)) marks = parsed.filter((m): m is string => typeof m === 'string');
  } catch {
    // Unreadable marks (edited by hand, another version): start with none rather than fail the review.
  }
  let set = new Set(marks);
  let version = 0;
  const save = () => {
    try {
      storage?.setItem(VIEWED_KEY, JSON.stringify(marks));
    } catch {
      // A full or disabled storage: the marks still hold until the page reloads.
    }
  };
  return {
    has: (key: string): boolean => set.has(key),
    set(key: string, viewed: boolean): void {
      if (viewed === set.has(key)) return;
      marks = viewed ? [...marks, key].slice(-MAX_VIEWED) : marks.filter((m) => m !== key);
      set = new Set(marks);
      version++;
      save();
      for (const l of listeners) l();
    },
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** Changes whenever a mark does (for useSyncExternalStore). */
    version: (): number => version,
  };
}
export type ViewedFiles = ReturnType<typeof createViewedFiles>;
