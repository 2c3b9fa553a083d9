/**
 * The fake model server of `npm run test:agents`, checked on its own in `npm test` (no agent CLI
 * needed): each wire format, streamed and not, drives a tool call, then a final answer, and sees a
 * resumed conversation; JSON-schema requests get JSON; a hanging reply ends when the client leaves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs fixture without types
import { startFakeModelServer } from '../fixtures/fake-model-server.mjs';
// @ts-expect-error: a plain .mjs fixture without types
import { planCall } from '../fixtures/fake-model-tools.mjs';

type Log = { api: string; reply: string; tool: string | null; sawHistory: boolean }[];
let server: { url: string; log: Log; close(): Promise<void> };
beforeAll(async () => (server = await startFakeModelServer()));
afterAll(() => server.close());

const PROMPT = 'Make it. [sb:write path=a.txt text=hi] [sb:edit path=a.txt old=hi new=bye]';

async function post(path: string, body: unknown): Promise<{ json: unknown; events: unknown[] }> {
  const res = await fetch(server.url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBe(200);
  const text = await res.text();
  if (!res.headers.get('content-type')?.includes('event-stream')) return { json: JSON.parse(text), events: [] };
  const events = text
    .split('\n\n')
    .map((block) => block.split('\n').find((l) => l.startsWith('data: '))?.slice(6))
    .filter((d): d is string => !!d && d !== '[DONE]')
    .map((d) => JSON.parse(d));
  return { json: null, events };
}

const str = (o: unknown): string => JSON.stringify(o);

describe('fake model server', () => {
  it('Anthropic Messages (streamed): Write with an absolute path from the system prompt, then Edit, then a final text', async () => {
    const tools = [{ name: 'Write', input_schema: { properties: { file_path: {}, content: {} } } }, { name: 'Edit', input_schema: { properties: { file_path: {}, old_string: {}, new_string: {} } } }];
    const base = { model: 'claude-x', stream: true, system: [{ type: 'text', text: 'Working directory: /w/p' }], tools };
    const first = await post('/v1/messages', { ...base, messages: [{ role: 'user', content: PROMPT }] });
    expect(str(first.events)).toContain('"partial_json":"{\\"file_path\\":\\"/w/p/a.txt\\",\\"content\\":\\"hi\\\\n\\"}"');
    expect(str(first.events)).toContain('"stop_reason":"tool_use"');
    const toolResult = (id: string) => ({ role: 'user', content: [{ type: 'tool_result', tool_use_id: id, content: 'ok' }] });
    const use = { role: 'assistant', content: [{ type: 'tool_use', id: 'c1', name: 'Write', input: {} }] };
    const second = await post('/v1/messages', { ...base, messages: [{ role: 'user', content: PROMPT }, use, toolResult('c1')] });
    expect(str(second.events)).toContain('"name":"Edit"');
    expect(str(second.events)).toContain('old_string');
    const third = await post('/v1/messages', { ...base, stream: false, messages: [{ role: 'user', content: PROMPT }, use, toolResult('c1'), use, toolResult('c2')] });
    expect(str(third.json)).toMatch(/"type":"text","text":"All done. SB-DONE-\d+"/);
    const done = (third.json as { content: { text: string }[] }).content[0].text;
    await post('/v1/messages', { ...base, messages: [{ role: 'user', content: PROMPT }, { role: 'assistant', content: done }, { role: 'user', content: 'again [sb:write path=b.txt text=x]' }] });
    expect(server.log.at(-1)).toMatchObject({ api: 'anthropic', reply: 'call', tool: 'Write', sawHistory: true });
  });

  it('OpenAI Chat Completions (streamed): a tool_calls delta fitted to opencode-style camelCase arguments', async () => {
    const tools = [{ type: 'function', function: { name: 'write', parameters: { properties: { filePath: {}, content: {} } } } }];
    const r = await post('/v1/chat/completions', { model: 'm', stream: true, tools, messages: [{ role: 'system', content: 'Working directory: /w' }, { role: 'user', content: PROMPT }] });
    expect(str(r.events)).toContain('"tool_calls":[{"index":0');
    expect(str(r.events)).toContain('\\"filePath\\":\\"/w/a.txt\\"');
    expect(str(r.events)).toContain('"finish_reason":"tool_calls"');
    const after = await post('/v1/chat/completions', { model: 'm', stream: false, tools, messages: [{ role: 'user', content: 'x [sb:write path=a.txt text=hi]' }, { role: 'assistant', content: null }, { role: 'tool', content: 'done' }] });
    expect(str(after.json)).toMatch(/"finish_reason":"stop"/);
  });

  it('OpenAI Responses (streamed): a freeform apply_patch call, or a shell call; completed with usage', async () => {
    const patch = await post('/v1/responses', { model: 'gpt', stream: true, tools: [{ type: 'custom', name: 'apply_patch' }], input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: PROMPT }] }] });
    expect(str(patch.events)).toContain('"type":"custom_tool_call"');
    expect(str(patch.events)).toContain('*** Add File: a.txt\\n+hi');
    expect(str(patch.events)).toMatch(/"type":"response.completed".*"input_tokens":10/);
    const shell = await post('/v1/responses', {
      model: 'gpt',
      stream: true,
      tools: [{ type: 'function', name: 'shell', parameters: { properties: { command: { type: 'array' } } } }],
      input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: PROMPT }] }, { type: 'function_call', call_id: 'c', name: 'shell', arguments: '{}' }, { type: 'function_call_output', call_id: 'c', output: 'ok' }],
    });
    expect(str(shell.events)).toContain(`"name":"shell","arguments":"{\\"command\\":[\\"bash\\",\\"-lc\\",\\"sed -i 's/hi/bye/' 'a.txt'\\"]}"`);
  });

  it('Gemini (streamed and not): a functionCall, and JSON for a request with responseJsonSchema', async () => {
    const tools = [{ functionDeclarations: [{ name: 'write_file', parametersJsonSchema: { properties: { file_path: {}, content: {} } } }] }];
    const r = await post('/v1beta/models/gemini-x:streamGenerateContent?alt=sse', { contents: [{ role: 'user', parts: [{ text: PROMPT }] }], tools, systemInstruction: { parts: [{ text: "I'm currently working in the directory: /g" }] } });
    expect(str(r.events)).toContain('"functionCall":{"name":"write_file","args":{"file_path":"/g/a.txt","content":"hi\\n"}}');
    const router = await post('/v1beta/models/gemini-x:generateContent', {
      contents: [{ role: 'user', parts: [{ text: 'route this' }] }],
      generationConfig: { responseMimeType: 'application/json', responseJsonSchema: { type: 'object', properties: { reasoning: { type: 'string' }, next_speaker: { type: 'string', enum: ['model', 'user'] } } } },
    });
    const text = (router.json as { candidates: { content: { parts: { text: string }[] } }[] }).candidates[0].content.parts[0].text;
    expect(JSON.parse(text)).toEqual({ reasoning: 'ok', next_speaker: 'user' });
  });

  it('holds a [sb:hang] reply open until the client goes away, and 404s what it does not know', async () => {
    const ac = new AbortController();
    const pending = fetch(`${server.url}/v1/messages`, { method: 'POST', signal: ac.signal, body: JSON.stringify({ model: 'm', stream: true, tools: [{ name: 'Write' }], messages: [{ role: 'user', content: 'wait [sb:hang]' }] }) }).then((r) => r.text());
    const until = Date.now() + 10_000;
    while (server.log.at(-1)?.reply !== 'hang' && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect(server.log.at(-1)?.reply).toBe('hang');
    ac.abort();
    await expect(pending).rejects.toThrow();
    expect((await fetch(`${server.url}/nothing`)).status).toBe(404);
  });

  it('picks no tool it does not know', () => {
    expect(planCall({ kind: 'write', path: 'a', text: 'b' }, [{ name: 'search', kind: 'function', schema: {} }], null)).toBeNull();
  });

  it('[sb:call] calls an MCP tool by its client-side name, with URI-decoded arguments typed by the schema', async () => {
    const inner = encodeURIComponent('Make b. [sb:write path=b.txt text=hi]');
    const prompt = `Hand it over. [sb:call tool=create_task project_dir=/w/p task=${inner} ttl_seconds=600]`;
    const tools = [
      { name: 'Write', input_schema: { properties: { file_path: {}, content: {} } } },
      { name: 'mcp__switchboard__create_task', input_schema: { properties: { project_dir: { type: 'string' }, task: { type: 'string' }, ttl_seconds: { type: 'integer' } } } },
    ];
    const r = await post('/v1/messages', { model: 'm', stream: false, tools, messages: [{ role: 'user', content: prompt }] });
    const block = (r.json as { content: { type: string; name: string; input: Record<string, unknown> }[] }).content[0];
    expect(block).toMatchObject({ type: 'tool_use', name: 'mcp__switchboard__create_task' });
    expect(block.input).toEqual({ project_dir: '/w/p', task: 'Make b. [sb:write path=b.txt text=hi]', ttl_seconds: 600 });
    // The tool's answer (which quotes the inner directive) does not restart the script: the next reply is the final text.
    const after = await post('/v1/messages', { model: 'm', stream: false, tools, messages: [{ role: 'user', content: prompt }, { role: 'assistant', content: [{ type: 'tool_use', id: 'c', name: block.name, input: block.input }] }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'c', content: '{"prompt":"Make b. [sb:write path=b.txt text=hi]"}' }] }] });
    expect(str(after.json)).toMatch(/All done. SB-DONE-\d+/);
    expect(planCall({ kind: 'call', tool: 'create_task', task: 'x' }, [{ name: 'switchboard_create_task', kind: 'function', schema: {} }], null)).toMatchObject({ name: 'switchboard_create_task', args: { task: 'x' } });
    expect(planCall({ kind: 'call', tool: 'create_task' }, [{ name: 'Write', kind: 'function', schema: {} }], null)).toBeNull();
  });
});
