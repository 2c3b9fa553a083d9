/**
 * Each task's report (state, runs, change summary; JSON) and diff (unified text) as MCP resources,
 * `switchboard://tasks/{id}/report` and `.../diff`. While a client is subscribed to one, every change of
 * its task sends `notifications/resources/updated`; a new task sends `notifications/resources/list_changed`.
 */
import { ResourceTemplate, type McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SubscribeRequestSchema, UnsubscribeRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import type { EventStream } from '../cli/event-stream.js';
import { readDiffPage } from './diff-pages.js';
import type { McpDeps } from './mcp-deps.js';

const KINDS = ['report', 'diff'] as const;
export const taskUri = (id: string, kind: (typeof KINDS)[number]): string => `switchboard://tasks/${encodeURIComponent(id)}/${kind}`;

export function registerTaskResources(server: McpServer, deps: McpDeps): { close(): void } {
  const listTasks = async () => (await (await deps.api())['tasks.list']({ limit: 50 })).tasks;

  server.registerResource(
    'task-report',
    new ResourceTemplate('switchboard://tasks/{id}/report', {
      list: async () => ({ resources: (await listTasks()).map((t) => ({ uri: taskUri(t.id, 'report'), name: `${t.id} report`, mimeType: 'application/json' })) }),
    }),
    { description: "A task's state, runs and captured change (JSON)", mimeType: 'application/json' },
    async (uri, { id }) => {
      const api = await deps.api();
      const { task, runs } = await api['tasks.get']({ id: String(id) });
      const change = await api['changes.get']({ taskId: task.id }).catch(() => null);
      return { contents: [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify({ task, runs, change }, null, 2) }] };
    },
  );

  server.registerResource(
    'task-diff',
    new ResourceTemplate('switchboard://tasks/{id}/diff', {
      list: async () => ({ resources: (await listTasks()).map((t) => ({ uri: taskUri(t.id, 'diff'), name: `${t.id} diff`, mimeType: 'text/x-diff' })) }),
    }),
    { description: "A task's captured change as a unified diff", mimeType: 'text/x-diff' },
    async (uri, { id }) => {
      const api = await deps.api();
      const parts: string[] = [];
      for (let cursor: string | null | undefined; cursor !== null; ) {
        const page = await readDiffPage(api, String(id), { cursor });
        parts.push(page.text);
        cursor = page.nextCursor;
      }
      return { contents: [{ uri: uri.href, mimeType: 'text/x-diff', text: parts.join('\n') }] };
    },
  );

  const subscribed = new Set<string>();
  let stream: EventStream | null = null;
  const follow = async (): Promise<void> => {
    if (stream) return;
    await deps.api();
    if (stream) return;
    const s = (stream = deps.events());
    s.onClose(() => {
      if (stream === s) stream = null;
    });
    await s.subscribe((event) => {
      if (event.name !== 'task.changed') return;
      if (event.payload.previousState == null) server.sendResourceListChanged();
      for (const kind of KINDS) {
        const uri = taskUri(event.payload.task.id, kind);
        if (subscribed.has(uri)) void server.server.sendResourceUpdated({ uri }).catch(() => {});
      }
    });
  };

  server.server.registerCapabilities({ resources: { subscribe: true, listChanged: true } });
  server.server.setRequestHandler(SubscribeRequestSchema, async (req) => {
    subscribed.add(req.params.uri);
    await follow();
    return {};
  });
  server.server.setRequestHandler(UnsubscribeRequestSchema, (req) => {
    subscribed.delete(req.params.uri);
    return {};
  });
  return { close: () => stream?.close() };
}
