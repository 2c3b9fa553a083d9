/**
 * The ACP file rules on a host (issue 14): the very cases worktree-fs.test.ts runs against this
 * machine's files, run through the host's backend (sh over a real sshd, as the remote user), so
 * "confined as locally" is checked case by case. The test prepares the files directly (the test
 * host is this machine) and then hands them to the remote user.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import { createRemoteAcpFs } from '../../../electron/core/remote/remote-acp-fs.js';
import { createSshHost, type SshHost } from '../../../electron/core/remote/ssh-host.js';
import { createWorktreeFs } from '../../../electron/core/runners/acp/worktree-fs.js';
import { sshdAvailable, startSshd, type TestSshd } from '../../helpers/sshd.js';
import { tempDir } from '../../helpers/temp.js';
import { describeFsRules, rigIn, type FsRig } from '../runners/acp/fs-rules.js';

const isRoot = process.getuid?.() === 0;

describe.skipIf(!sshdAvailable() || !isRoot)('ACP file rules on a host over a real sshd', { timeout: 180_000 }, () => {
  let sshd: TestSshd;
  let host: SshHost;
  beforeAll(async () => {
    sshd = await startSshd();
    host = createSshHost({ name: 'box', config: sshd.host, controlDir: tempDir('sb-acp-fs-ctl-') });
  }, 60_000);
  afterAll(async () => {
    await host?.dispose();
    sshd?.stop();
  });

  describeFsRules('the same rules through the host backend', (): FsRig => {
    const dir = mkdtempSync(join(sshd.home, 'rules-'));
    const prepared = () => execFileSync('chown', ['-R', '-h', `${sshd.user}:${sshd.user}`, dir]);
    // Handed to the remote user before the fs first looks at its root there.
    const rig = rigIn(dir, (root, onRefused) => (prepared(), createWorktreeFs(root, onRefused, createRemoteAcpFs(host))));
    return { ...rig, prepared };
  });
});
