/** Where the page's access token lives. Narrow interfaces so this runs (and is tested) anywhere. */
export interface TokenEnv {
  location: { hash: string; pathname: string; search: string };
  history: { replaceState(data: unknown, unused: string, url?: string): void };
  storage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
}

export const TOKEN_KEY = 'switchboard.token';

/**
 * Takes the token from the URL fragment (`#token=…`, as `switchboard serve` prints it), keeps it in
 * sessionStorage and strips it from the address bar so it is not shared by copy-paste or history.
 * Falls back to the stored token after a reload. Returns null when there is none.
 */
export function takeToken(env: TokenEnv): string | null {
  const params = new URLSearchParams(env.location.hash.replace(/^#/, ''));
  const fromHash = params.get('token');
  if (fromHash) {
    env.storage.setItem(TOKEN_KEY, fromHash);
    params.delete('token');
    const rest = params.toString();
    env.history.replaceState(null, '', `${env.location.pathname}${env.location.search}${rest ? `#${rest}` : ''}`);
    return fromHash;
  }
  return env.storage.getItem(TOKEN_KEY);
}

/** A pasted URL that `switchboard serve` printed (…#token=…), or the token alone; null if neither. */
export function tokenFromText(text: string): string | null {
  const t = text.trim();
  const m = /[#&?]token=([^&\s]+)/.exec(t);
  if (m) return decodeURIComponent(m[1]!);
  return /^[A-Za-z0-9_-]{20,}$/.test(t) ? t : null;
}

/**
 * Pasting a newly printed URL into the tab that is already open changes only the fragment, which
 * does not load the page again: take the new token and reload, so that tab works at once.
 */
export function reloadOnNewToken(win: {
  location: TokenEnv['location'] & { reload(): void };
  history: TokenEnv['history'];
  sessionStorage: TokenEnv['storage'];
  addEventListener(type: 'hashchange', listener: () => void): void;
  removeEventListener(type: 'hashchange', listener: () => void): void;
}): () => void {
  const onHash = () => {
    if (!/(^#|&)token=/.test(win.location.hash)) return;
    takeToken({ location: win.location, history: win.history, storage: win.sessionStorage });
    win.location.reload();
  };
  win.addEventListener('hashchange', onHash);
  return () => win.removeEventListener('hashchange', onHash);
}
