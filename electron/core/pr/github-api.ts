/**
 * The few GitHub REST calls a pull request needs (issue 16), over fetch. Every failure becomes an
 * AppError that says what to do; the token goes only into the Authorization header and is never
 * part of a message. Reads can carry an ETag (If-None-Match) so polling costs nothing when idle.
 */
import { AppError } from '../errors.js';

export interface GithubApiOptions {
  apiUrl: string;
  token: string;
  /** "owner/name". */
  repo: string;
  fetch?: typeof fetch;
}

export interface PullSummary {
  number: number;
  url: string;
  state: 'open' | 'closed';
  merged: boolean;
  headSha: string;
}

export type Conditional<T> = { notModified: true; etag: string | null } | { notModified: false; etag: string | null; body: T };

interface RawPull {
  number: number;
  html_url: string;
  state: 'open' | 'closed';
  merged_at?: string | null;
  merged?: boolean;
  head?: { sha?: string };
}

const toSummary = (p: RawPull): PullSummary => ({ number: p.number, url: p.html_url, state: p.state, merged: !!(p.merged || p.merged_at), headSha: p.head?.sha ?? '' });

export function createGithubApi(opts: GithubApiOptions) {
  const doFetch = opts.fetch ?? fetch;
  const base = opts.apiUrl.replace(/\/+$/, '');
  const [owner] = opts.repo.split('/');

  const call = async (method: string, path: string, body?: unknown, etag?: string | null): Promise<Response> => {
    const headers: Record<string, string> = {
      Accept: 'application/vnd.github+json',
      Authorization: `Bearer ${opts.token}`,
      'X-GitHub-Api-Version': '2022-11-28',
      'User-Agent': 'switchboard',
    };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (etag) headers['If-None-Match'] = etag;
    let res: Response;
    try {
      res = await doFetch(`${base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(30_000) });
    } catch (err) {
      throw new AppError('unavailable', `could not reach the GitHub API at ${base} (${(err as Error).message}); check the network or github.apiUrl in switchboard.json`);
    }
    if (res.status === 401) throw new AppError('unauthorized', `GitHub refused the token (401) for ${opts.repo}: it is wrong or expired. Set a fresh one in GITHUB_TOKEN, \`gh auth login\` or Settings`);
    if (res.status === 403) {
      const limited = res.headers.get('x-ratelimit-remaining') === '0';
      throw new AppError(
        'unauthorized',
        limited
          ? `GitHub's rate limit for this token is used up (403); try again after ${res.headers.get('x-ratelimit-reset') ?? 'a while'}`
          : `GitHub refused access to ${opts.repo} (403): the token lacks the "repo" scope (or pull request write permission) for it. Grant it and try again`,
      );
    }
    if (res.status === 404) throw new AppError('not_found', `GitHub has no repository ${opts.repo} that this token can see (404): check github.repo in switchboard.json and the token's access`);
    return res;
  };

  const failure = async (res: Response, what: string): Promise<AppError> => {
    const text = await res.text().catch(() => '');
    let message = text.slice(0, 500);
    try {
      const j = JSON.parse(text) as { message?: string; errors?: { message?: string }[] };
      message = [j.message, ...(j.errors ?? []).map((e) => e.message)].filter(Boolean).join(': ');
    } catch {}
    return new AppError('conflict', `${what} failed on GitHub (${res.status}): ${message || 'no details'}`);
  };

  return {
    /** The open pull request whose head is `branch` in this repository, if any. */
    async findOpen(branch: string): Promise<PullSummary | null> {
      const res = await call('GET', `/repos/${opts.repo}/pulls?state=open&head=${encodeURIComponent(`${owner}:${branch}`)}`);
      if (!res.ok) throw await failure(res, `looking for an open pull request from ${branch}`);
      const list = (await res.json()) as RawPull[];
      return list.length ? toSummary(list[0]) : null;
    },

    async create(input: { title: string; body: string; head: string; base: string; draft: boolean }): Promise<PullSummary | 'exists'> {
      const res = await call('POST', `/repos/${opts.repo}/pulls`, input);
      if (res.status === 422) {
        const text = await res.text();
        if (/already exists/i.test(text)) return 'exists';
        throw new AppError('conflict', `GitHub would not open the pull request from ${input.head} into ${input.base} (422): ${text.slice(0, 300)}. Check that the base branch exists on GitHub`);
      }
      if (!res.ok) throw await failure(res, 'opening the pull request');
      return toSummary((await res.json()) as RawPull);
    },

    async get(number: number, etag: string | null): Promise<Conditional<PullSummary>> {
      const res = await call('GET', `/repos/${opts.repo}/pulls/${number}`, undefined, etag);
      if (res.status === 304) return { notModified: true, etag };
      if (!res.ok) throw await failure(res, `reading pull request #${number}`);
      return { notModified: false, etag: res.headers.get('etag'), body: toSummary((await res.json()) as RawPull) };
    },

    /** The combined CI status of a commit: pending, success, failure or error. */
    async status(sha: string, etag: string | null): Promise<Conditional<'pending' | 'success' | 'failure' | 'error'>> {
      const res = await call('GET', `/repos/${opts.repo}/commits/${sha}/status`, undefined, etag);
      if (res.status === 304) return { notModified: true, etag };
      if (!res.ok) throw await failure(res, `reading the CI status of ${sha.slice(0, 12)}`);
      const j = (await res.json()) as { state: 'pending' | 'success' | 'failure' | 'error' };
      return { notModified: false, etag: res.headers.get('etag'), body: j.state };
    },
  };
}
export type GithubApi = ReturnType<typeof createGithubApi>;

/** "owner/name" from a remote URL on GitHub (https, ssh or scp-like), or null. */
export function repoFromRemoteUrl(url: string): string | null {
  const m = /^(?:https?:\/\/(?:[^@/]+@)?|ssh:\/\/(?:[^@/]+@)?|[^@/]+@)?[^/:]+[/:]([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+?)(?:\.git)?\/?$/.exec(url.trim());
  return m ? `${m[1]}/${m[2]}` : null;
}
