import { readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createWorktreeFs } from '../../../../electron/core/runners/acp/worktree-fs.js';
import { createTailBuffer } from '../../../../electron/core/runners/acp/tail-buffer.js';
import { tempDir } from '../../../helpers/temp.js';
import { describeFsRules, rigIn, type FsRig } from './fs-rules.js';

const setup = (): FsRig => rigIn(tempDir(), (root, onRefused) => createWorktreeFs(root, onRefused));

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

});

describeFsRules('worktree fs rules (this machine)', () => setup());

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
