import { useEffect, useMemo, useRef, useState } from 'react';
import { parseDiff, tokenize, type FileData, type HunkTokens } from 'react-diff-view';
import { cutPatch, windowHunks } from './diff-window.js';
import { highlighter, languageFor } from './highlight.js';
import { markWordEdits } from './word-edits.js';

const SAMPLE = [
  'diff --git a/a.ts b/a.ts',
  '--- a/a.ts',
  '+++ b/a.ts',
  '@@ -1,3 +1,3 @@',
  ' export function f(a: number): string {',
  "-  return String(a) + 'x'; // old",
  '+  return `${a}y`; // new',
  ' }',
  '',
].join('\n');

/** Parses and highlights a tiny diff once, so the first real review does not pay for warming up. */
export function warmUpDiffView(): void {
  const [file] = parseDiff(SAMPLE, { nearbySequences: 'zip' });
  for (const language of ['typescript', 'javascript']) diffTokens(file.hunks, language);
}

/** Syntax colours (refractor) and changed-word marks for the hunks shown. */
export function diffTokens(hunks: FileData['hunks'], language: string | null): HunkTokens {
  const enhancers = [markWordEdits(hunks)];
  return language ? tokenize(hunks, { highlight: true, refractor: highlighter, language, enhancers }) : tokenize(hunks, { enhancers });
}

/** Lines painted first; more are added as the reader scrolls near the end. */
export const FIRST_LINES = 100;
export const MORE_LINES = 600;

/**
 * Parses one file's patch (react-diff-view / gitdiff-parser), shows it a window at a time and
 * highlights what is shown, after the first paint. Returns a ref for a sentinel element: when it scrolls into view, the
 * window grows.
 */
export function useDiffView(path: string, patch: string) {
  const [limit, setLimit] = useState(FIRST_LINES);
  useEffect(() => setLimit(FIRST_LINES), [patch]);
  // Only the hunks shown are parsed; the counts come from a scan of the whole patch.
  const cut = useMemo(() => cutPatch(patch, limit), [patch, limit]);
  const file: FileData | null = useMemo(() => parseDiff(cut.text, { nearbySequences: 'zip' })[0] ?? null, [cut.text]);
  const view = useMemo(() => ({ ...windowHunks(file?.hunks ?? [], limit), totalLines: cut.lines }), [file, limit, cut.lines]);

  // The first paint shows plain lines; colours and word marks follow a frame later (they cost about
  // as much as the rest of the paint). Once on, a growing window is coloured as it is shown.
  const [coloured, setColoured] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => (timer = setTimeout(() => setColoured(true), 0)));
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [patch]);
  const language = languageFor(path);
  const tokens: HunkTokens | null = useMemo(() => {
    if (!coloured) return null;
    try {
      return diffTokens(view.hunks, language);
    } catch (err) {
      // Plain text is still a correct diff; say why the colours are missing.
      console.warn(`switchboard: could not highlight ${path}: ${err instanceof Error ? err.message : String(err)}`);
      return null;
    }
  }, [coloured, view.hunks, language]);

  const sentinel = useRef<HTMLDivElement>(null);
  const more = view.shownLines < view.totalLines;
  useEffect(() => {
    const el = sentinel.current;
    if (!el || !more) return;
    const io = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setLimit((l) => l + MORE_LINES);
    }, { rootMargin: '600px' });
    io.observe(el);
    return () => io.disconnect();
  }, [more, view.shownLines]);

  return { file, hunkCount: cut.hunks, view, tokens, sentinel, more, showAll: () => setLimit(Number.MAX_SAFE_INTEGER) };
}
