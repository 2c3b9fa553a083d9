/**
 * Claude Code's `--output-format stream-json --verbose`: one JSON message per line,
 * `system/init` → `assistant` / `user` (tool results) ... → `result`. Parsed into the run events of
 * shared/models/agent.ts: session, text, thinking, tool_use, tool_result, result.
 */
import type { ResultEventData, Usage } from '../../../shared/models/agent.js';
import { createLineSplitter } from './line-splitter.js';
import { capText, num, parseJsonLine, str, type AgentFinal, type ParserSink, type StructuredParser } from './json-lines.js';

type Msg = Record<string, unknown>;

const toUsage = (u: unknown): Usage | null => {
  if (!u || typeof u !== 'object') return null;
  const o = u as Msg;
  return {
    inputTokens: num(o.input_tokens) ?? 0,
    outputTokens: num(o.output_tokens) ?? 0,
    cacheReadTokens: num(o.cache_read_input_tokens) ?? 0,
    cacheWriteTokens: num(o.cache_creation_input_tokens) ?? 0,
  };
};

const contentText = (c: unknown): string => {
  if (typeof c === 'string') return c;
  if (Array.isArray(c)) return c.map((b) => (b && typeof b === 'object' ? (str((b as Msg).text) ?? '') : '')).join('');
  return c == null ? '' : JSON.stringify(c);
};

const blocks = (msg: Msg): Msg[] => {
  const content = (msg.message as Msg | undefined)?.content;
  return Array.isArray(content) ? (content.filter((b) => b && typeof b === 'object') as Msg[]) : [];
};

export function createClaudeStreamParser(sink: ParserSink): StructuredParser {
  let final: AgentFinal | null = null;
  let session: string | null = null;

  const setSession = (id: unknown): void => {
    if (typeof id === 'string' && id && id !== session) {
      session = id;
      sink.sessionId(id);
    }
  };

  const onResult = (m: Msg): void => {
    const denials = Array.isArray(m.permission_denials) ? (m.permission_denials as Msg[]) : [];
    const data: ResultEventData = {
      subtype: str(m.subtype) ?? 'unknown',
      isError: m.is_error === true || (typeof m.subtype === 'string' && m.subtype.startsWith('error')),
      text: str(m.result) ?? (Array.isArray(m.errors) ? (m.errors as unknown[]).map(String).join('; ') : null),
      sessionId: str(m.session_id),
      costUsd: num(m.total_cost_usd) ?? num(m.cost_usd),
      usage: toUsage(m.usage),
      numTurns: num(m.num_turns),
      durationMs: num(m.duration_ms),
      permissionDenials: denials.map((d) => ({ toolName: str(d?.tool_name) ?? 'unknown', input: d?.tool_input ?? null })),
    };
    setSession(m.session_id);
    final = { isError: data.isError, subtype: data.subtype, text: data.text, permissionDenials: denials.length };
    sink.event('result', data);
  };

  const onLine = (line: string): void => {
    const m = parseJsonLine(line);
    if (!m || typeof m.type !== 'string') return;
    switch (m.type) {
      case 'system':
        if (m.subtype === 'init') {
          setSession(m.session_id);
          const tools = Array.isArray(m.tools) ? (m.tools as unknown[]).filter((t): t is string => typeof t === 'string') : [];
          sink.event('session', { sessionId: str(m.session_id) ?? '', model: str(m.model), cwd: str(m.cwd), tools });
        } else sink.event('raw', m);
        return;
      case 'assistant':
        for (const b of blocks(m)) {
          if (b.type === 'text' && typeof b.text === 'string') sink.event('text', { text: capText(b.text) });
          else if (b.type === 'thinking' && typeof b.thinking === 'string') sink.event('thinking', { text: capText(b.thinking) });
          else if (b.type === 'tool_use') sink.event('tool_use', { id: str(b.id) ?? '', name: str(b.name) ?? 'unknown', input: b.input ?? null });
        }
        return;
      case 'user':
        for (const b of blocks(m)) {
          if (b.type === 'tool_result') {
            sink.event('tool_result', { toolUseId: str(b.tool_use_id) ?? '', content: capText(contentText(b.content)), isError: b.is_error === true });
          }
        }
        return;
      case 'result':
        return onResult(m);
      case 'stream_event':
        return; // partial deltas (--include-partial-messages): the whole message follows anyway
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
