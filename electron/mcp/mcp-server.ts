/** `switchboard mcp`: the MCP server (tools and resources over the running instance of one home). */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { appVersion } from '../core/version.js';
import type { McpDeps } from './mcp-deps.js';
import { registerPermissionTools } from './permission-tools.js';
import { registerTaskResources } from './task-resources.js';
import { registerTaskTools } from './task-tools.js';

export function createMcpServer(deps: McpDeps): { server: McpServer; close(): Promise<void> } {
  const server = new McpServer(
    { name: 'switchboard', version: appVersion() },
    {
      instructions:
        'Switchboard runs coding agents on projects, each task in its own git worktree, and keeps the change for review. create_task, then wait_for_task, then get_diff; approve_task only if the user enabled it.',
    },
  );
  registerTaskTools(server, deps);
  registerPermissionTools(server, deps);
  const resources = registerTaskResources(server, deps);
  return {
    server,
    close: async () => {
      resources.close();
      await server.close();
    },
  };
}
