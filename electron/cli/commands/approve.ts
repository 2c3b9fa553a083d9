import type { HunkRef } from '../../../shared/models/change.js';
import { parseCommandArgs, usageError } from '../args.js';
import { EXIT, type Command } from '../command.js';

export const approveCommand: Command = {
  name: 'approve',
  summary: "Apply a task's change to its project (all of it, or some files or hunks)",
  usage: `Usage: switchboard approve ID [--file PATH]... [--hunk PATH:N]... [--pick SIBLING:PATH[:N]]... [--json] [--home DIR]

Applies the task's change to the project: as uncommitted edits in its working tree, or as a commit
when the project's applyMode is "commit". With --file, only the files named; with --hunk, only the
hunk N (counted from 0, as \`switchboard diff\` shows them) of that file. Nothing is applied when any
part conflicts or the project has uncommitted edits to the same files; the files are named.

A task of a best-of-N group (dispatched with --agent A --agent B) wins: its unfinished siblings are
rejected as superseded by it. --pick takes a file (SIBLING:PATH) or one hunk (SIBLING:PATH:N) from a
sibling into the same approval (\`switchboard compare ID\` lists them); hunks that overlap are refused,
naming the file and lines, and nothing is written.`,
  async run(ctx) {
    const { values, positionals } = parseCommandArgs(
      'approve',
      ctx.argv,
      { file: { type: 'string', multiple: true }, hunk: { type: 'string', multiple: true }, pick: { type: 'string', multiple: true } },
      [1, 1],
    );
    const hunks: HunkRef[] = (values.hunk ?? []).map((h) => {
      const m = /^(.+):(\d+)$/.exec(h);
      if (!m) throw usageError('approve', `--hunk takes PATH:N (the hunk's number in that file, from 0), not "${h}"`);
      return { path: m[1], index: Number(m[2]) };
    });
    const api = await ctx.connect();
    if (values.pick?.length) {
      const own = { taskId: positionals[0], files: values.file, hunks: hunks.length ? hunks : undefined };
      const result = await api['groups.approve']({ picks: [own, ...siblingPicks(values.pick, positionals[0])] });
      if (values.json) ctx.io.out(JSON.stringify(result, null, 2));
      else {
        const lines = result.approved.map((a) => `${a.task.id} (${a.task.agent}) is ${a.task.state}: ${a.appliedFiles.join(', ')}`);
        if (result.superseded.length) lines.push(`superseded: ${result.superseded.join(', ')}`);
        ctx.io.out(lines.join('\n'));
      }
      return EXIT.ok;
    }
    const result = await api['changes.approve']({ taskId: positionals[0], files: values.file, hunks: hunks.length ? hunks : undefined });
    if (values.json) ctx.io.out(JSON.stringify(result, null, 2));
    else {
      const n = result.appliedFiles.length;
      const how = result.change.review.commit ? `committed as ${result.change.review.commit.slice(0, 12)}` : 'left as uncommitted edits';
      ctx.io.out(`${result.task.id} is ${result.task.state}: ${n} file${n === 1 ? '' : 's'} ${how} in ${result.task.projectDir}\n${result.appliedFiles.map((p) => `  ${p}`).join('\n')}`);
    }
    return EXIT.ok;
  },
};

/** `--pick SIBLING:PATH` (a whole file) and `--pick SIBLING:PATH:N` (one hunk), one pick per sibling. */
function siblingPicks(raw: string[], winner: string): { taskId: string; files?: string[]; hunks?: HunkRef[] }[] {
  const bySibling = new Map<string, { files: string[]; hunks: HunkRef[] }>();
  for (const p of raw) {
    const m = /^([^:]+):(.+?)(?::(\d+))?$/.exec(p);
    if (!m) throw usageError('approve', `--pick takes SIBLING:PATH or SIBLING:PATH:N (a task id of the same group, a file, a hunk number from 0), not "${p}"`);
    if (m[1] === winner) throw usageError('approve', `--pick names ${winner}, the task being approved; use --file or --hunk for its own files`);
    const entry = bySibling.get(m[1]) ?? { files: [], hunks: [] };
    if (m[3] == null) entry.files.push(m[2]);
    else entry.hunks.push({ path: m[2], index: Number(m[3]) });
    bySibling.set(m[1], entry);
  }
  return [...bySibling].map(([taskId, e]) => ({ taskId, ...(e.files.length ? { files: e.files } : {}), ...(e.hunks.length ? { hunks: e.hunks } : {}) }));
}
