/**
 * The ACP file rules (worktree-fs.ts) as one set of cases, run against this machine's files
 * (worktree-fs.test.ts) and a host's over ssh (test/core/remote/remote-acp-fs.test.ts): the same
 * refusals, the same answers. A rig is a worktree `root` and a folder `outside` it, both local
 * paths the test can prepare directly (the test sshd's host is this machine).
 */
import { existsSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FsRefusal, WorktreeFs } from '../../../../electron/core/runners/acp/worktree-fs.js';

export interface FsRig {
  root: string;
  outside: string;
  refusals: FsRefusal[];
  fs: WorktreeFs;
  /** Called after the test prepared files (the remote rig hands them to the remote user). */
  prepared?(): void;
}

/** A worktree `dir/wt` (with src/) and `dir/outside` (with a secret), and the fs `fsFor` makes for it. */
export function rigIn(dir: string, fsFor: (root: string, onRefused: (r: FsRefusal) => void) => WorktreeFs): FsRig {
  const root = join(dir, 'wt');
  const outside = join(dir, 'outside');
  mkdirSync(join(root, 'src'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(outside, 'secret'), 'secret');
  const refusals: FsRefusal[] = [];
  return { root, outside, refusals, fs: fsFor(root, (r) => refusals.push(r)) };
}

export function describeFsRules(title: string, setup: () => FsRig): void {
  describe(title, () => {
  it('reads and writes inside the worktree, with line and limit, creating folders', async () => {
    const { root, fs, refusals, prepared } = setup();
    writeFileSync(join(root, 'run.sh'), '#!/bin/sh\n', { mode: 0o755 });
    prepared?.();
    expect(await fs.write({ path: join(root, 'run.sh'), content: '#!/bin/sh\necho hi\n' })).toMatchObject({ created: false });
    expect([readFileSync(join(root, 'run.sh'), 'utf8'), statSync(join(root, 'run.sh')).mode & 0o777]).toEqual(['#!/bin/sh\necho hi\n', 0o755]);
    expect(await fs.write({ path: join(root, 'a/b/c.txt'), content: 'l1\nl2\nl3\nl4' })).toMatchObject({ created: true, bytes: 11 });
    expect(await fs.read({ path: join(root, 'a/b/c.txt') })).toEqual({ content: 'l1\nl2\nl3\nl4' });
    expect(await fs.read({ path: join(root, 'a/b/c.txt'), line: 2, limit: 2 })).toEqual({ content: 'l2\nl3' });
    expect(await fs.read({ path: 'a/b/c.txt', line: 4 })).toEqual({ content: 'l4' });
    expect(await fs.write({ path: join(root, 'a/b/c.txt'), content: 'new' })).toMatchObject({ created: false });
    expect(await fs.dir(null)).toBe(root);
    expect(await fs.dir(join(root, 'src'))).toBe(join(root, 'src'));
    expect(refusals).toEqual([]);
  });

  it('refuses .., absolute paths and symlinks that lead out, and never touches the target', async () => {
    const { root, outside, fs, refusals, prepared } = setup();
    symlinkSync(outside, join(root, 'out-dir'));
    symlinkSync(join(outside, 'secret'), join(root, 'out-file'));
    symlinkSync(join(outside, 'nothing'), join(root, 'dangling'));
    prepared?.();
    const bad: [string, () => Promise<unknown>][] = [
      ['dotdot read', () => fs.read({ path: join(root, '../outside/secret') })],
      ['relative dotdot write', () => fs.write({ path: '../outside/new', content: 'x' })],
      ['absolute read', () => fs.read({ path: '/etc/passwd' })],
      ['symlinked dir write', () => fs.write({ path: join(root, 'out-dir/new'), content: 'x' })],
      ['symlinked file read', () => fs.read({ path: join(root, 'out-file') })],
      ['symlinked file write', () => fs.write({ path: join(root, 'out-file'), content: 'x' })],
      ['dangling symlink write', () => fs.write({ path: join(root, 'dangling'), content: 'x' })],
      ['missing file behind a symlink', () => fs.read({ path: join(root, 'out-dir/missing') })],
      ['terminal cwd', () => fs.dir(join(root, 'out-dir'))],
      ['git metadata', () => fs.write({ path: join(root, '.git/config'), content: 'x' })],
      ['nul byte', () => fs.read({ path: join(root, 'a\0b') })],
    ];
    for (const [name, f] of bad) await expect(f(), name).rejects.toMatchObject({ code: -32602, message: expect.stringMatching(/^Invalid params: refused to /) });
    expect(refusals).toHaveLength(bad.length);
    expect(readFileSync(join(outside, 'secret'), 'utf8')).toBe('secret');
    expect(existsSync(join(outside, 'new'))).toBe(false);
    expect(existsSync(join(outside, 'nothing'))).toBe(false);
  });

  it('answers a missing file inside the worktree with resource-not-found', async () => {
    const { root, fs, refusals, prepared } = setup();
    prepared?.();
    await expect(fs.read({ path: join(root, 'src/missing.ts') })).rejects.toMatchObject({ code: -32002 });
    await expect(fs.read({ path: join(root, 'no/such/dir/file') })).rejects.toMatchObject({ code: -32002 });
    await expect(fs.read({ path: join(root, 'src') })).rejects.toMatchObject({ code: -32602, message: expect.stringMatching(/not a file/) });
    expect(refusals).toEqual([]);
  });
  });
}
