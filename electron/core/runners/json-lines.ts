/** Shared pieces of the structured-output parsers: their types and JSON-line helpers. */

/** How the agent itself said the run ended (Claude's `result` event, Codex's turn.completed/failed). */
export interface AgentFinal {
  isError: boolean;
  subtype: string;
  text: string | null;
  /** How many tool uses were denied (Claude's permission_denials). */
  permissionDenials: number;
}

export interface ParserSink {
  event(kind: string, data: unknown): void;
  sessionId(id: string): void;
}

export interface StructuredParser {
  push(data: string): void;
  end(): void;
  readonly final: AgentFinal | null;
}

/** Parses a line that should be a JSON object; anything else (a stray log line) is null. */
export function parseJsonLine(line: string): Record<string, unknown> | null {
  const start = line.length > 8 ? line.slice(0, 9).indexOf('{') : line.indexOf('{');
  if (start < 0 || start > 8) return null;
  try {
    const v = JSON.parse(start ? line.slice(start) : line);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export const MAX_EVENT_TEXT = 64 * 1024;

/** Caps a text kept in a run event; the full text is still in the terminal output. */
export const capText = (text: string): string =>
  text.length > MAX_EVENT_TEXT ? `${text.slice(0, MAX_EVENT_TEXT)}\n[... ${text.length - MAX_EVENT_TEXT} more characters in the terminal output]` : text;

export const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
export const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
