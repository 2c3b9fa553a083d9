/**
 * Capture on a host in few round trips (issue 14). Each ssh call costs a process and a round trip,
 * so the temporary index capture diffs against (git/capture.ts's buildIndex: a copy of the
 * worktree's index, refreshed, untracked files intent-to-add) and the worktree's whole tree (what
 * git/worktree-tree.ts computes, recorded with the change) are built by one sh script on the host.
 * The diff itself then streams back through captureChange as for a local worktree.
 */
import { shq } from './ssh-command.js';
import type { SshHost } from './ssh-host.js';
import type { CaptureSource } from '../git/capture.js';

export interface RemoteIndexBuilder {
  buildIndex(src: CaptureSource, index: string): Promise<void>;
  /** The worktree's tree id, once buildIndex ran. */
  tree(): string | null;
}

export function remoteIndexBuilder(host: SshHost): RemoteIndexBuilder {
  let tree: string | null = null;
  return {
    tree: () => tree,
    async buildIndex(src, index) {
      const t = `${index}.tree`;
      const list = `${index}.untracked`;
      const script = [
        'set -e',
        `cd -- ${shq(src.cwd)}`,
        'export LC_ALL=C GIT_TERMINAL_PROMPT=0 GIT_OPTIONAL_LOCKS=0',
        'own=$(git rev-parse --path-format=absolute --git-path index)',
        // The capture index: the worktree's own (its stat cache), refreshed; untracked files intent-to-add.
        `if [ -f "$own" ]; then cp -p -- "$own" ${shq(index)}; fi`,
        `GIT_INDEX_FILE=${shq(index)} git update-index -q --refresh >/dev/null || true`,
        `GIT_INDEX_FILE=${shq(index)} git ls-files -z --others --exclude-standard -- . > ${shq(list)}`,
        `if [ -s ${shq(list)} ]; then GIT_INDEX_FILE=${shq(index)} GIT_LITERAL_PATHSPECS=1 git add --intent-to-add --pathspec-from-file=${shq(list)} --pathspec-file-nul; fi`,
        `rm -f -- ${shq(list)}`,
        // The worktree's whole content as a tree (worktree-tree.ts), for "is there uncaptured work" later.
        `if [ -f "$own" ]; then cp -p -- "$own" ${shq(t)}; else GIT_INDEX_FILE=${shq(t)} git read-tree HEAD; fi`,
        `GIT_INDEX_FILE=${shq(t)} git add -A -- ':(top)'`,
        `GIT_INDEX_FILE=${shq(t)} git write-tree`,
        `rm -f -- ${shq(t)}`,
      ].join('\n');
      const r = await host.exec(script, { timeoutMs: 30 * 60_000 });
      if (r.code !== 0) throw new Error(`capture on host ${host.name} failed in ${src.cwd}: ${r.stderr.trim().split('\n').slice(-3).join(' ') || `exit ${r.code}`}`);
      tree = r.stdout.trim().split('\n').pop() ?? null;
    },
  };
}
