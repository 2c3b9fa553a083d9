/** A task's change as unified text, one page at a time (a page holds whole files, at least one). */
import type { Api } from '../../shared/contract.js';
import type { ChangeFile } from '../../shared/models/change.js';

/** About this many characters per page; a larger single file is its own page. */
export const DIFF_PAGE_CHARS = 200_000;

export interface DiffPage {
  changeId: number;
  files: ChangeFile[];
  text: string;
  /** Pass back as `cursor` for the next page; null on the last one. */
  nextCursor: string | null;
}

export async function readDiffPage(api: Api, taskId: string, opts: { path?: string; cursor?: string; pageChars?: number } = {}): Promise<DiffPage> {
  const summary = await api['changes.get']({ taskId });
  let files = summary.files;
  if (opts.path) {
    files = files.filter((f) => f.path === opts.path || f.oldPath === opts.path);
    if (!files.length) throw new Error(`path: ${opts.path} is not in the change of ${taskId} (its files: ${summary.files.map((f) => f.path).join(', ') || 'none'})`);
  }
  const start = opts.cursor == null ? 0 : Number(opts.cursor);
  if (!Number.isInteger(start) || start < 0 || start > files.length) throw new Error(`cursor: "${opts.cursor}" is not a cursor from a previous get_diff page`);
  const budget = opts.pageChars ?? DIFF_PAGE_CHARS;
  const parts: string[] = [];
  let size = 0;
  let i = start;
  for (; i < files.length && (i === start || size < budget); i++) {
    const f = files[i];
    const { patch, truncated } = await api['changes.fileDiff']({ taskId, path: f.path, changeId: summary.change.id });
    let text = patch.replace(/\n$/, '');
    if (f.binary) text += `\nBinary file${f.size == null ? '' : `, ${f.size} bytes`}`;
    if (truncated) text += '\n[switchboard: this patch is too large to show whole]';
    parts.push(text);
    size += text.length;
  }
  return { changeId: summary.change.id, files, text: parts.join('\n'), nextCursor: i < files.length ? String(i) : null };
}
