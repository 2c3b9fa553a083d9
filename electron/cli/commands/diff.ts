import type { ChangeFile } from '../../../shared/models/change.js';
import { parseCommandArgs } from '../args.js';
import { EXIT, type Command } from '../command.js';
import { RISK_LABELS, riskFlags, type RiskFlag } from '../../../shared/models/change-risk.js';

export const diffCommand: Command = {
  name: 'diff',
  summary: "Show a task's captured change (a unified diff, or --stat)",
  usage: `Usage: switchboard diff ID [--stat] [--file PATH]... [--color | --no-color] [--json] [--home DIR]

Prints the change the task's agent made, against the commit it started from: every file's
unified diff (coloured on a terminal), or with --stat one line per file. --file limits it to
the files named. Files are fetched one at a time, so a huge change starts printing at once.
With --json, prints the change summary and its files (with each file's patch unless --stat).`,
  async run(ctx) {
    const { values, positionals } = parseCommandArgs(
      'diff',
      ctx.argv,
      { stat: { type: 'boolean' }, file: { type: 'string', multiple: true }, color: { type: 'boolean' }, 'no-color': { type: 'boolean' } },
      [1, 1],
    );
    const taskId = positionals[0];
    const api = await ctx.connect();
    const summary = await api['changes.get']({ taskId });
    const wanted = values.file?.length ? new Set(values.file) : null;
    const files = wanted ? summary.files.filter((f) => wanted.has(f.path) || (f.oldPath && wanted.has(f.oldPath))) : summary.files;
    const color = values['no-color'] ? false : (values.color ?? (ctx.io.isTTY && !ctx.env.NO_COLOR));

    // Files that run code or change how git, CI or the editor behave are named first (issue 12).
    const risky = files.map((f) => ({ f, flags: riskFlags(f) })).filter((r) => r.flags.length);
    if (values.json) {
      const withPatches = [];
      for (const f of files) withPatches.push(values.stat ? { ...f, flags: riskFlags(f) } : { ...f, flags: riskFlags(f), patch: (await api['changes.fileDiff']({ taskId, path: f.path, changeId: summary.change.id })).patch });
      ctx.io.out(JSON.stringify({ change: summary.change, files: withPatches, comments: summary.comments }, null, 2));
      return EXIT.ok;
    }
    if (risky.length) ctx.io.err(renderRisks(risky, color));
    if (values.stat) {
      ctx.io.out(renderStat(files, color));
      return EXIT.ok;
    }
    for (const f of files) {
      const { patch, truncated } = await api['changes.fileDiff']({ taskId, path: f.path, changeId: summary.change.id });
      let text = patch.replace(/\n$/, '');
      if (f.binary) text += `\nBinary file${f.size == null ? '' : `, ${f.size} bytes`}`;
      if (truncated) text += '\n[switchboard: this patch is too large to show whole]';
      ctx.io.out(color ? colorize(text) : text);
    }
    return EXIT.ok;
  },
};

const C = { bold: '\x1b[1m', red: '\x1b[31m', green: '\x1b[32m', cyan: '\x1b[36m', reset: '\x1b[0m' };

/** git's colours: bold headers, cyan hunk lines, red removals, green additions. */
export function colorize(patch: string): string {
  let inHunk = false;
  return patch
    .split('\n')
    .map((line) => {
      if (line.startsWith('diff --git ')) inHunk = false;
      if (line.startsWith('@@')) {
        inHunk = true;
        return `${C.cyan}${line}${C.reset}`;
      }
      if (!inHunk) return `${C.bold}${line}${C.reset}`;
      if (line.startsWith('+')) return `${C.green}${line}${C.reset}`;
      if (line.startsWith('-')) return `${C.red}${line}${C.reset}`;
      return line;
    })
    .join('\n');
}

/** "review with care" lines for flagged files, on stderr so the patch on stdout stays a clean patch. */
export function renderRisks(risky: { f: ChangeFile; flags: RiskFlag[] }[], color: boolean): string {
  const head = `${color ? C.bold : ''}Review with care: ${risky.length} file${risky.length === 1 ? '' : 's'} in this change ${risky.length === 1 ? 'needs' : 'need'} a close look${color ? C.reset : ''}`;
  const lines = risky.map(({ f, flags }) => `  ${color ? C.red : ''}!${color ? C.reset : ''} ${f.path}: ${flags.map((x) => RISK_LABELS[x].why).join('; ')}`);
  return [head, ...lines].join('\n');
}

/** Like `git diff --stat`: " path | N ++--", then a summary line. */
export function renderStat(files: ChangeFile[], color: boolean): string {
  const name = (f: ChangeFile): string => (f.oldPath && f.oldPath !== f.path ? `${f.oldPath} => ${f.path}` : f.path);
  const width = Math.max(0, ...files.map((f) => name(f).length));
  const most = Math.max(1, ...files.map((f) => f.additions + f.deletions));
  const scale = (n: number): number => (most <= 40 ? n : Math.ceil((n * 40) / most));
  let adds = 0;
  let dels = 0;
  const lines = files.map((f) => {
    adds += f.additions;
    dels += f.deletions;
    if (f.binary) return ` ${name(f).padEnd(width)} | Bin${f.size == null ? '' : ` ${f.size} bytes`}`;
    const plus = '+'.repeat(scale(f.additions));
    const minus = '-'.repeat(scale(f.deletions));
    const bar = color ? `${C.green}${plus}${C.reset}${C.red}${minus}${C.reset}` : plus + minus;
    const note = f.status === 'mode' ? ` (mode ${f.oldMode} → ${f.newMode})` : '';
    return ` ${name(f).padEnd(width)} | ${String(f.additions + f.deletions).padStart(4)} ${bar}${note}`.trimEnd();
  });
  const plural = (n: number, one: string): string => `${n} ${one}${n === 1 ? '' : 's'}`;
  lines.push(` ${plural(files.length, 'file')} changed, ${plural(adds, 'insertion')}(+), ${plural(dels, 'deletion')}(-)`);
  return lines.join('\n');
}
