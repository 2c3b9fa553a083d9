import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { isSuccessStatus, type CompletionReport } from '../../../shared/models/completion.js';
import type { DispatchInput } from '../../../shared/models/dispatch.js';
import { parseConfig } from '../../core/config/config-service.js';
import { buildDispatch, inboxIsServed, waitForReport, writeDispatchFile } from '../../core/dispatch/dispatch-file.js';
import { ensureInbox, inboxLayout } from '../../core/dispatch/inbox-layout.js';
import { homePaths } from '../../core/home.js';
import { newTaskId, siblingTaskId } from '../../core/tasks/ids.js';
import { intFlag, parseCommandArgs, usageError } from '../args.js';
import { CliError, EXIT, type Command } from '../command.js';

const who = (): string => {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
};

const summary = (r: CompletionReport): string => {
  const stats = r.diff_stats.files ? `, ${r.diff_stats.files} files +${r.diff_stats.additions} -${r.diff_stats.deletions}` : '';
  const took = r.duration != null ? ` after ${Math.round(r.duration)} s` : '';
  const why = r.error ? `: ${r.error}` : '';
  return `${r.dispatch_id} ${r.status}${stats}${took}${why}`;
};

export const dispatchCommand: Command = {
  name: 'dispatch',
  summary: 'Hand Switchboard a task by dropping a dispatch file in its inbox (works whether the app runs or not)',
  usage: `Usage: switchboard dispatch --project DIR [options] TASK...

Writes a valid dispatch file atomically into <home>/dispatch/ and prints its id. Switchboard takes it
as soon as it runs (now, if it is running). TASK is the rest of the line; "-" reads it from stdin.
The file is signed with dispatchSecret when config.json has one.

Options:
  --project DIR      the project the agent works on (required)
  --agent NAME       agent to run (default: defaultAgent in config.json); repeat it to run the task
                     on several agents as a best-of-N group, one sibling task each, and print every
                     task id (compare them with \`switchboard compare ID\`)
  --ttl S            seconds the agent may run, 60..86400 (default 3600)
  --constraint TEXT  a rule the agent must follow (repeatable)
  --learning TEXT    a lesson from earlier work (repeatable; the first 5 reach the prompt)
  --callback URL     http(s) URL that gets the completion report as a POST
  --priority N       -100..100, or low | normal | high | urgent
  --base-branch B    branch the worktree starts from
  --host NAME        run it on a host of config.json "hosts" (over ssh); --project is a path there
  --id ID            dispatch id (default: a new dispatch-<time>-<random>)
  --by NAME          who dispatched it (default: cli:<user>)
  --wait             wait for the completion report; exit 0 when applied or no_changes, 1 otherwise
  --timeout S        with --wait: give up after S seconds (exit 1)
  --json             print the dispatch (or, with --wait, the completion report) as JSON`,
  async run(ctx) {
    const { values, positionals } = parseCommandArgs(
      'dispatch',
      ctx.argv,
      {
        project: { type: 'string' },
        agent: { type: 'string', multiple: true },
        ttl: { type: 'string' },
        constraint: { type: 'string', multiple: true },
        learning: { type: 'string', multiple: true },
        callback: { type: 'string' },
        priority: { type: 'string' },
        'base-branch': { type: 'string' },
        host: { type: 'string' },
        id: { type: 'string' },
        by: { type: 'string' },
        wait: { type: 'boolean' },
        timeout: { type: 'string' },
      },
      [1, Number.MAX_SAFE_INTEGER],
    );
    if (!values.project) throw usageError('dispatch', '--project DIR is required');
    const task = positionals.length === 1 && positionals[0] === '-' ? readFileSync(0, 'utf8') : positionals.join(' ');
    const ttl = intFlag('dispatch', 'ttl', values.ttl, { min: 60, max: 86_400 });
    const timeout = intFlag('dispatch', 'timeout', values.timeout, { min: 1, max: 7 * 86_400 });
    const priority = values.priority == null ? undefined : /^-?\d+$/.test(values.priority) ? Number(values.priority) : values.priority;
    // A path on a host stays as written (it is resolved there); a local one is made absolute here.
    const project = values.host || values.project.startsWith('~/') || values.project === '~' ? values.project : resolve(values.project);

    const paths = homePaths(ctx.home);
    let secret: string | undefined;
    try {
      const parsed = parseConfig(readFileSync(paths.config, 'utf8'), paths.config);
      if (parsed.ok) secret = parsed.config.dispatchSecret;
      else ctx.io.err(`switchboard: warning: ${parsed.error}; the dispatch is not signed`);
    } catch {} // no config.json: defaults, no secret

    const agents = values.agent ?? [];
    if (agents.length > 1 && values.wait) throw usageError('dispatch', '--wait waits for one task; with several agents, follow the group with `switchboard compare ID` instead');
    const now = Date.now();
    const d = buildDispatch(
      {
        id: values.id ?? newTaskId(now),
        dispatched_by: values.by ?? who(),
        task,
        project: project.replace(/[\\/]+$/, '').split(/[\\/]/).pop() || project,
        project_dir: project,
        ...(agents.length > 1 ? { schema_version: 2, agents } : { target_agent: agents[0] }),
        ttl_seconds: ttl,
        constraints: values.constraint,
        learnings: values.learning,
        callback_url: values.callback,
        priority: priority as DispatchInput['priority'],
        base_branch: values['base-branch'],
        ...(values.host ? { host: values.host, schema_version: 3 } : {}),
      },
      secret,
    );
    ensureInbox(inboxLayout(paths.dispatch));
    const file = writeDispatchFile(paths.dispatch, d);

    const group = d.agents && d.agents.length > 1 ? { group_id: d.id, task_ids: d.agents.map((a, i) => siblingTaskId(d.id, a, i)) } : null;
    if (!values.wait) {
      ctx.io.out(values.json ? JSON.stringify({ dispatch_id: d.id, ...group, file }, null, 2) : (group?.task_ids.join('\n') ?? d.id));
      return EXIT.ok;
    }
    if (!values.json) ctx.io.out(d.id);
    if (!inboxIsServed(paths.dispatch, now)) {
      ctx.io.err(`switchboard: no Switchboard is serving ${paths.dispatch} right now (no recent heartbeat); ${d.id} waits there until one starts`);
    }
    // Scripts read stdout; the person watching learns why this may take a while.
    ctx.io.err(`switchboard: waiting for ${d.id} to end; a change ends when it is reviewed (switchboard diff ${d.id}, then approve or reject)`);
    const report = await waitForReport(paths.dispatch, d.id, { since: now, timeoutMs: timeout == null ? undefined : timeout * 1000 });
    if (!report) throw new CliError(`no completion report for ${d.id} after ${timeout} s; it may still be running (switchboard show ${d.id})`);
    ctx.io.out(values.json ? JSON.stringify(report, null, 2) : summary(report));
    return isSuccessStatus(report.status) ? EXIT.ok : EXIT.failure;
  },
};
