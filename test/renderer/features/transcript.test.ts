import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../shared/models/run.js';
import { buildTranscript } from '../../../renderer/features/transcript/transcript.js';
import { editLines } from '../../../renderer/features/transcript/edit-lines.js';

let seq = 0;
const ev = (kind: string, data: unknown): RunEvent => ({ runId: 1, taskId: 'dispatch-t', seq, outputSeq: seq++, kind, data, ts: '2026-01-01T00:00:00Z' });
const chunk = (text: string) => ev('acp.agent_message_chunk', { sessionUpdate: 'agent_message_chunk', content: { type: 'text', text } });

describe('buildTranscript', () => {
  it('joins streamed ACP chunks into one message until something else happens', () => {
    const t = buildTranscript([
      chunk('Hel'),
      chunk('lo'),
      ev('acp.agent_thought_chunk', { content: { type: 'text', text: 'hmm' } }),
      chunk('Next'),
      ev('acp.tool_call_update', { toolCallId: 'x', status: 'completed' }),
      chunk('After'),
    ]);
    expect(t.items.map((i) => (i.type === 'message' || i.type === 'thought' ? `${i.type}:${i.text}` : i.type))).toEqual([
      'message:Hello',
      'thought:hmm',
      'message:Next',
      'tool',
      'message:After',
    ]);
  });

  it('merges tool call updates into their call, with diffs, status and locations', () => {
    const t = buildTranscript([
      ev('acp.tool_call', { toolCallId: 'c1', title: 'Edit src/app.ts', kind: 'edit', status: 'pending', locations: [{ path: '/p/src/app.ts' }] }),
      ev('acp.tool_call_update', { toolCallId: 'c1', status: 'completed', content: [{ type: 'diff', path: '/p/src/app.ts', oldText: 'a', newText: 'b' }] }),
      ev('acp.plan', { entries: [{ content: 'Read', status: 'completed', priority: 'high' }, { content: 'Edit', status: 'in_progress' }] }),
    ]);
    expect(t.items).toHaveLength(1);
    expect(t.items[0]).toMatchObject({ type: 'tool', title: 'Edit src/app.ts', kind: 'edit', status: 'completed', locations: ['/p/src/app.ts'], diffs: [{ path: '/p/src/app.ts', oldText: 'a', newText: 'b' }] });
    expect(t.plan).toEqual([
      { content: 'Read', status: 'completed', priority: 'high' },
      { content: 'Edit', status: 'in_progress', priority: null },
    ]);
  });

  it('reads Claude stream-json events: text, tool use and result, and the final result', () => {
    const t = buildTranscript([
      ev('session', { sessionId: 's', model: 'sonnet', cwd: null, tools: [] }),
      ev('text', { text: 'Working' }),
      ev('tool_use', { id: 'u1', name: 'Write', input: { file_path: 'a.ts' } }),
      ev('tool_result', { toolUseId: 'u1', content: 'File created', isError: false }),
      ev('result', { subtype: 'success', isError: false, text: 'Done', numTurns: 3, costUsd: 0.0124 }),
    ]);
    expect(t.items.map((i) => i.type)).toEqual(['note', 'message', 'tool', 'result']);
    expect(t.items[2]).toMatchObject({ title: 'Write a.ts', output: 'File created', status: 'completed', isError: false });
    expect(t.items[3]).toMatchObject({ text: 'Done', detail: 'success · 3 turns · $0.0124' });
  });

  it('orders by seq whatever the arrival order, and shows unknown kinds raw', () => {
    const a = chunk('first ');
    const b = chunk('second');
    const odd = ev('acp.unknown', { weird: true });
    const t = buildTranscript([odd, b, a]);
    expect(t.items.map((i) => (i.type === 'message' ? i.text : i.type === 'note' ? i.text : ''))).toEqual(['first second', 'acp.unknown: {"weird":true}']);
  });
});

describe('the ACP runner’s own events', () => {
  it('read as one line each instead of raw JSON', () => {
    const t = buildTranscript([
      ev('acp.initialize', { protocolVersion: 1, agentInfo: { name: 'fake-acp-agent', version: '1.0.0' } }),
      ev('acp.session', { sessionId: 'sess-1', how: 'new', modes: { currentModeId: 'ask' } }),
      ev('acp.permission', { title: 'Edit src/app.ts', outcome: 'selected', kind: 'allow_once', decidedBy: 'user' }),
      ev('acp.stop', { stopReason: 'end_turn' }),
      ev('tool_use', { id: 'b', name: 'Bash', input: { command: 'npm test' } }),
    ]);
    expect(t.items.map((i) => (i.type === 'note' ? i.text : i.type === 'tool' ? i.title : ''))).toEqual([
      'Connected to fake-acp-agent 1.0.0 (ACP v1)',
      'Session sess-1 started, mode ask',
      'Permission “Edit src/app.ts”: allow once by user',
      'Turn ended: end_turn',
      'Bash npm test',
    ]);
  });
});

describe('Claude messages stay apart (issue 18, bug 6)', () => {
  it('two text blocks in a row are two messages, not one run-on line', () => {
    const ev = (seq: number, kind: string, data: unknown) => ({ seq, kind, data, runId: 1, at: '2026-12-05T00:00:00Z' }) as unknown as RunEvent;
    const { items } = buildTranscript([ev(1, 'text', { text: 'Counted the files.' }), ev(2, 'text', { text: "I'll start with the tests." })]);
    expect(items.map((i) => (i.type === 'message' ? i.text : i.type))).toEqual(['Counted the files.', "I'll start with the tests."]);
  });
  it('ACP chunks of one message still join', () => {
    const ev = (seq: number, text: string) => ({ seq, kind: 'acp.agent_message_chunk', data: { content: { type: 'text', text } }, runId: 1, at: '' }) as unknown as RunEvent;
    const { items } = buildTranscript([ev(1, 'Hel'), ev(2, 'lo')]);
    expect(items).toHaveLength(1);
  });
});

describe('edits in the timeline', () => {
  it('turns Claude Edit, MultiEdit and Write inputs into diffs, and keeps the context meter current', () => {
    const t = buildTranscript([
      ev('tool_use', { id: 'e1', name: 'Edit', input: { file_path: '/p/src/a.ts', old_string: 'add', new_string: 'sum' } }),
      ev('tool_use', { id: 'e2', name: 'MultiEdit', input: { file_path: '/p/b.ts', edits: [{ old_string: 'x', new_string: 'y' }, { old_string: 'z', new_string: 'w' }] } }),
      ev('tool_use', { id: 'e3', name: 'Write', input: { file_path: '/p/new.md', content: 'hello\n' } }),
      ev('tool_use', { id: 'e4', name: 'Bash', input: { command: 'ls' } }),
      ev('acp.usage_update', { used: 1200, size: 200000 }),
      ev('acp.usage_update', { used: 5400, size: 200000 }),
    ]);
    const diffs = t.items.map((i) => (i.type === 'tool' ? i.diffs : null));
    expect(diffs).toEqual([
      [{ path: '/p/src/a.ts', oldText: 'add', newText: 'sum' }],
      [{ path: '/p/b.ts', oldText: 'x', newText: 'y' }, { path: '/p/b.ts', oldText: 'z', newText: 'w' }],
      [{ path: '/p/new.md', oldText: null, newText: 'hello\n' }],
      [],
    ]);
    expect(t.context).toEqual({ used: 5400, size: 200000 });
  });

  it('shows only the changed lines of an edit, with two lines of context', () => {
    const before = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join('\n');
    const after = before.replace('line 10', 'line ten');
    expect(editLines({ path: 'f', oldText: before, newText: after })).toEqual([
      { sign: ' ', text: 'line 8' },
      { sign: ' ', text: 'line 9' },
      { sign: '-', text: 'line 10' },
      { sign: '+', text: 'line ten' },
      { sign: ' ', text: 'line 11' },
      { sign: ' ', text: 'line 12' },
    ]);
    expect(editLines({ path: 'f', oldText: null, newText: 'a\nb\n' })).toEqual([
      { sign: '+', text: 'a' },
      { sign: '+', text: 'b' },
    ]);
  });
});
