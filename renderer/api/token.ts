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
