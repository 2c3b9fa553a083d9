/**
 * Capture on a host in few round trips (issue 14). Each ssh call costs a process and a round trip,
 * so the temporary index capture diffs against (git/capture.ts's buildIndex: a copy of the
 * worktree's index, refreshed, untracked files intent-to-add) is built by one sh script on the host,
 * and the worktree's whole tree (what git/worktree-tree.ts computes, recorded with the change) by
 * another, run alongside. The diff itself then streams back through captureChange as for a local
 * worktree.
 */
import { randomBytes } from 'node:crypto';
import { shq } from './ssh-command.js';
import type { SshHost } from './ssh-host.js';
import type { CaptureSource } from '../git/capture.js';

export interface RemoteCapture {
  /** captureChange's buildIndex step: the capture index, in one script on the host. */
  buildIndex(src: CaptureSource, index: string): Promise<void>;
  /**
   * The worktree's whole tree id (worktree-tree.ts's result), computed by a second script started
   * at once, in parallel with the capture (it reads only the worktree and its own index).
   */
  tree: Promise<string | null>;
}

const prelude = (cwd: string): string[] => ['set -e', `cd -- ${shq(cwd)}`, 'export LC_ALL=C GIT_TERMINAL_PROMPT=0 GIT_OPTIONAL_LOCKS=0', 'own=$(git rev-parse --path-format=absolute --git-path index)'];

/** Starts the tree script for the worktree at `cwd` (temp files under `tmpDir`) and returns the capture's buildIndex step. */
export function remoteCapture(host: SshHost, cwd: string, tmpDir: string): RemoteCapture {
  const t = `${tmpDir}/tree-${randomBytes(4).toString('hex')}.index`;
  const treeScript = [
    ...prelude(cwd),
    `if [ -f "$own" ]; then cp -p -- "$own" ${shq(t)}; else GIT_INDEX_FILE=${shq(t)} git read-tree HEAD; fi`,
    `GIT_INDEX_FILE=${shq(t)} git add -A -- ':(top)'`,
    `GIT_INDEX_FILE=${shq(t)} git write-tree`,
    `rm -f -- ${shq(t)}`,
  ].join('\n');
  const tree = host
    .exec(treeScript, { timeoutMs: 30 * 60_000 })
    .then((r) => (r.code === 0 ? (r.stdout.trim().split('\n').pop() ?? null) : null))
    .catch(() => null);
  return {
    tree,
    async buildIndex(src, index) {
      const list = `${index}.untracked`;
      const script = [
        ...prelude(src.cwd),
        `if [ -f "$own" ]; then cp -p -- "$own" ${shq(index)}; fi`,
        `GIT_INDEX_FILE=${shq(index)} git update-index -q --refresh >/dev/null || true`,
        `GIT_INDEX_FILE=${shq(index)} git ls-files -z --others --exclude-standard -- . > ${shq(list)}`,
        `if [ -s ${shq(list)} ]; then GIT_INDEX_FILE=${shq(index)} GIT_LITERAL_PATHSPECS=1 git add --intent-to-add --pathspec-from-file=${shq(list)} --pathspec-file-nul; fi`,
        `rm -f -- ${shq(list)}`,
      ].join('\n');
      const r = await host.exec(script, { timeoutMs: 30 * 60_000 });
      if (r.code !== 0) throw new Error(`capture on host ${host.name} failed in ${src.cwd}: ${r.stderr.trim().split('\n').slice(-3).join(' ') || `exit ${r.code}`}`);
    },
  };
}
