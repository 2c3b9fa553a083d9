import { parseCommandArgs } from '../args.js';
import { EXIT, type Command } from '../command.js';
import { runChecks } from '../doctor-checks.js';

export const doctorCommand: Command = {
  name: 'doctor',
  summary: 'Check that git, the native modules, the agents and the home are usable',
  usage: `Usage: switchboard doctor [--host NAME] [--json] [--home DIR]

Checks git, that better-sqlite3 and node-pty load in this runtime, every agent config.json
defines (the built-ins and its own \`agents\`, as \`switchboard agents\` lists them), that config.json is valid and that the home is writable.
Exits 1 when an essential check fails; a missing agent is reported but is not essential.
With --host NAME, checks that host of config.json instead, over ssh: login (reachable, key accepted,
host key known), git, Switchboard's folder and the worktree root there, the trusted roots, and every
agent's command on the host's PATH.`,
  async run(ctx) {
    const { values } = parseCommandArgs('doctor', ctx.argv, { host: { type: 'string' } });
    const checks = await runChecks(ctx.home, ctx.env, values.host);
    const ok = checks.every((c) => c.ok || !c.essential);
    if (values.json) {
      ctx.io.out(JSON.stringify({ ok, home: ctx.home, checks }, null, 2));
    } else {
      const width = Math.max(...checks.map((c) => c.name.length));
      for (const c of checks) ctx.io.out(`${c.ok ? '✓' : '✗'} ${c.name.padEnd(width)}  ${c.detail}`);
      if (!values.host && !checks.some((c) => c.name.startsWith('agent ') && c.ok)) {
        ctx.io.out('\nNo agent CLI was found on PATH: install one (for example `npm i -g @anthropic-ai/claude-code`) or define one in config.json.');
      }
      if (!ok) ctx.io.err(`\n${checks.filter((c) => c.essential && !c.ok).length} essential check(s) failed.`);
    }
    return ok ? EXIT.ok : EXIT.failure;
  },
};
