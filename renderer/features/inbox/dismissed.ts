const KEY = 'switchboard.dismissedFailures';
/** Only the newest are kept: an old failure's id is not worth storing forever. */
const MAX = 500;

/** Failed tasks dismissed from Needs you, from this browser's storage (empty when there is none). */
export function loadDismissed(): ReadonlySet<string> {
  try {
    const raw = globalThis.localStorage?.getItem(KEY);
    const ids: unknown = raw ? JSON.parse(raw) : [];
    return new Set(Array.isArray(ids) ? ids.filter((x): x is string => typeof x === 'string') : []);
  } catch {
    return new Set();
  }
}

export function saveDismissed(ids: ReadonlySet<string>): void {
  try {
    globalThis.localStorage?.setItem(KEY, JSON.stringify([...ids].slice(-MAX)));
  } catch {
    // Storage full or blocked: the dismissal lasts for this session only.
  }
}
