/**
 * Capture on a host in one ssh round trip (issue 14). Each ssh call costs a process and a round
 * trip, so one sh script on the host does all of capture's git work: it builds the temporary index
 * capture diffs against (the steps of git/capture.ts's buildIndex: a copy of the worktree's index,
 * refreshed, untracked files intent-to-add), streams the diff back, and deletes the index whatever
 * happened (an EXIT trap; HUP and TERM exit through it too).
 */
import { shq } from './ssh-command.js';
import type { SshHost } from './ssh-host.js';
import { CAPTURE_TIMEOUT_MS, type CaptureDeps } from '../git/capture.js';

/** Sets $own to the tree's own index; a worktree's `.git` file names its git dir, which spares a git process. */
const ownIndex = (git: string, addressed: boolean): string => {
  const ask = `own=$(${git} rev-parse --path-format=absolute --git-path index)`;
  return addressed ? ask : `if [ -f .git ] && read -r k gd < .git && [ "$k" = gitdir: ]; then own="$gd/index"; else ${ask}; fi`;
};

/** captureChange's diffInOne step for `host`. */
export const remoteDiffInOne =
  (host: SshHost): NonNullable<CaptureDeps['diffInOne']> =>
  async (src, index, diffArgs, onData) => {
    const git = ['git', ...src.globalArgs.map(shq)].join(' ');
    const excludes = src.excludes.map((p) => shq(`:(exclude,literal)${p}`)).join(' ');
    const script = [
      'set -e',
      `idx=${shq(index)}`,
      `trap 'rm -f -- "$idx" "$idx.untracked"' EXIT`,
      "trap 'exit 129' HUP",
      "trap 'exit 143' TERM",
      `cd -- ${shq(src.cwd)}`,
      'export LC_ALL=C GIT_TERMINAL_PROMPT=0 GIT_OPTIONAL_LOCKS=0',
      src.sourceIndex ? `own=${shq(src.sourceIndex)}` : ownIndex(git, src.globalArgs.length > 0),
      'if [ -f "$own" ]; then cp -p -- "$own" "$idx"; fi',
      'export GIT_INDEX_FILE="$idx"',
      // The untracked list is taken alongside the refresh (which only rewrites stat data, atomically).
      `${git} ls-files -z --others --exclude-standard -- . ${excludes} > "$idx.untracked" & lsf=$!`,
      `${git} update-index -q --refresh >/dev/null || true`,
      'wait $lsf',
      `if [ -s "$idx.untracked" ]; then GIT_LITERAL_PATHSPECS=1 ${git} add --intent-to-add --pathspec-from-file="$idx.untracked" --pathspec-file-nul; fi`,
      `git ${diffArgs.map(shq).join(' ')}`,
    ].join('\n');
    const r = await host.exec(script, { onData, timeoutMs: CAPTURE_TIMEOUT_MS });
    if (r.code !== 0) throw new Error(`capture on host ${host.name} failed in ${src.cwd}: ${r.stderr.trim().split('\n').slice(-3).join(' ') || `exit ${r.code}`}`);
  };
