/**
 * The process-control implementations on real processes. The portable (`ps`) one runs here on Linux
 * too; the runner tests also run under it with SWITCHBOARD_PROCESS_CONTROL=ps (npm run test:ps).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { cleanEnv } from '../../../../electron/core/runners/clean-env.js';
import { createProcessControl, defaultProcessControlKind, homeKeyOf, runMarker } from '../../../../electron/core/runners/process-control/process-control.js';

const root = join(import.meta.dirname, '../../../..');
const builtRunner = join(root, 'out/electron/core/runners/pty-runner.js');
const canHideProc = process.platform === 'linux' && process.getuid?.() === 0 && spawnSync('unshare', ['-m', 'true']).status === 0;

describe.each(['linux-proc', 'ps'] as const)('process control: %s', (kind) => {
  const pc = createProcessControl(kind);

  it('sees a process, its group, and finds it by the run marker even in another session', async () => {
    const id = runMarker(homeKeyOf('/a/home'), `dispatch-pc-${kind}-${process.pid}`);
    const child = spawn('setsid', ['sleep', '60'], { env: { ...process.env, SWITCHBOARD_RUN_MARKER: id }, stdio: 'ignore' });
    onTestFinished(() => void child.kill('SIGKILL'));
    const pid = child.pid!;
    await new Promise((r) => setTimeout(r, 200));
    const info = pc.info(pid);
    expect(info).toMatchObject({ pid, zombie: false });
    expect(info!.startTime).not.toBe('');
    expect(pc.list().some((p) => p.pid === pid)).toBe(true);
    expect(pc.withMarker(id)).toEqual([pid]);
    expect(pc.withMarker(`${id}-other`)).toEqual([]);
    expect(pc.info(2 ** 22 + 7)).toBeNull();
  });

  it('tells two homes apart that run the same dispatch id: one never finds the other’s agents', async () => {
    const dispatchId = `dispatch-same-${kind}-${process.pid}`;
    const env = (home: string) => cleanEnv({ agent: { env: {}, passEnv: [] }, dispatchId, marker: runMarker(homeKeyOf(home), dispatchId), parent: process.env });
    const a = spawn('setsid', ['sleep', '60'], { env: env('/homes/a'), stdio: 'ignore' });
    const b = spawn('setsid', ['sleep', '60'], { env: env('/homes/b'), stdio: 'ignore' });
    onTestFinished(() => void (a.kill('SIGKILL'), b.kill('SIGKILL')));
    await new Promise((r) => setTimeout(r, 200));
    expect(pc.withMarker(runMarker(homeKeyOf('/homes/a'), dispatchId))).toEqual([a.pid]);
    expect(pc.withMarker(runMarker(homeKeyOf('/homes/b'), dispatchId))).toEqual([b.pid]);
    // The same home, named by another spelling of its path, is the same home (recovery after a restart).
    expect(pc.withMarker(runMarker(homeKeyOf('/homes/a/../a/'), dispatchId))).toEqual([a.pid]);
  });
});

describe('choosing an implementation', () => {
  it('follows the platform, and SWITCHBOARD_PROCESS_CONTROL forces one', () => {
    expect(defaultProcessControlKind({}, 'linux')).toBe('linux-proc');
    expect(defaultProcessControlKind({}, 'darwin')).toBe('ps');
    expect(defaultProcessControlKind({}, 'win32')).toBe('windows');
    expect(defaultProcessControlKind({ SWITCHBOARD_PROCESS_CONTROL: 'ps' }, 'linux')).toBe('ps');
  });

  it.skipIf(!canHideProc || !existsSync(builtRunner))('a PTY run completes on the portable implementation with no /proc at all', () => {
    // A mount namespace where /proc is an empty tmpfs: nothing may read it, and nothing may hang on it.
    const script = `
      const { createPtyRunner } = await import(${JSON.stringify(builtRunner)});
      const sink = { output() {}, event() {}, sessionId() {}, awaitingInput() {}, spawned() {} };
      const agent = { name: 'echo', transport: 'pty', command: '/bin/sh', args: ['-c', 'echo hello; exit 3', '{prompt}'], env: {} };
      const handle = await createPtyRunner().start({ task: { id: 'dispatch-noproc' }, run: { id: 1 }, agent, cwd: '/tmp', prompt: '', env: { PATH: '/usr/bin:/bin', SWITCHBOARD_DISPATCH_ID: 'dispatch-noproc' }, sink });
      const outcome = await handle.done;
      console.log(JSON.stringify({ procEntries: (await import('node:fs')).readdirSync('/proc').length, exitCode: outcome.exitCode }));
      process.exit(0);`;
    const r = spawnSync('unshare', ['-m', 'sh', '-c', 'mount -t tmpfs none /proc && exec "$0" --input-type=module -e "$1"', process.execPath, script], {
      env: { ...process.env, SWITCHBOARD_PROCESS_CONTROL: 'ps' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.stderr).not.toMatch(/ENOENT|Error/);
    expect(JSON.parse(r.stdout.trim().split('\n').at(-1)!)).toEqual({ procEntries: 0, exitCode: 3 });
  });
});
