import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/index.js';
import { checkDispatchSignature } from '../../electron/core/dispatch/signature.js';
import { Dispatch } from '../../shared/models/dispatch.js';
import { CompletionReport } from '../../shared/models/completion.js';
import { TASK_ID_RE } from '../../shared/models/task.js';
import { dispatchHarness, until } from '../core/dispatch/harness.js';
import { driveTo } from '../helpers/drive-task.js';

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t), isTTY: false }, { PATH: process.env.PATH });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('switchboard dispatch', () => {
  it('writes a valid, signed dispatch file into the inbox and prints its id, with no app running', async () => {
    const h = dispatchHarness({ noStart: true, config: { dispatchSecret: 's3cret' } });
    const r = await run(['--home', h.root, 'dispatch', '--project', h.project, '--agent', 'codex', '--ttl', '600', '--constraint', 'no deps', '--constraint', 'tests pass', '--callback', 'http://127.0.0.1:9/cb', '--priority', 'high', 'fix', 'the', 'bug']);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toMatch(TASK_ID_RE);
    expect(h.waiting()).toEqual([`${r.out}.json`]);
    expect(readdirSync(h.inbox).filter((n) => n.includes('.tmp'))).toEqual([]);
    const d = Dispatch.parse(JSON.parse(readFileSync(join(h.inbox, `${r.out}.json`), 'utf8')));
    expect(d).toMatchObject({ id: r.out, task: 'fix the bug', project: 'app', project_dir: h.project, target_agent: 'codex', ttl_seconds: 600, constraints: ['no deps', 'tests pass'], callback_url: 'http://127.0.0.1:9/cb', priority: 'high' });
    expect(d.dispatched_by).toMatch(/^cli/);
    expect(checkDispatchSignature('s3cret', d)).toBe('ok'); // the whole document is signed (JCS)

    // The inbox takes it when the app starts.
    h.start();
    await until(() => h.store.tasks.get(r.out) != null, 3000, 'the task');
    expect(h.store.tasks.get(r.out)).toMatchObject({ agent: 'codex', priority: 10, source: 'dispatch' });
  });

  it('--wait blocks until the report and exits 0 for applied, 1 for failed; --json prints the report', async () => {
    const h = dispatchHarness();
    const ok = run(['--home', h.root, 'dispatch', '--project', h.project, '--id', 'dispatch-wait-ok', '--wait', 'do', 'it']);
    await until(() => h.store.tasks.get('dispatch-wait-ok') != null, 3000, 'intake');
    driveTo(h.transition, 'dispatch-wait-ok', 'queued', 'no_changes');
    const a = await ok;
    expect(a.code).toBe(0);
    expect(a.out).toMatch(/^dispatch-wait-ok\ndispatch-wait-ok no_changes/);

    const bad = run(['--home', h.root, 'dispatch', '--project', h.project, '--id', 'dispatch-wait-bad', '--wait', '--json', 'do it']);
    await until(() => h.store.tasks.get('dispatch-wait-bad') != null, 3000, 'intake');
    driveTo(h.transition, 'dispatch-wait-bad', 'queued', 'failed', { patch: { error_type: 'agent_error', error: 'nope' } });
    const b = await bad;
    expect(b.code).toBe(1);
    expect(CompletionReport.parse(JSON.parse(b.out))).toMatchObject({ dispatch_id: 'dispatch-wait-bad', status: 'failed', error: 'nope' });
  });

  it('--wait ends with the failed report when the inbox rejects the file', async () => {
    const h = dispatchHarness({ config: { dispatchSecret: 'right' } });
    // Someone else's secret: the CLI signs with its own home's config, so make them disagree.
    writeFileSync(h.paths.config, JSON.stringify({ trustedRoots: [h.projects], dispatchSecret: 'wrong' }));
    const r = await run(['--home', h.root, 'dispatch', '--project', h.project, '--id', 'dispatch-unsigned', '--wait', '--timeout', '5', 'x']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/dispatch-unsigned failed: .*not signed/);
  });

  it('says when nothing serves the inbox and times out with exit 1', async () => {
    const h = dispatchHarness({ noStart: true });
    const r = await run(['--home', h.root, 'dispatch', '--project', h.project, '--wait', '--timeout', '1', 'x']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/no Switchboard is serving .* right now/);
    expect(r.err).toMatch(/no completion report for dispatch-.* after 1 s/);
  });

  it('refuses bad input with a usage error naming it', async () => {
    const h = dispatchHarness({ noStart: true });
    expect(await run(['--home', h.root, 'dispatch', 'x'])).toMatchObject({ code: 2, err: expect.stringContaining('--project DIR is required') });
    expect(await run(['--home', h.root, 'dispatch', '--project', h.project, '--ttl', '5', 'x'])).toMatchObject({ code: 2, err: expect.stringContaining('--ttl must be a whole number from 60 to 86400') });
    expect(await run(['--home', h.root, 'dispatch', '--project', h.project, '--callback', 'ftp://x', 'x'])).toMatchObject({ code: 2, err: expect.stringContaining('callback_url: expected an http:// or https:// URL') });
    expect(await run(['--home', h.root, 'dispatch', '--project', h.project, '--id', 'nope', 'x'])).toMatchObject({ code: 2, err: expect.stringContaining('id: expected an id starting with "dispatch-"') });
    expect(h.waiting()).toEqual([]);
  });
});
