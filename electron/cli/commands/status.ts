import { TASK_STATES } from '../../../shared/models/task.js';
import { createClient } from '../client.js';
import { parseCommandArgs } from '../args.js';
import { EXIT, type Command } from '../command.js';
import { findServing } from '../daemon-control.js';

export const statusCommand: Command = {
  name: 'status',
  summary: 'Whether the daemon runs for this home: pid, version, uptime, tasks by state',
  usage: `Usage: switchboard status [--json] [--home DIR]

Says whether a Switchboard daemon is serving this home and, if so, its pid, URL, version, uptime and
how many tasks are in each state. Exit code 0 when it runs, 1 when it does not.`,
  async run(ctx) {
    const { values } = parseCommandArgs('status', ctx.argv, {});
    const info = await findServing(ctx.home);
    if (!info) {
      if (values.json) ctx.io.out(JSON.stringify({ running: false, home: ctx.home }));
      else ctx.io.out(`Switchboard is not running for ${ctx.home} (start it with \`switchboard serve --detach\`)`);
      return EXIT.failure;
    }
    const s = await createClient(info, { home: ctx.home, timeoutMs: 10_000 })['app.status']({});
    const uptimeSeconds = Math.max(0, Math.round((Date.now() - Date.parse(s.startedAt)) / 1000));
    const tasks = Object.fromEntries(TASK_STATES.filter((state) => s.counts[state]).map((state) => [state, s.counts[state]]));
    if (values.json) {
      ctx.io.out(JSON.stringify({ running: true, home: s.home, pid: s.pid, url: info.url, version: s.version, mode: s.mode, startedAt: s.startedAt, uptimeSeconds, tasks, warnings: s.warnings }, null, 2));
      return EXIT.ok;
    }
    ctx.io.out(`Switchboard ${s.version} is running for ${s.home} (pid ${s.pid}, ${s.mode}, up ${uptimeSeconds} s) at ${info.url}`);
    const counts = Object.entries(tasks).map(([state, n]) => `${state} ${n}`);
    ctx.io.out(`Tasks: ${counts.length ? counts.join(', ') : 'none'}`);
    for (const w of s.warnings) ctx.io.out(`warning: ${w}`);
    return EXIT.ok;
  },
};
