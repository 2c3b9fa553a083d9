import type { ChangeFile } from '../../../shared/models/change.js';

/** Files with more changed lines than this open collapsed: their diff is drawn when asked. */
export const LARGE_DIFF_LINES = 400;

/** Lock files and build output: machine-written, rarely worth reading line by line. */
const GENERATED: readonly [RegExp, string][] = [
  [/(^|\/)(package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lockb?|Cargo\.lock|Gemfile\.lock|poetry\.lock|Pipfile\.lock|uv\.lock|composer\.lock|go\.sum|flake\.lock|packages\.lock\.json)$/, 'a lock file'],
  [/\.min\.(js|css|mjs)$/, 'minified'],
  [/\.(js|css)\.map$/, 'a source map'],
  [/(^|\/)__snapshots__\/|\.snap$/, 'a test snapshot'],
  [/(^|\/)(dist|node_modules|vendor)\//, 'build output or vendored code'],
];

/**
 * Why a file's diff starts collapsed (shown with a button to load it), or null to show it at once:
 * generated files, and large diffs (> LARGE_DIFF_LINES changed lines), as GitHub does.
 */
export function collapseReason(file: Pick<ChangeFile, 'path' | 'additions' | 'deletions' | 'binary'>): string | null {
  if (file.binary) return null;
  for (const [re, what] of GENERATED) if (re.test(file.path)) return `Generated file (${what})`;
  const lines = file.additions + file.deletions;
  if (lines > LARGE_DIFF_LINES) return `Large diff: ${lines.toLocaleString('en-US')} changed lines`;
  return null;
}
