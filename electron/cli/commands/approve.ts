import type { HunkRef } from '../../../shared/models/change.js';
import { parseCommandArgs, usageError } from '../args.js';
import { EXIT, type Command } from '../command.js';

export const approveCommand: Command = {
  name: 'approve',
  summary: "Apply a task's change to its project (all of it, or some files or hunks)",
  usage: `Usage: switchboard approve ID [--file PATH]... [--hunk PATH:N]... [--json] [--home DIR]

Applies the task's change to the project: as uncommitted edits in its working tree, or as a commit
when the project's applyMode is "commit". With --file, only the files named; with --hunk, only the
hunk N (counted from 0, as \`switchboard diff\` shows them) of that file. Nothing is applied when any
part conflicts or the project has uncommitted edits to the same files; the files are named.`,
  async run(ctx) {
    const { values, positionals } = parseCommandArgs('approve', ctx.argv, { file: { type: 'string', multiple: true }, hunk: { type: 'string', multiple: true } }, [1, 1]);
    const hunks: HunkRef[] = (values.hunk ?? []).map((h) => {
      const m = /^(.+):(\d+)$/.exec(h);
      if (!m) throw usageError('approve', `--hunk takes PATH:N (the hunk's number in that file, from 0), not "${h}"`);
      return { path: m[1], index: Number(m[2]) };
    });
    const api = await ctx.connect();
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
