/**
 * Where the GitHub token comes from (issue 16): GITHUB_TOKEN, then `gh auth token` when gh is
 * installed, then `githubToken` in config.json. The token is only ever put in an Authorization
 * header; it is added to the redactor's secrets so nothing Switchboard writes can carry it.
 */
import { execFile } from 'node:child_process';
import { findExecutable } from '../runners/find-executable.js';

export type TokenSource = 'GITHUB_TOKEN' | 'gh' | 'config';

export interface TokenDeps {
  env: NodeJS.ProcessEnv;
  configToken: () => string | undefined;
}

const ghToken = (gh: string, env: NodeJS.ProcessEnv): Promise<string | null> =>
  new Promise((resolve) => {
    execFile(gh, ['auth', 'token'], { env, timeout: 10_000 }, (err, stdout) => resolve(err ? null : stdout.trim() || null));
  });

export async function resolveGithubToken(deps: TokenDeps): Promise<{ token: string; source: TokenSource } | null> {
  const fromEnv = deps.env.GITHUB_TOKEN?.trim();
  if (fromEnv) return { token: fromEnv, source: 'GITHUB_TOKEN' };
  const gh = findExecutable('gh', deps.env.PATH);
  const fromGh = gh ? await ghToken(gh, deps.env) : null;
  if (fromGh) return { token: fromGh, source: 'gh' };
  const fromConfig = deps.configToken();
  return fromConfig ? { token: fromConfig, source: 'config' } : null;
}

export const NO_TOKEN_MESSAGE =
  'no GitHub token was found: set GITHUB_TOKEN, or run `gh auth login`, or set githubToken in Settings (config.json), then try again';
