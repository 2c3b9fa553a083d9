// Issue 14: capturing a change of 2,000 files in a 20,000-file repository on a host, over ssh (a real
// sshd on 127.0.0.1 that the bench starts, as test/core/remote does), against a plain `git diff` of
// the same change run over the same shared ssh connection, measured in the same run. Target: capture
// ≤ 1.5× that diff. Skipped (no rows) where /usr/sbin/sshd is missing.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const ms = (t) => Number(process.hrtime.bigint() - t) / 1e6;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** `git diff` in the worktree on the host, over the host's shared connection; output read and dropped. */
function remoteDiff(sshArgs, cwd, remoteSh) {
  return new Promise((resolve, reject) => {
    const t = process.hrtime.bigint();
    const child = spawn('ssh', [...sshArgs, remoteSh(`exec git -C '${cwd}' diff --no-color`)]);
    let bytes = 0;
    child.stdout.on('data', (c) => (bytes += c.length));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve({ ms: ms(t), bytes }) : reject(new Error(`remote git diff exited ${code}`))));
  });
}

/** A sh script that writes `count` files of ~40 lines (round `variant`; 0 = the original) into the project. */
const writeFiles = (dir, count, step, variant) => `cd '${dir}' || exit 1
i=0
while [ $i -lt ${count} ]; do
  n=$((i * ${step})); f=pkg$((n % 50))/mod$((n % 7))/file$n.txt; l=0
  { while [ $l -lt 40 ]; do
      if [ ${variant} -gt 0 ] && { [ $l = 12 ] || [ $l = 13 ] || [ $l = 39 ]; }; then echo "changed line $l of file $n (${variant})"; else echo "line $l of file $n: some ordinary source text"; fi
      l=$((l + 1)); done; } > $f
  i=$((i + 1))
done`;

export default async function ({ quick, root }) {
  const { sshdAvailable, startSshd } = await import(pathToFileURL(join(root, 'test/helpers/sshd.ts')).href);
  if (!sshdAvailable()) return [];
  const { createCore } = await import(pathToFileURL(join(root, 'out/electron/core/create-core.js')).href);
  const { remoteSh } = await import(pathToFileURL(join(root, 'out/electron/core/remote/ssh-command.js')).href);
  const total = quick ? 2_000 : 20_000;
  const changed = quick ? 200 : 2_000;
  const sshd = await startSshd();
  const dir = mkdtempSync(join(tmpdir(), 'sb-bench-remote-'));
  let core;
  try {
    const project = `${sshd.home}/proj`;
    const dirs = Array.from({ length: 350 }, (_, i) => `pkg${i % 50}/mod${i % 7}`).join(' ');
    sshd.run(`mkdir -p ${project} && cd ${project} && mkdir -p ${dirs} && git init -q -b main`);
    sshd.run(writeFiles(project, total, 1, 0));
    sshd.run(`cd ${project} && git add -A && GIT_AUTHOR_NAME=b GIT_AUTHOR_EMAIL=b@b GIT_COMMITTER_NAME=b GIT_COMMITTER_EMAIL=b@b git commit -qm initial`);

    writeFileSync(join(dir, 'config.json'), JSON.stringify({ hosts: { box: { ...sshd.host, trustedRoots: ['~'] } } }));
    core = createCore({ home: dir, userHome: dir });
    const task = core.submit({ projectDir: project, host: 'box', prompt: 'bench', agent: 'fake', source: 'cli' });
    core.transition(task.id, 'claim');
    const { cwd } = await core.workspace.prepare(core.store.tasks.get(task.id));
    core.transition(task.id, 'start');
    const run = core.store.runs.create(task.id, 'fake', 'pty', core.instanceId, Date.now());
    const sshArgs = core.hosts.get('box').args();

    const rounds = quick ? 2 : 3;
    const plain = [];
    const captures = [];
    let result;
    for (let r = 1; r <= rounds; r++) {
      sshd.run(writeFiles(cwd, changed, 10, r)); // a fresh edit each round
      const order = r % 2 ? ['plain', 'capture'] : ['capture', 'plain'];
      for (const which of order) {
        if (which === 'plain') plain.push((await remoteDiff(sshArgs, cwd, remoteSh)).ms);
        else {
          const t = process.hrtime.bigint();
          result = await core.workspace.capture(core.store.tasks.get(task.id), run.id);
          captures.push(ms(t));
        }
      }
    }
    if (result?.filesChanged !== changed) throw new Error(`remote capture saw ${result?.filesChanged} files, expected ${changed}`);
    const base = median(plain);
    const cap = median(captures);
    return [{ name: `capture ${changed} files of ${total} on a host (ssh)`, value: cap, unit: 'ms', baseline: base, ratio: cap / base, target: '≤ 1.5× git diff over the same ssh connection', ok: cap / base <= 1.5 }];
  } finally {
    await core?.dispose();
    sshd.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
