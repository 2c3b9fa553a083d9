import { describe, expect, it } from 'vitest';
import { takeToken, tokenFromText, TOKEN_KEY, type TokenEnv } from '../../../renderer/api/token.js';

function env(hash: string, stored: string | null = null) {
  const storage = new Map<string, string>(stored ? [[TOKEN_KEY, stored]] : []);
  const urls: string[] = [];
  const e: TokenEnv = {
    location: { hash, pathname: '/', search: '' },
    history: { replaceState: (_d, _u, url) => urls.push(url!) },
    storage: { getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => void storage.set(k, v) },
  };
  return { e, storage, urls };
}

describe('takeToken', () => {
  it('takes the token from the fragment, stores it and strips it from the address bar', () => {
    const { e, storage, urls } = env('#token=abc-123_x');
    expect(takeToken(e)).toBe('abc-123_x');
    expect(storage.get(TOKEN_KEY)).toBe('abc-123_x');
    expect(urls).toEqual(['/']);
  });

  it('keeps the rest of the fragment', () => {
    const { e, urls } = env('#token=t&x=1');
    expect(takeToken(e)).toBe('t');
    expect(urls).toEqual(['/#x=1']);
  });

  it('falls back to the stored token after a reload, and gives null when there is none', () => {
    const stored = env('#/tasks', 'kept');
    expect(takeToken(stored.e)).toBe('kept');
    expect(stored.urls).toEqual([]);
    expect(takeToken(env('').e)).toBeNull();
  });
});

describe('tokenFromText (pasting a newly printed URL)', () => {
  it('takes the token from a URL serve printed, or a bare token', () => {
    
    expect(tokenFromText(' http://127.0.0.1:7420/#token=abcDEF_123-xyzabcDEF_123-xyz \n')).toBe('abcDEF_123-xyzabcDEF_123-xyz');
    expect(tokenFromText('abcDEF_123-xyzabcDEF_123-xyz')).toBe('abcDEF_123-xyzabcDEF_123-xyz');
    expect(tokenFromText('http://127.0.0.1:7420/')).toBeNull();
    expect(tokenFromText('hello')).toBeNull();
  });
});
