/**
 * The steps of one agent in the conformance suite, each recorded pass/fail with its reason:
 *   run        dispatch → the agent writes a new file through a tool call → awaiting_review
 *   permission (ACP) the agent asked, and `switchboard allow` answered through the contract
 *   diff       the new file and its content are in `switchboard diff`
 *   resume     `switchboard followup` → the agent resumed its session (the model saw the earlier
 *              turn) and edited the file; the edit is in the diff
 *   approve    `switchboard approve` → the file is in the project with the edited content
 *   cancel     a second task whose model never answers is cancelled: it ends `cancelled` and no
 *              process carrying its dispatch id is left
 *   usage      (claude) tokens and model of the run are recorded and shown by `switchboard usage --json`
 * (run.mjs adds `mcp` for claude: mcp-step.mjs, a Claude session creating a task through `switchboard mcp`.)
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { processesOf, sleep, waitFor } from './cli.mjs';

export async function runAgentSteps({ name, transport, cli, project, server, resumable }) {
  const steps = {};
  const started = Date.now();
  const pass = (k) => (steps[k] = { ok: true });
  const fail = (k, why) => (steps[k] = { ok: false, why: String(why?.message ?? why).slice(0, 400) });
  const check = (k, ok, why) => (ok ? pass(k) : fail(k, why));
  const file = `${name}.txt`;
  const first = `hello_from_${name.replace(/\W/g, '_')}`;
  const second = `edited_by_${name.replace(/\W/g, '_')}`;
  const id = `dispatch-conf-${name}-${Date.now().toString(36)}`;

  const diffHas = async (text) => {
    const r = await cli.run(['diff', id, '--no-color']);
    if (r.code !== 0) throw new Error(`switchboard diff exited ${r.code}: ${r.stderr.trim()}`);
    if (!r.stdout.includes(file) || !r.stdout.includes(text)) throw new Error(`the diff lacks ${file} with "${text}": ${r.stdout.slice(0, 300) || '(empty)'}`);
  };

  // 1. dispatch → run → diff (→ permission for ACP agents)
  let ok = false;
  try {
    const d = await cli.run(['dispatch', '--project', project, '--agent', name, '--id', id, `Create the file ${file}. [sb:write path=${file} text=${first}]`]);
    if (d.code !== 0) throw new Error(`switchboard dispatch exited ${d.code}: ${d.stderr.trim()}`);
    const r = await waitFor(cli, id, ['awaiting_review']);
    pass('run');
    if (transport === 'acp') check('permission', r.permissions > 0, 'the agent asked for no permission');
    await diffHas(first);
    pass('diff');
    ok = true;
  } catch (e) {
    fail('run', e);
  }

  // 2. follow-up that resumes the session
  let edited = false; // the follow-up's edit is in the diff (even when its session was not resumed)
  if (ok && resumable) {
    try {
      const before = server.log.length;
      const f = await cli.run(['followup', id, `Now change it. [sb:edit path=${file} old=${first} new=${second}]`]);
      if (f.code !== 0) throw new Error(`switchboard followup exited ${f.code}: ${f.stderr.trim()}`);
      await sleep(1500);
      await waitFor(cli, id, ['awaiting_review']);
      await diffHas(second);
      edited = true;
      const asked = server.log.slice(before).filter((e) => e.directives?.some((x) => x.kind === 'edit'));
      if (!asked.length) throw new Error('the model server got no request for the follow-up');
      if (!asked.some((e) => e.sawHistory)) throw new Error('the follow-up reached the model without the earlier conversation: the session was not resumed');
      pass('resume');
    } catch (e) {
      fail('resume', e);
    }
  }

  // 3. approve → the file in the project
  if (steps.diff?.ok) {
    try {
      const a = await cli.run(['approve', id]);
      if (a.code !== 0) throw new Error(`switchboard approve exited ${a.code}: ${(a.stderr || a.stdout).trim()}`);
      const want = edited ? second : first;
      const path = join(project, file);
      const got = existsSync(path) ? readFileSync(path, 'utf8').trim() : '(missing)';
      check('approve', got === want, `${path} holds "${got}", expected "${want}"`);
    } catch (e) {
      fail('approve', e);
    }
  }

  // 4. usage recorded (only Claude's print mode reports usage in a form Switchboard reads today)
  if (name === 'claude' && steps.run?.ok) {
    const u = await cli.run(['usage', '--json']);
    if (u.code === 2 || /unknown command/i.test(u.stderr)) steps.usage = { ok: null, why: 'not verified: this build has no `switchboard usage`' };
    else if (u.code !== 0) fail('usage', `switchboard usage --json exited ${u.code}: ${u.stderr.trim()}`);
    else check('usage', /"?inputTokens"?\s*:\s*[1-9]/.test(u.stdout) && /claude/.test(u.stdout), `no tokens for claude in: ${u.stdout.slice(0, 300)}`);
  }

  // 5. cancel while the model hangs: the task ends cancelled and nothing it started is left
  const cid = `${id}-cancel`;
  try {
    const before = server.log.length;
    const d = await cli.run(['dispatch', '--project', project, '--agent', name, '--id', cid, 'Wait. [sb:hang]']);
    if (d.code !== 0) throw new Error(`switchboard dispatch exited ${d.code}: ${d.stderr.trim()}`);
    const until = Date.now() + 180_000;
    while (!server.log.slice(before).some((e) => e.reply === 'hang')) {
      if (Date.now() > until) throw new Error('the agent never reached the model');
      await sleep(500);
    }
    const c = await cli.run(['cancel', cid]);
    if (c.code !== 0) throw new Error(`switchboard cancel exited ${c.code}: ${c.stderr.trim()}`);
    await waitFor(cli, cid, ['cancelled'], { timeoutMs: 60_000, allow: false });
    let left = processesOf(cid);
    for (let i = 0; i < 20 && left.length; i++) {
      await sleep(500);
      left = processesOf(cid);
    }
    check('cancel', !left.length, `process(es) ${left.join(', ')} still run with its dispatch id`);
  } catch (e) {
    fail('cancel', e);
  }
  return { steps, seconds: Math.round((Date.now() - started) / 1000) };
}
