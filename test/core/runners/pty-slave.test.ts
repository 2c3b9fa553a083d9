import { closeSync } from 'node:fs';
import { spawn } from 'node-pty';
import { describe, expect, it } from 'vitest';
import { holdSlave, onAgentExit } from '../../../electron/core/runners/pty-slave.js';

describe('PTY slave hold', () => {
  it('hears the agent exit while the slave is held, before node-pty reports it', async () => {
    const pty = spawn('sh', ['-c', 'sleep 0.2; echo bye'], { cols: 80, rows: 24, env: { PATH: process.env.PATH ?? '' } });
    // The runner relies on node-pty's internals here; a node-pty that changes them fails this test.
    const slave = holdSlave(pty);
    expect(slave).not.toBeNull();
    const order: string[] = [];
    const heard = new Promise<void>((resolve) =>
      onAgentExit(pty, pty.pid, () => {
        order.push('heard');
        closeSync(slave!); // the runner does this once the output is quiet; node-pty then ends the read
        resolve();
      }),
    );
    const exited = new Promise<void>((resolve) => pty.onExit(() => (order.push('onExit'), resolve())));
    await heard;
    await exited;
    expect(order).toEqual(['heard', 'onExit']);
  }, 20_000);
});
