import { structuredPatch } from 'diff';
import type { ToolDiff } from './transcript.js';

export type EditLine = { sign: ' ' | '+' | '-' | '@'; text: string };

/** The changed lines of an edit with two lines of context, as unified diff lines. */
export function editLines(d: ToolDiff): EditLine[] {
  if (d.oldText == null) return d.newText.replace(/\n$/, '').split('\n').map((text) => ({ sign: '+', text }));
  const patch = structuredPatch('a', 'b', d.oldText, d.newText, '', '', { context: 2 });
  return patch.hunks.flatMap((h, i) => [
    ...(patch.hunks.length > 1 || i > 0 ? [{ sign: '@' as const, text: `@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@` }] : []),
    ...h.lines.filter((l) => !l.startsWith('\\')).map((l) => ({ sign: l[0] as EditLine['sign'], text: l.slice(1) })),
  ]);
}
