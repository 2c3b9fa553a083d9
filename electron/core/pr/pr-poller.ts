/**
 * Keeps the pull requests on tasks current while the app runs (issue 16): once a minute, each open
 * PR of a pr_opened task is read (state, merged) with the CI status of its head commit. Politely:
 * one round at a time, every read carries the last ETag (If-None-Match), so an unchanged PR costs a
 * 304; a changed one is written on the task through transition.annotate (task.changed for the UI).
 */
import type { PullRequestInfo, Task } from '../../../shared/models/task.js';
import type { Store } from '../store/index.js';
import type { Transition } from '../tasks/transition.js';
import { createGithubApi } from './github-api.js';
import type { PrService } from './pr-service.js';

export interface PrPollerDeps {
  store: Store;
  transition: Transition;
  pr: Pick<PrService, 'token'>;
  intervalMs?: number;
  log?: (message: string) => void;
}

export function createPrPoller(deps: PrPollerDeps) {
  const etags = new Map<string, string | null>();
  let timer: NodeJS.Timeout | null = null;
  let round: Promise<void> | null = null;
  const log = deps.log ?? ((m: string) => console.error(`switchboard pull requests: ${m}`));

  const pollOne = async (task: Task, pr: PullRequestInfo, token: string): Promise<void> => {
    const api = createGithubApi({ apiUrl: pr.apiUrl, token, repo: pr.repo });
    const pull = await api.get(pr.number, etags.get(`pull:${task.id}`) ?? null);
    etags.set(`pull:${task.id}`, pull.etag);
    const checks = await api.status(pr.head, etags.get(`checks:${task.id}:${pr.head}`) ?? null);
    etags.set(`checks:${task.id}:${pr.head}`, checks.etag);
    const next: PullRequestInfo = {
      ...pr,
      ...(pull.notModified ? {} : { state: pull.body.merged ? 'merged' : pull.body.state }),
      ...(checks.notModified ? {} : { checks: checks.body }),
    };
    if (next.state !== pr.state || next.checks !== pr.checks) deps.transition.annotate(task.id, { pr: JSON.stringify(next) }, { reason: `pull request #${pr.number}: ${next.state}, checks ${next.checks ?? 'unknown'}` });
  };

  /** One round over every open PR; a round still running is joined, never doubled. */
  const poll = (): Promise<void> =>
    (round ??= (async () => {
      try {
        const open = deps.store.tasks
          .idsInStates(['pr_opened'])
          .map((id) => deps.store.tasks.get(id))
          .filter((t): t is Task => !!t?.pr && t.pr.state === 'open');
        if (!open.length) return;
        let token: string;
        try {
          token = await deps.pr.token();
        } catch {
          return; // no token now: nothing to poll with; tried again next round
        }
        for (const task of open) {
          await pollOne(task, task.pr!, token).catch((err: unknown) => log(`could not read pull request #${task.pr!.number} of task ${task.id}: ${(err as Error).message}`));
        }
      } finally {
        round = null;
      }
    })());

  return {
    poll,
    start() {
      if (timer) return;
      timer = setInterval(() => void poll(), deps.intervalMs ?? 60_000);
      timer.unref();
    },
    async dispose() {
      if (timer) clearInterval(timer);
      timer = null;
      await round;
    },
  };
}
export type PrPoller = ReturnType<typeof createPrPoller>;
