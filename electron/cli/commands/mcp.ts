import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createMcpDeps } from '../../mcp/mcp-deps.js';
import { createMcpServer } from '../../mcp/mcp-server.js';
import { parseCommandArgs } from '../args.js';
import { EXIT, type Command } from '../command.js';

export const mcpCommand: Command = {
  name: 'mcp',
  summary: 'An MCP server over stdio, for coding agents and orchestrators',
  usage: `Usage: switchboard mcp [--home DIR]

Speaks the Model Context Protocol on stdin/stdout, for an MCP client (Claude Code, Codex, Gemini CLI,
opencode...) to start. Its tools (create_task, list_tasks, get_task, wait_for_task, get_diff,
approve_task, reject_task, follow_up, cancel_task, answer_permission) and resources (each task's
report and diff) go to the running Switchboard of the home; when none runs, the first call starts one
in the background (as \`switchboard serve --detach\`; stop it with \`switchboard stop\`). approve_task is refused unless config.json has "mcp": { "allowApprove": true }.
Logs go to stderr.`,
  async run(ctx) {
    parseCommandArgs('mcp', ctx.argv, {}, [0, 0]);
    const mcp = createMcpServer(createMcpDeps(ctx.home));
    const transport = new StdioServerTransport();
    const closed = new Promise<void>((resolve) => {
      transport.onclose = resolve;
      process.stdin.once('end', resolve);
    });
    await mcp.server.connect(transport);
    ctx.io.err(`switchboard mcp: serving ${ctx.home} over stdio`);
    await closed;
    await mcp.close();
    return EXIT.ok;
  },
};
