/**
 * The pull-request hand-off (issue 16): a change awaiting review leaves as a commit on
 * `switchboard/<id>`, pushed to the project's remote, with a pull request opened (or reused) through
 * GitHub's REST API. The task ends as pr_opened with the PR on it; a follow-up's change goes out the
 * same way as a new commit on the same branch and PR.
 */
import type { HunkRef } from '../../../shared/models/change.js';
import type { PullRequestInfo, Task } from '../../../shared/models/task.js';
import type { Clock } from '../clock.js';
import type { ConfigService } from '../config/config-service.js';
import { AppError, notFound } from '../errors.js';
import type { GitRunner } from '../git/git-runner.js';
import type { Workspace } from '../git/workspace.js';
import { readSwitchboardFile } from '../provision/switchboard-file.js';
import { selectPatch } from '../review/select-patch.js';
import type { Store } from '../store/index.js';
import type { Transition } from '../tasks/transition.js';
import { createGithubApi, repoFromRemoteUrl } from './github-api.js';
import { NO_TOKEN_MESSAGE, resolveGithubToken } from './github-token.js';
import { buildPrCommit, pushBranch } from './pr-commit.js';

export interface PrServiceDeps {
  store: Store;
  clock: Clock;
  config: ConfigService;
  transition: Transition;
  workspace: Workspace;
  git: GitRunner;
  tmpDir: string;
  /** Where GITHUB_TOKEN and PATH (for gh) are read (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Told the token in use, so the redactor hides it wherever it might show up. */
  onToken?: (token: string) => void;
}

export interface OpenPrInput {
  taskId: string;
  draft?: boolean;
  title?: string;
  files?: string[];
  hunks?: HunkRef[];
}

/** Where a task's PR goes: switchboard.json's `github` (else origin's URL) and the API root. */
export interface GithubTarget {
  repo: string;
  apiUrl: string;
  remote: string;
}

export const DEFAULT_API_URL = 'https://api.github.com';

export function createPrService(deps: PrServiceDeps) {
  const { store, clock, transition, git } = deps;
  const env = deps.env ?? process.env;
  const locks = new Map<string, Promise<unknown>>();
  const oneAtATime = <T>(taskId: string, fn: () => Promise<T>): Promise<T> => {
    const next = (locks.get(taskId) ?? Promise.resolve()).catch(() => {}).then(fn);
    locks.set(taskId, next);
    return next.finally(() => locks.get(taskId) === next && locks.delete(taskId));
  };

  const token = async (): Promise<string> => {
    const found = await resolveGithubToken({ env, configToken: () => deps.config.get().githubToken });
    if (!found) throw new AppError('unauthorized', NO_TOKEN_MESSAGE);
    deps.onToken?.(found.token);
    return found.token;
  };

  const targetOf = async (task: Task, cwd: string, repoRoot: string): Promise<GithubTarget> => {
    const gh = readSwitchboardFile(cwd).github;
    const remote = gh?.pushRemote ?? 'origin';
    let repo = gh?.repo ?? null;
    if (!repo) {
      const url = await git.run({ cwd: repoRoot, args: ['remote', 'get-url', remote], okCodes: [0, 2, 128] });
      repo = url.code === 0 ? repoFromRemoteUrl(url.stdout.toString()) : null;
      if (!repo) throw new AppError('invalid_input', `task ${task.id}: the remote "${remote}" of ${repoRoot} is not a GitHub URL; name the repository in switchboard.json as "github": { "repo": "owner/name" }`);
    }
    return { repo, apiUrl: gh?.apiUrl ?? DEFAULT_API_URL, remote };
  };

  const baseBranchOf = async (task: Task, cwd: string, repoRoot: string): Promise<string> => {
    const configured = readSwitchboardFile(cwd).baseBranch ?? task.baseBranch;
    if (configured) return configured;
    const head = await git.run({ cwd: repoRoot, args: ['symbolic-ref', '--short', '-q', 'HEAD'], okCodes: [0, 1] });
    const branch = head.stdout.toString().trim();
    if (!branch) throw new AppError('invalid_input', `task ${task.id}: the project is on a detached HEAD, so there is no branch to open the pull request against; set "baseBranch" in switchboard.json`);
    return branch;
  };

  return {
    /** Target repository and API of a task's PR (the poller asks too). */
    targetOf,
    token,

    open(input: OpenPrInput): Promise<{ task: Task; pr: PullRequestInfo; reused: boolean; pushed: boolean }> {
      return oneAtATime(input.taskId, async () => {
        const task = store.tasks.get(input.taskId) ?? (() => { throw notFound(`task ${input.taskId}`); })();
        if (task.state !== 'awaiting_review') throw new AppError('conflict', `task ${task.id} is ${task.state}: only a change awaiting review can leave as a pull request`);
        if (task.host) throw new AppError('conflict', `task ${task.id} ran on host ${task.host}: pull requests from tasks on hosts are not supported yet; approve it, or push its branch ${task.branch ?? ''} on the host`);
        const change = store.changes.latest(task.id);
        if (!change || change.state !== 'pending') throw new AppError('conflict', `task ${task.id} has no change awaiting review`);
        const loc = await deps.workspace.locate(task);
        if (loc.mode !== 'worktree' || !task.baseCommit) throw new AppError('conflict', `task ${task.id} ran in place, not in a worktree of a git repository, so it has no branch to push; approve it instead`);
        const target = await targetOf(task, loc.cwd, loc.repo);
        const secret = await token();
        const base = task.pr?.base ?? (await baseBranchOf(task, loc.cwd, loc.repo));
        const branch = task.pr?.branch ?? task.branch ?? `switchboard/${task.id}`;

        const selected = selectPatch(store.changes, change.id, task.id, { files: input.files, hunks: input.hunks });
        const title = input.title?.trim() || firstLine(task.prompt);
        const message = commitMessage(task, title, agentSummary(store, task.id));
        const parent = task.pr?.head ?? task.baseCommit;
        const commit = await buildPrCommit(git, { repo: loc.repo, taskId: task.id, baseCommit: task.baseCommit, parent, patch: selected.patch, message, tmpDir: deps.tmpDir });
        const head = commit ?? parent;
        if (head === task.baseCommit) throw new AppError('conflict', `the selection of task ${task.id} changes nothing against its base; select some files or hunks`);
        if (commit || !task.pr) await pushBranch(git, loc.repo, target.remote, head, branch);

        const api = createGithubApi({ apiUrl: target.apiUrl, token: secret, repo: target.repo });
        let found = await api.findOpen(branch);
        let reused = !!found;
        if (!found) {
          const created = await api.create({ title, body: prBody(task, agentSummary(store, task.id)), head: branch, base, draft: !!input.draft });
          if (created === 'exists') {
            found = await api.findOpen(branch);
            reused = true;
          } else found = created;
        }
        if (!found) throw new AppError('conflict', `GitHub says a pull request from ${branch} exists but does not list it as open; open it on GitHub or delete the branch there, then try again`);
        const pr: PullRequestInfo = { number: found.number, url: found.url, repo: target.repo, apiUrl: target.apiUrl, branch, base, head, state: 'open', checks: null };

        store.changes.decide(change.id, ['pending'], selected.whole ? 'applied' : 'partially_applied', { approvedFiles: selected.files.map((f) => f.path), ...(input.hunks?.length ? { approvedHunks: input.hunks } : {}), commit: head, conflicts: [] }, clock.now());
        const next = transition(task.id, 'open_pr', {
          actor: 'user',
          reason: reused ? `pushed to pull request #${pr.number}` : `opened pull request #${pr.number}`,
          patch: { pr: JSON.stringify(pr), error: null, error_type: null },
          data: { changeId: change.id, pr: pr.number, url: pr.url, commit: head, reused },
        });
        if (!next) throw new AppError('conflict', `task ${task.id} changed state while its pull request was opened (#${pr.number}, ${pr.url}); reload it`);
        return { task: next, pr, reused, pushed: !!commit || !task.pr };
      });
    },
  };
}
export type PrService = ReturnType<typeof createPrService>;

const firstLine = (text: string): string => text.split('\n').find((l) => l.trim())?.trim().slice(0, 72) ?? 'Switchboard task';

/** What the agent said at the end of its latest run: its result text, else its last message. */
function agentSummary(store: Store, taskId: string): string | null {
  const run = store.runs.latest(taskId);
  if (!run) return null;
  const events = store.events.list(run.id, taskId);
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i];
    const text = (e.data as { text?: unknown; isError?: unknown } | null)?.text;
    if ((e.kind === 'result' && !(e.data as { isError?: unknown }).isError) || e.kind === 'text') if (typeof text === 'string' && text.trim()) return text.trim().slice(0, 4000);
  }
  return null;
}

function commitMessage(task: Task, title: string, summary: string | null): string {
  return `${title}\n\n${summary ? `${summary}\n\n` : ''}Task ${task.id} (agent ${task.agent}), via Switchboard.\n`;
}

function prBody(task: Task, summary: string | null): string {
  return [`**Task** (${task.id}, agent ${task.agent}):`, '', task.prompt.slice(0, 4000), '', ...(summary ? ['**Agent summary:**', '', summary, ''] : []), '_Opened by Switchboard._'].join('\n');
}
