/**
 * What a run's structured events say about it, gathered as they pass through the run sink: tokens,
 * cost and model (Claude's stream-json `result` and `system/init`; codex `--json` `turn.completed`,
 * both parsed into `result` events; ACP `usage_update` session updates and the prompt response's
 * `usage`), and the tool calls that failed (Claude `tool_result` with is_error, ACP tool calls with
 * status `failed`, codex items with status `failed`).
 */
import type { RunUsage } from '../../../shared/models/usage.js';

type Msg = Record<string, unknown>;
const isRecord = (v: unknown): v is Msg => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

export type UsageFacts = Omit<RunUsage, 'runId' | 'taskId' | 'agent'>;

export interface RunFacts {
  note(kind: string, data: unknown): void;
  /** Null until the agent reported any usage. */
  usage(): UsageFacts | null;
  failedToolCalls(): { count: number; last: string | null };
}

export function createRunFacts(): RunFacts {
  let model: string | null = null;
  let seen = false;
  const tokens = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };
  let cost: number | null = null;
  let costCurrency: string | null = null;
  let contextUsed: number | null = null;
  let contextSize: number | null = null;
  const failed = new Map<string, string>();
  // Claude lists the tool uses its permission mode refused; they are flagged as such, not again here.
  let denied = 0;

  const failure = (id: string, what: string): void => {
    failed.delete(id);
    failed.set(id, what.slice(0, 200));
  };

  const onResult = (d: Msg): void => {
    if (Array.isArray(d.permissionDenials)) denied += d.permissionDenials.length;
    // One result per turn (Claude --print has one; codex one per turn.completed): turns add up.
    const u = isRecord(d.usage) ? d.usage : null;
    if (u) {
      seen = true;
      tokens.inputTokens += num(u.inputTokens) ?? 0;
      tokens.outputTokens += num(u.outputTokens) ?? 0;
      tokens.cacheReadTokens += num(u.cacheReadTokens) ?? 0;
      tokens.cacheWriteTokens += num(u.cacheWriteTokens) ?? 0;
    }
    const c = num(d.costUsd);
    if (c != null) {
      seen = true;
      cost = (costCurrency === 'USD' ? (cost ?? 0) : 0) + c;
      costCurrency = 'USD';
    }
  };

  const onAcp = (kind: string, d: Msg): void => {
    if (kind === 'acp.usage_update') {
      seen = true;
      contextUsed = num(d.used) ?? contextUsed;
      contextSize = num(d.size) ?? contextSize;
      // The cost is cumulative for the session: the latest value replaces the previous one.
      if (isRecord(d.cost) && num(d.cost.amount) != null) {
        cost = num(d.cost.amount);
        costCurrency = str(d.cost.currency) ?? costCurrency;
      }
    } else if (kind === 'acp.stop' && isRecord(d.usage)) {
      // PromptResponse.usage (unstable ACP): totals across the session's turns.
      seen = true;
      tokens.inputTokens = num(d.usage.inputTokens) ?? tokens.inputTokens;
      tokens.outputTokens = num(d.usage.outputTokens) ?? tokens.outputTokens;
      tokens.cacheReadTokens = num(d.usage.cachedReadTokens) ?? tokens.cacheReadTokens;
      tokens.cacheWriteTokens = num(d.usage.cachedWriteTokens) ?? tokens.cacheWriteTokens;
    } else if (kind === 'acp.session' && isRecord(d.models)) {
      model = str(d.models.currentModelId) ?? model;
    } else if ((kind === 'acp.tool_call' || kind === 'acp.tool_call_update') && typeof d.toolCallId === 'string') {
      if (d.status === 'failed') failure(d.toolCallId, str(d.title) ?? str(d.kind) ?? 'a tool call');
      else if (d.status === 'completed') failed.delete(d.toolCallId);
    }
  };

  return {
    note(kind, data) {
      if (!isRecord(data)) return;
      if (kind === 'result') onResult(data);
      else if (kind === 'session') model = str(data.model) ?? model;
      else if (kind === 'tool_result' && data.isError === true) failure(str(data.toolUseId) ?? String(failed.size), str(data.content) ?? 'a tool call');
      else if (kind === 'tool_use' && isRecord(data.input) && data.input.status === 'failed') {
        failure(str(data.id) ?? String(failed.size), str(data.input.command) ?? str(data.name) ?? 'a tool call');
      } else if (kind.startsWith('acp.')) onAcp(kind, data);
    },
    usage: () => (seen || model ? { model, ...tokens, cost, costCurrency, contextUsed, contextSize } : null),
    failedToolCalls: () => {
      const count = Math.max(0, failed.size - denied);
      return { count, last: count ? ([...failed.values()].at(-1) ?? null) : null };
    },
  };
}

/** The run flag for failed tool calls, or null when none failed. */
export function failedToolsFlag(f: { count: number; last: string | null }): string | null {
  if (!f.count) return null;
  const last = f.last ? ` (last: ${f.last.split('\n')[0]})` : '';
  return `failed_tool_calls: ${f.count} tool call${f.count === 1 ? '' : 's'} failed${last}`;
}
