/**
 * The `mcp` step (issue 15): a real Claude Code session, started outside Switchboard the way a user
 * runs one, hands a sub-task to Switchboard through `switchboard mcp`. Its model (the fake server,
 * `[sb:call tool=create_task ...]`) calls the MCP tool; the task it creates runs with a real agent, and
 * its file shows in the diff. The MCP server is added with Claude's own `--mcp-config` (the README's
 * "From another agent (MCP)" entry), and the tool is allowed with `--allowedTools`, as a user would.
 */
import { execFile } from 'node:child_process';
import { CLI, waitFor } from './cli.mjs';

const run = (file, args, opts) =>
  new Promise((resolve) => execFile(file, args, { ...opts, maxBuffer: 16 << 20 }, (err, stdout, stderr) => resolve({ code: err ? (err.code ?? 1) : 0, stdout, stderr })));

export async function runMcpStep({ claudeBin, env, cli, project, server, sbHome, subAgent }) {
  const file = 'from-mcp.txt';
  const text = 'made_through_mcp';
  const inner = `Create ${file}. [sb:write path=${file} text=${text}]`;
  const prompt = `Hand this to Switchboard. [sb:call tool=create_task project_dir=${encodeURIComponent(project)} task=${encodeURIComponent(inner)} agent=${subAgent}]`;
  const mcpConfig = { mcpServers: { switchboard: { command: process.execPath, args: [CLI, 'mcp', '--home', sbHome] } } };
  const before = server.log.length;
  try {
    const r = await run(claudeBin, ['-p', prompt, '--output-format', 'json', '--mcp-config', JSON.stringify(mcpConfig), '--strict-mcp-config', '--allowedTools', 'mcp__switchboard__create_task'], {
      cwd: project,
      // Switchboard's MCP server is a Node process that may start slowly on a loaded machine. Claude Code
      // offers MCP tools only through its ToolSearch tool (a real model searches for them first); the
      // scripted model cannot, so tool search is off and the MCP tools are offered directly.
      env: { ...env, MCP_TIMEOUT: '60000', MCP_TOOL_TIMEOUT: '120000', ENABLE_TOOL_SEARCH: 'false' },
      timeout: 240_000,
    });
    if (r.code !== 0) throw new Error(`claude -p exited ${r.code}: ${(r.stderr || r.stdout).trim().slice(-300)}`);
    const called = server.log.slice(before).find((e) => e.tool === 'mcp__switchboard__create_task');
    if (!called) throw new Error(`the model never got to call create_task: Claude offered ${server.log.slice(before).map((e) => e.tool ?? e.reply).join(', ') || 'no request'}; claude said ${r.stdout.slice(0, 300)}`);
    const result = JSON.parse(r.stdout);
    if (result.is_error || !/SB-DONE-\d+/.test(result.result ?? '')) throw new Error(`claude did not finish after the tool call: ${r.stdout.slice(0, 300)}`);
    const tasks = await cli.json(['tasks', '--limit', '50']);
    const task = tasks.find((t) => t.prompt === inner);
    if (!task) throw new Error(`no task with the prompt "${inner}" exists after the call; switchboard tasks lists ${tasks.map((t) => t.id).join(', ')}`);
    if (task.agent !== subAgent) throw new Error(`task ${task.id} was created for agent ${task.agent}, not ${subAgent}`);
    await waitFor(cli, task.id, ['awaiting_review']);
    const d = await cli.run(['diff', task.id, '--no-color']);
    if (!d.stdout.includes(file) || !d.stdout.includes(text)) throw new Error(`the diff of ${task.id} lacks ${file}: ${d.stdout.slice(0, 300) || d.stderr}`);
    // Leave the project as it was for the other agents' steps.
    await cli.run(['reject', task.id]);
    return { ok: true };
  } catch (e) {
    return { ok: false, why: String(e?.message ?? e).slice(0, 400) };
  }
}
