/**
 * `switchboard mcp` as an MCP client starts it: the built CLI spawned by the SDK's own stdio client,
 * against a real `switchboard serve` (its own process) running the fake claude. Needs `npm run build`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ResourceListChangedNotificationSchema, ResourceUpdatedNotificationSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { findServing, stopDaemon } from '../../electron/cli/daemon-control.js';
import { GIT_TEST_ENV, makeRepo } from '../core/git/git-fixture.js';
import { tempDir } from '../helpers/temp.js';
import { FAKE_CLAUDE, newHome } from '../host/home.js';
import { cli, killServes, requireBuiltCli, serve } from './built-cli.js';

beforeAll(requireBuiltCli);
const clients: Client[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) await c.close();
  killServes();
});

async function mcpClient(home: string): Promise<Client> {
  const client = new Client({ name: 'switchboard-test', version: '0' });
  const transport = new StdioClientTransport({ command: process.execPath, args: [cli, 'mcp', '--home', home], env: GIT_TEST_ENV as Record<string, string>, stderr: 'pipe' });
  await client.connect(transport);
  clients.push(client);
  return client;
}

const call = async (client: Client, name: string, args: Record<string, unknown>) =>
  (await client.callTool({ name, arguments: args }, undefined, { timeout: 120_000 })) as CallToolResult;
const text = (r: CallToolResult): string => r.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 300 && !check(); i++) await new Promise((r) => setTimeout(r, 100));
  if (!check()) throw new Error(`never saw ${what}`);
}

describe('switchboard mcp (built, spawned by the SDK stdio client)', () => {
  it('runs a task end to end: create, wait, diff, approve (when allowed); bad calls are isError and the server stays up', async () => {
    const home = newHome({ agents: { claude: { command: FAKE_CLAUDE } } });
    const project = makeRepo(join(tempDir(), 'proj'), { 'README.md': 'hi\n' });
    const host = await serve(home, GIT_TEST_ENV);
    const client = await mcpClient(home);

    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(
      ['answer_permission', 'approve_task', 'cancel_task', 'create_task', 'follow_up', 'get_diff', 'get_task', 'list_tasks', 'reject_task', 'wait_for_task'].sort(),
    );
    // The input schema is the contract's, as JSON Schema.
    const create = tools.find((t) => t.name === 'create_task')!;
    expect(create.inputSchema.required).toEqual(['project_dir', 'task']);
    expect(create.inputSchema.properties).toMatchObject({ ttl_seconds: { type: 'integer', minimum: 60, maximum: 86_400 }, agents: { type: 'array', maxItems: 8 } });

    const listChanged: unknown[] = [];
    const updated: string[] = [];
    client.setNotificationHandler(ResourceListChangedNotificationSchema, (n) => void listChanged.push(n));
    client.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => void updated.push(n.params.uri));
    await client.subscribeResource({ uri: 'switchboard://tasks/dispatch-none/report' });

    const created = await call(client, 'create_task', { project_dir: project, task: 'write hello.txt hello from mcp\nsay done' });
    expect(created.isError).toBeFalsy();
    const id = (created.structuredContent as { task: { id: string } }).task.id;
    expect(text(created)).toContain(id);
    await until(() => listChanged.length > 0, 'resources/list_changed for the new task');
    const reportUri = `switchboard://tasks/${id}/report`;
    await client.subscribeResource({ uri: reportUri });

    const waited = await call(client, 'wait_for_task', { id, timeout_seconds: 120 });
    expect(waited.structuredContent).toMatchObject({ timedOut: false, task: { id, state: 'awaiting_review' } });

    const diff = await call(client, 'get_diff', { id });
    expect(diff.structuredContent).toMatchObject({ nextCursor: null, files: [{ path: 'hello.txt' }] });
    expect(text(diff)).toContain('+hello from mcp');
    const resource = await client.readResource({ uri: `switchboard://tasks/${id}/diff` });
    expect(resource.contents[0]).toMatchObject({ text: expect.stringContaining('+hello from mcp') });
    const { resources } = await client.listResources();
    expect(resources.map((r) => r.uri)).toContain(reportUri);

    // Approval is off by default: refused, nothing applied.
    const refused = await call(client, 'approve_task', { id });
    expect(refused.isError).toBe(true);
    expect(text(refused)).toContain('"allowApprove": true');
    expect(existsSync(join(project, 'hello.txt'))).toBe(false);

    // Bad calls: a bogus id, a malformed id, a path outside trustedRoots; each an isError naming what is wrong.
    const missing = await call(client, 'get_task', { id: 'dispatch-bogus' });
    expect(missing.isError).toBe(true);
    expect(text(missing)).toContain('dispatch-bogus');
    const malformed = await call(client, 'get_task', { id: 'bogus' });
    expect(malformed.isError).toBe(true);
    expect(text(malformed)).toMatch(/a task id looks like dispatch-.* at id$/);
    const outside = await call(client, 'create_task', { project_dir: '/usr', task: 'x' });
    expect(outside.isError).toBe(true);
    expect(text(outside)).toContain('is outside the trusted roots');
    const noTask = await call(client, 'create_task', { project_dir: project });
    expect(noTask.isError).toBe(true);
    expect(text(noTask)).toMatch(/ at task$/);

    // The person turns approval on (the settings request the app's Settings page sends).
    const res = await fetch(new URL('api/settings.update', host.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ patch: { mcp: { allowApprove: true } } }),
    });
    expect(res.status).toBe(200);
    const approved = await call(client, 'approve_task', { id });
    expect(approved.isError).toBeFalsy();
    expect(approved.structuredContent).toMatchObject({ task: { state: 'applied' }, appliedFiles: ['hello.txt'] });
    expect(readFileSync(join(project, 'hello.txt'), 'utf8')).toBe('hello from mcp');
    await until(() => updated.includes(reportUri), `resources/updated for ${reportUri}`);

    // Still serving after all that.
    const listed = await call(client, 'list_tasks', {});
    expect(listed.structuredContent).toMatchObject({ tasks: [{ id, state: 'applied' }] });
  });

  it('starts Switchboard in the background when none serves the home', async () => {
    const home = newHome();
    const client = await mcpClient(home);
    try {
      const r = await call(client, 'list_tasks', {});
      expect(r.isError).toBeFalsy();
      expect(r.structuredContent).toEqual({ tasks: [] });
      expect(await findServing(home)).not.toBeNull();
    } finally {
      await stopDaemon(home);
    }
    expect(await findServing(home)).toBeNull();
  });
});
