import { existsSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createWorktreeFs, type FsRefusal } from '../../../../electron/core/runners/acp/worktree-fs.js';
import { createTailBuffer } from '../../../../electron/core/runners/acp/tail-buffer.js';
import { tempDir } from '../../../helpers/temp.js';

function setup() {
  const dir = tempDir();
  const root = join(dir, 'wt');
  const outside = join(dir, 'outside');
  mkdirSync(join(root, 'src'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(outside, 'secret'), 'secret');
  const refusals: FsRefusal[] = [];
  return { root, outside, refusals, fs: createWorktreeFs(root, (r) => refusals.push(r)) };
}

describe('worktree fs', () => {
  // Issue 12: a write checked the path, then wrote with writeFile, which follows a symlink planted
  // in between. Writes now go to a fresh temp file and are renamed over the target.
  it('never writes through a symlink planted while writes are in flight, and keeps a file’s mode', async () => {
    const { root, outside, fs } = setup();
    const target = join(root, 'src/race.txt');
    writeFileSync(target, 'start');
    let flips = 0;
    let stop = false;
    const flipper = (async () => {
      while (!stop) {
        try {
          rmSync(target, { force: true });
          symlinkSync(join(outside, 'secret'), target); // the agent swaps the file for a link out
          await new Promise((r) => setImmediate(r));
          rmSync(target, { force: true });
          writeFileSync(target, 'back');
        } catch {
          // A write renamed over it meanwhile: flip again.
        }
        flips++;
        await new Promise((r) => setImmediate(r));
      }
    })();
    for (let i = 0; i < 200; i++) await fs.write({ path: target, content: `attempt ${i}` }).catch(() => {});
    stop = true;
    await flipper;
    expect(flips).toBeGreaterThan(0);
    expect(readFileSync(join(outside, 'secret'), 'utf8')).toBe('secret');

    writeFileSync(join(root, 'run.sh'), '#!/bin/sh\n', { mode: 0o755 });
    await fs.write({ path: join(root, 'run.sh'), content: '#!/bin/sh\necho hi\n' });
    expect(statSync(join(root, 'run.sh')).mode & 0o777).toBe(0o755);
  });

  it('reads and writes inside the worktree, with line and limit, creating folders', async () => {
    const { root, fs, refusals } = setup();
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
    const { root, outside, fs, refusals } = setup();
    symlinkSync(outside, join(root, 'out-dir'));
    symlinkSync(join(outside, 'secret'), join(root, 'out-file'));
    symlinkSync(join(outside, 'nothing'), join(root, 'dangling'));
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
    const { root, fs, refusals } = setup();
    await expect(fs.read({ path: join(root, 'src/missing.ts') })).rejects.toMatchObject({ code: -32002 });
    await expect(fs.read({ path: join(root, 'no/such/dir/file') })).rejects.toMatchObject({ code: -32002 });
    await expect(fs.read({ path: join(root, 'src') })).rejects.toMatchObject({ code: -32602, message: expect.stringMatching(/not a file/) });
    expect(refusals).toEqual([]);
  });
});

describe('tail buffer', () => {
  it('keeps the last bytes, cut at a character boundary', () => {
    const t = createTailBuffer(5);
    t.push(Buffer.from('abc'));
    expect([t.text(), t.truncated]).toEqual(['abc', false]);
    t.push(Buffer.from('dé'));
    expect([t.text(), t.truncated, t.bytes]).toEqual(['bcdé', true, 5]);
    t.push(Buffer.from('€')); // 3 bytes
    expect(t.text()).toBe('é€');
    t.push(Buffer.from('x')); // cuts é in half: its orphaned second byte is not shown
    expect([t.text(), t.bytes]).toEqual(['€x', 5]);
    for (let i = 0; i < 1000; i++) t.push(Buffer.from(`${i % 10}`));
    expect(t.text()).toBe('56789');
  });
});
