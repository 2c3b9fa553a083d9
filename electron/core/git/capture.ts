/**
 * Captures everything a run changed against the base commit (issue #6, invariant 3): committed and
 * uncommitted edits, untracked (not ignored) files, deletions, renames, mode changes and binaries.
 *
 * It works on a temporary copy of the tree's index (GIT_INDEX_FILE), so the agent's own index and
 * working tree are left exactly as they were: untracked files are marked intent-to-add there, then
 * one `git diff-index <base>` compares the base with the working tree, as `git diff <base>` would.
 * Before that the copy is refreshed (`update-index --refresh`): a file an agent rewrote with the same
 * bytes (`sed -i` with no match, a formatter) is stat-dirty, and diff-index would list it in the raw
 * section but print no patch for it. No object is written. The output is streamed, split per file and stored in bounded batches.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { CaptureResult } from './workspace.js';
import type { GitRunner } from './git-runner.js';
import { createDiffStream } from './diff-stream.js';
import type { RawEntry } from './raw-diff.js';
import { patchStats } from './patch-stats.js';
import type { ChangesRepo, NewChangeFile } from '../store/changes-repo.js';
import { AppError } from '../errors.js';

/** Where the tree to capture lives and how git reaches it. */
export interface CaptureSource {
  taskId: string;
  runId: number | null;
  /** Root of the tree (the worktree, or the project dir for snapshot mode). */
  cwd: string;
  /** Pool key for the repository. */
  repo: string;
  /** Global options that address the tree, e.g. ["--git-dir=<snapshot>", "--work-tree=<project>"]. */
  globalArgs: string[];
  /** The tree's index, copied as the starting point (its stat data spares re-reading unchanged files). */
  sourceIndex: string | null;
  baseCommit: string;
  /** Paths left out of the capture, relative to cwd (copied-in ignored files). */
  excludes: string[];
}

export interface CaptureDeps {
  git: GitRunner;
  changes: ChangesRepo;
  now(): number;
  tmpDir: string;
  /**
   * Does the git side of a capture in one process where each process is costly (on a host every
   * one is an ssh round trip, remote/remote-capture.ts): builds the temporary index `index` (the
   * steps of buildIndex below), streams `git <diffArgs>` run with it into `onData`, and deletes it.
   * Default: those steps as separate git calls here.
   */
  diffInOne?: (src: CaptureSource, index: string, diffArgs: string[], onData: (chunk: Buffer) => void) => Promise<void>;
}

/** Identity for the bookkeeping commits Switchboard makes (never on the user's branches). */
export const SWITCHBOARD_IDENTITY = {
  GIT_AUTHOR_NAME: 'Switchboard',
  GIT_AUTHOR_EMAIL: 'switchboard@localhost',
  GIT_COMMITTER_NAME: 'Switchboard',
  GIT_COMMITTER_EMAIL: 'switchboard@localhost',
};

const BATCH_FILES = 200;
const BATCH_BYTES = 2 * 1024 * 1024;
const DIFF_OPTS = ['-r', '-M', '--no-ext-diff', '--no-textconv', '--ignore-submodules=none'];
/** `git diff-index` of the working tree against the base (appended): raw section, then the patches. */
const DIFF_ARGS = ['diff-index', ...DIFF_OPTS, '-z', '--raw', '-p', '--binary', '--full-index', '--no-color', '--src-prefix=a/', '--dst-prefix=b/'];
export const CAPTURE_TIMEOUT_MS = 30 * 60_000;


/** Captures src into the store. Null when nothing changed. */
export async function captureChange(deps: CaptureDeps, src: CaptureSource): Promise<CaptureResult | null> {
  const { git, changes } = deps;
  changes.discardIncomplete(src.taskId);
  const index = join(deps.tmpDir, `capture-${src.taskId}-${randomBytes(4).toString('hex')}.index`);
  const call = { cwd: src.cwd, repo: src.repo, env: { GIT_INDEX_FILE: index } };
  const diffArgs = [...src.globalArgs, ...DIFF_ARGS, src.baseCommit];
  const diff = async (onData: (chunk: Buffer) => void): Promise<void> => {
    if (deps.diffInOne) return deps.diffInOne(src, index, diffArgs, onData);
    try {
      await buildIndex(git, src, index);
      await git.stream({ ...call, args: diffArgs, timeoutMs: CAPTURE_TIMEOUT_MS }, onData);
    } finally {
      await git.fs.rm(index);
    }
  };
  return storeDiff(deps, src, call, diff);
}

/**
 * The temporary index capture diffs against the base: a copy of the tree's own index, refreshed,
 * with the untracked (not ignored, not excluded) files marked intent-to-add.
 */
async function buildIndex(git: GitRunner, src: CaptureSource, index: string): Promise<void> {
  const call = { cwd: src.cwd, repo: src.repo, env: { GIT_INDEX_FILE: index } };
  const g = (args: string[]) => [...src.globalArgs, ...args];
  if (src.sourceIndex) await git.fs.copyIndex(src.sourceIndex, index);
  // Re-reads stat-dirty files and records the unchanged ones as clean, in the copy only; -q keeps going past real edits.
  await git.run({ ...call, args: g(['update-index', '-q', '--refresh']), okCodes: [0, 1] });
  const excludes = src.excludes.map((p) => `:(exclude,literal)${p}`);
  const untracked = (await git.run({ ...call, args: g(['ls-files', '-z', '--others', '--exclude-standard', '--', '.', ...excludes]) })).stdout;
  if (untracked.length) {
    await git.run({ ...call, env: { ...call.env, GIT_LITERAL_PATHSPECS: '1' }, args: g(['add', '--intent-to-add', '--pathspec-from-file=-', '--pathspec-file-nul']), input: untracked });
  }
}

/** Streams `git diff-index <base>` (the working tree against the base) into the store, file by file. */
async function storeDiff(
  deps: CaptureDeps,
  src: CaptureSource,
  call: { cwd: string; repo: string; env: Record<string, string> },
  diff: (onData: (chunk: Buffer) => void) => Promise<void>,
): Promise<CaptureResult | null> {
  const { git, changes } = deps;
  let changeId = -1;
  let raw: RawEntry[] = [];
  const totals = { files: 0, additions: 0, deletions: 0 };
  const deletedBinaries: { idx: number; blob: string }[] = [];
  const binaries: { idx: number; path: string }[] = [];
  let batch: NewChangeFile[] = [];
  let batchBytes = 0;
  let firstIdx = 0;
  const flush = (): void => {
    if (!batch.length) return;
    changes.addFiles(changeId, firstIdx, batch);
    firstIdx += batch.length;
    batch = [];
    batchBytes = 0;
  };
  const stream = createDiffStream(
    (entries) => {
      raw = entries;
      if (entries.length) changeId = changes.begin(src.taskId, src.runId, src.baseCommit, null, deps.now());
    },
    (e, patch, n) => {
      if (!e) throw new AppError('internal', `capture of ${src.taskId}: git printed more file patches than files changed (${raw.length})`);
      const stats = patchStats(patch);
      e.binary = stats.binary;
      e.additions = stats.additions;
      e.deletions = stats.deletions;
      // The raw section cannot tell a mode-only change of a file edited in place from an edit; the patch can.
      if (e.status === 'modified' && e.oldMode !== e.newMode && !stats.hunks && !stats.binary) e.status = 'mode';
      if (e.binary && e.status !== 'deleted') binaries.push({ idx: n, path: join(src.cwd, e.path) });
      if (e.binary && e.status === 'deleted') deletedBinaries.push({ idx: n, blob: e.oldBlob });
      const { oldBlob: _o, newBlob: _n, ...file } = e;
      batch.push({ ...file, patch });
      batchBytes += patch.length;
      totals.files++;
      totals.additions += e.additions;
      totals.deletions += e.deletions;
      if (batch.length >= BATCH_FILES || batchBytes >= BATCH_BYTES) flush();
    },
  );
  try {
    await diff((chunk) => stream.push(chunk));
    const { entries, patches } = stream.end();
    if (!entries.length) return null;
    flush();
    if (patches !== entries.length) {
      throw new AppError('internal', `capture of ${src.taskId}: ${entries.length} files changed but git printed ${patches} patches; the capture was discarded`);
    }
    if (binaries.length) (await git.fs.sizes(binaries.map((b) => b.path))).forEach((size, i) => changes.setFileSize(changeId, binaries[i].idx, size));
    if (deletedBinaries.length) {
      const out = await git.text({ ...call, args: [...src.globalArgs, 'cat-file', '--batch-check=%(objectsize)'], input: deletedBinaries.map((d) => d.blob).join('\n') + '\n' });
      out.split('\n').forEach((size, i) => deletedBinaries[i] && changes.setFileSize(changeId, deletedBinaries[i].idx, Number(size) || null));
    }
    changes.finish(changeId, totals);
  } catch (err) {
    changes.discardIncomplete(src.taskId);
    throw err;
  }
  return { changeId, filesChanged: totals.files, additions: totals.additions, deletions: totals.deletions };
}
