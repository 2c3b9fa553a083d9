/**
 * `codex exec --json`: JSONL events thread.started → turn.started → item.* → turn.completed | turn.failed.
 * Mapped onto the same run events as Claude's stream-json.
 */
import { createLineSplitter } from './line-splitter.js';
import { capText, num, parseJsonLine, str, type AgentFinal, type ParserSink, type StructuredParser } from './json-lines.js';

type Msg = Record<string, unknown>;

export function createCodexJsonParser(sink: ParserSink): StructuredParser {
  let final: AgentFinal | null = null;
  let session: string | null = null;

  const fail = (text: string | null): void => {
    final = { isError: true, subtype: 'error', text, permissionDenials: 0 };
    sink.event('result', { subtype: 'error', isError: true, text, sessionId: session, costUsd: null, usage: null, numTurns: null, durationMs: null, permissionDenials: [] });
  };

  const onItem = (item: Msg): void => {
    const id = str(item.id) ?? '';
    if (item.type === 'agent_message') sink.event('text', { text: capText(str(item.text) ?? '') });
    else if (item.type === 'reasoning') sink.event('thinking', { text: capText(str(item.text) ?? '') });
    else if (item.type === 'error') sink.event('raw', item);
    else sink.event('tool_use', { id, name: str(item.type) ?? 'unknown', input: item });
  };

  const onLine = (line: string): void => {
    const m = parseJsonLine(line);
    if (!m || typeof m.type !== 'string') return;
    switch (m.type) {
      case 'thread.started': {
        const id = str(m.thread_id);
        if (id) {
          session = id;
          sink.sessionId(id);
          sink.event('session', { sessionId: id, model: null, cwd: null, tools: [] });
        }
        return;
      }
      case 'item.completed':
        if (m.item && typeof m.item === 'object') onItem(m.item as Msg);
        return;
      case 'turn.completed': {
        const u = (m.usage ?? {}) as Msg;
        const usage = { inputTokens: num(u.input_tokens) ?? 0, outputTokens: num(u.output_tokens) ?? 0, cacheReadTokens: num(u.cached_input_tokens) ?? 0, cacheWriteTokens: 0 };
        final = { isError: false, subtype: 'success', text: null, permissionDenials: 0 };
        sink.event('result', { subtype: 'success', isError: false, text: null, sessionId: session, costUsd: null, usage, numTurns: null, durationMs: null, permissionDenials: [] });
        return;
      }
      case 'turn.failed':
        return fail(str((m.error as Msg | undefined)?.message) ?? 'the turn failed');
      case 'error':
        return fail(str(m.message));
      case 'turn.started':
      case 'item.started':
      case 'item.updated':
        return;
      default:
        sink.event('raw', m);
    }
  };

  const lines = createLineSplitter(onLine);
  return {
    push: (data) => lines.push(data),
    end: () => lines.end(),
    get final() {
      return final;
    },
  };
}
