/**
 * What must hold after every restart of a crash loop (ARCHITECTURE.md invariants 1-4), checked from the
 * outside: the store (integrity, one task per dispatch, at most one applied change), the inbox (every
 * file in exactly one folder), the project checkouts (exactly the approved changes, each whole), the
 * worktrees (registered in git and on disk alike) and the completion reports. Returns the problems
 * found and how many items of data were lost.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isFinalState, type TaskState } from '../../../shared/models/task.js';
import { census } from './inbox-census.js';
import { treeOf, type World } from './crash-world.js';

export interface CheckResult {
  problems: string[];
  lost: number;
}

interface TaskRow {
  id: string;
  state: TaskState;
  worktree_path: string | null;
  error: string | null;
}

const registeredWorktrees = (repo: string): { path: string; prunable: boolean }[] =>
  execFileSync('git', ['worktree', 'list', '--porcelain'], { cwd: repo, encoding: 'utf8' })
    .split('\n\n')
    .filter((b) => b.startsWith('worktree '))
    .map((b) => ({ path: b.split('\n')[0].slice('worktree '.length), prunable: /\nprunable/.test(b) }))
    .filter((w) => w.path !== repo);

/** `final`: everything has settled (no task is running), so the stricter checks apply too. */
export function checkWorld(world: World, opts: { final: boolean }): CheckResult {
  const problems: string[] = [];
  let lost = 0;
  const fail = (msg: string, isLoss = false) => {
    problems.push(msg);
    if (isLoss) lost++;
  };
  const db = world.db();
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') fail(`store integrity_check: ${String(integrity)}`, true);

    const tasks = new Map((db.prepare('SELECT id, state, worktree_path, error FROM tasks').all() as TaskRow[]).map((t) => [t.id, t]));
    const changes = db.prepare("SELECT task_id, state, applying_at FROM changes WHERE state != 'superseded'").all() as { task_id: string; state: string; applying_at: number | null }[];

    // Store: one task per dispatch, none extra; at most one applied change per task.
    for (const id of world.dispatched.keys()) if (!tasks.has(id)) fail(`dispatch ${id} has no task`, true);
    for (const id of tasks.keys()) if (!world.dispatched.has(id)) fail(`task ${id} belongs to no dispatch (a duplicate?)`, true);
    const appliedCount = new Map<string, number>();
    for (const c of changes) if (c.state === 'applied' || c.state === 'partially_applied') appliedCount.set(c.task_id, (appliedCount.get(c.task_id) ?? 0) + 1);
    for (const [id, n] of appliedCount) if (n > 1) fail(`task ${id} has ${n} applied changes`, true);
    const interrupted = new Set(changes.filter((c) => c.state === 'pending' && c.applying_at != null).map((c) => c.task_id));

    // Inbox: each file in exactly one folder, and (all being valid) never rejected.
    const seen = census(world.inbox, [...world.dispatched.values()].map((d) => d.name));
    for (const name of seen.missing) fail(`dispatch file ${name} is in no folder`, true);
    for (const name of seen.doubled) fail(`dispatch file ${name} is in ${seen.places.get(name)!.join(' and ')}`, true);
    for (const [name, places] of seen.places) {
      if (places.join() === 'rejected') fail(`valid dispatch file ${name} was rejected: ${seen.reason(name)?.message}`, true);
      if (places.join() === 'inbox') fail(`dispatch file ${name} still waits in the inbox`);
    }

    // Projects: the base files, plus exactly the files of each applied task; a cut-short approval all or nothing.
    for (const project of world.projects) {
      const tree = treeOf(project);
      const expected = new Map(world.base.get(project));
      for (const d of world.dispatched.values()) {
        if (d.project !== project) continue;
        const state = tasks.get(d.id)?.state;
        const present = Object.entries(d.files).filter(([p, text]) => tree.get(p) === text).length;
        const total = Object.keys(d.files).length;
        const maybe = world.maybeApplied.has(d.id) || interrupted.has(d.id);
        if (state === 'applied' && present !== total) fail(`task ${d.id} is applied but ${project} has ${present} of its ${total} files`, true);
        else if (state !== 'applied' && maybe && present !== 0 && present !== total) fail(`the cut-short approval of ${d.id} left ${present} of ${total} files in ${project}`, true);
        else if (state !== 'applied' && !maybe && present !== 0) fail(`${project} has files of ${d.id}, which is ${state}, not applied`, true);
        for (const p of Object.keys(d.files)) if (state === 'applied' || (maybe && present === total)) expected.set(p, d.files[p]);
      }
      for (const [p, text] of tree) if (expected.get(p) !== text) fail(`${project}: unexpected content at ${p}`, true);
      for (const p of expected.keys()) if (!tree.has(p)) fail(`${project}: ${p} is missing`, true);
    }

    // Worktrees: a change awaiting review still has its worktree, registered in git.
    const registered = new Map(world.projects.flatMap((p) => registeredWorktrees(p).map((w) => [w.path, w] as const)));
    for (const t of tasks.values()) {
      if (t.state !== 'awaiting_review') continue;
      if (!t.worktree_path || !existsSync(t.worktree_path) || !registered.has(t.worktree_path)) fail(`task ${t.id} awaits review but its worktree ${t.worktree_path} is gone`, true);
    }
    if (opts.final) {
      for (const w of registered.values()) if (w.prunable || !existsSync(w.path)) fail(`git still lists the removed worktree ${w.path}`);
      const root = join(world.home, 'worktrees');
      const dirs = existsSync(root) ? readdirSync(root).flatMap((p) => readdirSync(join(root, p)).map((id) => join(root, p, id))) : [];
      for (const dir of dirs) if (!registered.has(dir)) fail(`worktree folder ${dir} is not a git worktree`);
      for (const t of tasks.values()) {
        if (!isFinalState(t.state) && t.state !== 'awaiting_review') fail(`task ${t.id} is still ${t.state}`);
        if (t.state === 'applied' && t.worktree_path) fail(`applied task ${t.id} kept its worktree ${t.worktree_path}`);
        if (t.state !== 'applied' && !world.maybeApplied.has(t.id)) fail(`task ${t.id} ended ${t.state}${t.error ? `: ${t.error}` : ''}`);
        if (!isFinalState(t.state)) continue;
        // Reports are never lost: a final task has its completion report with its status.
        const report = join(world.inbox, 'completed', `${t.id}.json`);
        const status = existsSync(report) ? (JSON.parse(readFileSync(report, 'utf8')) as { status?: string }).status : null;
        if (status !== t.state) fail(`task ${t.id} is ${t.state} but its completion report says ${status ?? 'nothing (missing)'}`, true);
      }
    }
  } finally {
    db.close();
  }
  return { problems, lost };
}
