import { describe, expect, it } from 'vitest';
import { createRunFacts, failedToolsFlag } from '../../../electron/core/runners/run-facts.js';
import { createStructuredParser } from '../../../electron/core/runners/structured-output.js';

/** Feeds raw agent output lines through the real parser into the facts, as the run sink does. */
function throughParser(format: 'claude-stream-json' | 'codex-json', lines: unknown[]) {
  const facts = createRunFacts();
  const parser = createStructuredParser(format, { event: (k, d) => facts.note(k, d), sessionId: () => {} })!;
  parser.push(lines.map((l) => `${JSON.stringify(l)}\r\n`).join(''));
  parser.end();
  return facts;
}

describe('run facts: usage', () => {
  it('reads Claude stream-json: the model from system/init, tokens and cost from result', () => {
    const facts = throughParser('claude-stream-json', [
      { type: 'system', subtype: 'init', cwd: '/w', session_id: 's1', tools: ['Bash', 'Edit'], model: 'claude-sonnet-4-5-20250929', permissionMode: 'acceptEdits', apiKeySource: 'ANTHROPIC_API_KEY' },
      { type: 'assistant', message: { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5-20250929', content: [{ type: 'text', text: 'Done.' }], usage: { input_tokens: 3, output_tokens: 5 } }, session_id: 's1' },
      {
        type: 'result', subtype: 'success', is_error: false, duration_ms: 5123, duration_api_ms: 4990, num_turns: 2, result: 'Done.', session_id: 's1', total_cost_usd: 0.0421375,
        usage: { input_tokens: 1204, cache_creation_input_tokens: 5320, cache_read_input_tokens: 13904, output_tokens: 311, server_tool_use: { web_search_requests: 0 }, service_tier: 'standard' },
        permission_denials: [],
      },
    ]);
    expect(facts.usage()).toEqual({
      model: 'claude-sonnet-4-5-20250929', inputTokens: 1204, outputTokens: 311, cacheReadTokens: 13904, cacheWriteTokens: 5320,
      cost: 0.0421375, costCurrency: 'USD', contextUsed: null, contextSize: null,
    });
  });

  it('reads codex exec --json: turn.completed usage, summed over turns; a failed command is a failed tool call', () => {
    const facts = throughParser('codex-json', [
      { type: 'thread.started', thread_id: '0199a213-81c0-7800-8aa1-bbab2a035a53' },
      { type: 'turn.started' },
      { type: 'item.completed', item: { id: 'item_1', type: 'command_execution', command: 'bash -lc "npm test"', aggregated_output: 'npm ERR!', exit_code: 1, status: 'failed' } },
      { type: 'item.completed', item: { id: 'item_2', type: 'agent_message', text: 'Tests fail.' } },
      { type: 'turn.completed', usage: { input_tokens: 24763, cached_input_tokens: 24448, output_tokens: 122 } },
      { type: 'turn.started' },
      { type: 'turn.completed', usage: { input_tokens: 1000, cached_input_tokens: 0, output_tokens: 10 } },
    ]);
    expect(facts.usage()).toMatchObject({ model: null, inputTokens: 25763, outputTokens: 132, cacheReadTokens: 24448, cost: null });
    expect(facts.failedToolCalls()).toEqual({ count: 1, last: 'bash -lc "npm test"' });
  });

  it('reads ACP: usage_update (context and cumulative cost), the prompt response usage and the session model', () => {
    const facts = createRunFacts();
    facts.note('acp.session', { sessionId: 's', how: 'new', modes: null, models: { currentModelId: 'gemini-2.5-pro', availableModels: [] } });
    facts.note('acp.usage_update', { sessionUpdate: 'usage_update', used: 53000, size: 200000, cost: { amount: 0.045, currency: 'USD' } });
    facts.note('acp.usage_update', { sessionUpdate: 'usage_update', used: 61000, size: 200000, cost: { amount: 0.071, currency: 'USD' } });
    facts.note('acp.stop', { stopReason: 'end_turn', usage: { totalTokens: 9300, inputTokens: 8000, outputTokens: 1300, cachedReadTokens: 5000, cachedWriteTokens: null } });
    expect(facts.usage()).toEqual({
      model: 'gemini-2.5-pro', inputTokens: 8000, outputTokens: 1300, cacheReadTokens: 5000, cacheWriteTokens: 0,
      cost: 0.071, costCurrency: 'USD', contextUsed: 61000, contextSize: 200000,
    });
  });

  it('has no usage for an agent that reports none', () => {
    const facts = createRunFacts();
    facts.note('text', { text: 'hi' });
    expect(facts.usage()).toBeNull();
  });
});

describe('run facts: failed tool calls', () => {
  it('counts Claude tool results with is_error, but not the edits its permission mode denied (flagged apart)', () => {
    const facts = createRunFacts();
    facts.note('tool_result', { toolUseId: 't1', content: 'Exit code 2\nmake: *** No rule to make target', isError: true });
    facts.note('tool_result', { toolUseId: 't2', content: 'ok', isError: false });
    facts.note('tool_result', { toolUseId: 't3', content: 'Claude requested permissions to write to /w/a.txt', isError: true });
    facts.note('result', { subtype: 'success', isError: false, permissionDenials: [{ toolName: 'Write', input: {} }] });
    expect(facts.failedToolCalls().count).toBe(1);
    expect(failedToolsFlag(facts.failedToolCalls())).toMatch(/^failed_tool_calls: 1 tool call failed \(last: /);
  });

  it('counts ACP tool calls that ended failed, once each, and forgets one that later completed', () => {
    const facts = createRunFacts();
    facts.note('acp.tool_call', { sessionUpdate: 'tool_call', toolCallId: 'c1', title: 'WriteFile a.txt', kind: 'edit', status: 'pending' });
    facts.note('acp.tool_call_update', { sessionUpdate: 'tool_call_update', toolCallId: 'c1', status: 'failed' });
    facts.note('acp.tool_call_update', { sessionUpdate: 'tool_call_update', toolCallId: 'c1', status: 'failed', title: 'WriteFile a.txt' });
    facts.note('acp.tool_call_update', { sessionUpdate: 'tool_call_update', toolCallId: 'c2', status: 'failed', title: 'Shell ls' });
    facts.note('acp.tool_call_update', { sessionUpdate: 'tool_call_update', toolCallId: 'c2', status: 'completed' });
    expect(facts.failedToolCalls()).toEqual({ count: 1, last: 'WriteFile a.txt' });
    expect(failedToolsFlag({ count: 0, last: null })).toBeNull();
  });
});
