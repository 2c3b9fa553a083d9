import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { requests } from '../../shared/contract.js';
import { answerPermission } from '../cli/answer-permission.js';
import type { McpDeps } from './mcp-deps.js';
import { guarded, toolResult } from './tool-result.js';

const answer = requests['permissions.answer'].input.shape;

/** answer_permission: the same choice rules as `switchboard allow`. */
export function registerPermissionTools(server: McpServer, deps: McpDeps): void {
  server.registerTool(
    'answer_permission',
    {
      description:
        'Answer a pending permission request of an ACP agent (ids in get_task / `switchboard permissions`). option: once, always, allow, reject, deny, never, an option kind or its id; default: allow once.',
      inputSchema: { id: answer.requestId.describe('the permission request id'), option: z.string().min(1).optional() },
    },
    guarded(async (a) => {
      const { request, option, answered } = await answerPermission(await deps.api(), a.id, a.option);
      return toolResult(`${request.taskId}: ${option.kind} (${option.name}) for "${request.title}"`, { request: answered });
    }),
  );
}
