/**
 * A PTY run on a host loses nothing of its output when Switchboard is not reading at the moment the
 * remote agent ends (issue 14, pty-keeper.ts). The local `ssh -tt` must not lead the local terminal's
 * session: its exit would hang the terminal up and flush what Switchboard had not read yet. The reader
 * stalls, synchronously, from the first chunk until the remote agent has written everything and exited
 * and the local ssh client is gone too, however slow the machine is; the agent's output (~9 KB) fits
 * in the terminal's buffers. (The sshd is on this machine, so the agent's home is a local folder.)
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../../shared/models/config.js';
import type { ConfigService } from '../../../electron/core/config/config-service.js';
import { createHosts, type Hosts } from '../../../electron/core/remote/hosts.js';
import { createRemotePtyRunner } from '../../../electron/core/remote/remote-pty-runner.js';
import type { ResolvedAgent } from '../../../electron/core/runners/runner.js';
import type { Run } from '../../../shared/models/run.js';
import type { Task } from '../../../shared/models/task.js';
import { recordingSink } from '../../fixtures/fake-claude-kit.js';
import { sshdAvailable, startSshd, type TestSshd } from '../../helpers/sshd.js';
import { tempDir } from '../../helpers/temp.js';

const LINES = 150;
const AGENT = `#!/bin/sh
i=0
while [ $i -lt ${LINES} ]; do echo "line $i of the agent's output, some text to fill the terminal"; i=$((i + 1)); done
echo "the end"
touch "$HOME/agent-done"
`;

/** Local ssh clients carrying the run's dispatch marker. */
function sshClientsOf(taskId: string): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readFileSync(`/proc/${name}/comm`, 'utf8').trim() !== 'ssh') continue;
      if (readFileSync(`/proc/${name}/environ`, 'utf8').split('\0').includes(`SWITCHBOARD_DISPATCH_ID=${taskId}`)) pids.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

const sleepSync = (ms: number): void => void Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

describe.skipIf(!sshdAvailable())('a PTY run on a host', { timeout: 180_000 }, () => {
  let sshd: TestSshd;
  let hosts: Hosts;
  beforeAll(async () => {
    sshd = await startSshd();
    sshd.run(`mkdir -p ~/work && cat > ~/tail-agent <<'EOF'\n${AGENT}EOF\nchmod +x ~/tail-agent`);
    const config = { get: () => ({ hosts: { box: sshd.host } }) as unknown as Config } as ConfigService;
    hosts = createHosts({ config, home: tempDir('sb-remote-tail-') });
  }, 60_000);
  afterAll(async () => {
    await hosts?.dispose();
    sshd?.stop();
  });

  it('loses nothing when Switchboard is not reading at the moment the remote agent exits', async () => {
    const taskId = `dispatch-tail-${process.pid}`;
    const sink = recordingSink();
    let stalled = false;
    let waited = false;
    const doneFile = join(sshd.home, 'agent-done');
    const output = sink.output.bind(sink);
    sink.output = (data: string) => {
      if (!stalled) {
        stalled = true;
        const until = Date.now() + 30_000;
        while (Date.now() < until && !waited) {
          waited = existsSync(doneFile) && sshClientsOf(taskId).length === 0;
          sleepSync(20);
        }
      }
      output(data);
    };
    const agent: ResolvedAgent = { name: 'tail', transport: 'pty', command: `${sshd.home}/tail-agent`, args: [], env: {} } as unknown as ResolvedAgent;
    const runner = createRemotePtyRunner({ hosts });
    const handle = await runner.start({
      task: { id: taskId, host: 'box' } as Task,
      run: { id: 1 } as Run,
      agent,
      cwd: `${sshd.home}/work`,
      prompt: 'go',
      env: { SWITCHBOARD_DISPATCH_ID: taskId },
      sink,
    });
    const outcome = await handle.done;
    expect(stalled).toBe(true);
    expect(waited).toBe(true); // the stall lasted until the agent and the ssh client were gone
    expect(outcome.errorType).toBeNull();
    const text = sink.text().replace(/\r/g, '');
    for (let i = 0; i < LINES; i++) expect(text).toContain(`line ${i} of the agent's output`);
    expect(text).toMatch(/\nthe end\n/);
    expect(text).not.toContain('\x1b]7717;'); // the keeper's end marker is not the agent's output
  }, 120_000);
});
