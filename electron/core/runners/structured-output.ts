/**
 * Parsers that turn an agent's structured output (Claude stream-json, Codex --json) into run events.
 * Each format lives in its own file; the PTY runner picks one by the agent's `outputFormat`.
 */
import type { AgentDefinition } from '../../../shared/models/config.js';
import { createClaudeStreamParser } from './claude-stream-json.js';
import { createCodexJsonParser } from './codex-json.js';
import type { ParserSink, StructuredParser } from './json-lines.js';

export type { AgentFinal, ParserSink, StructuredParser } from './json-lines.js';

export function createStructuredParser(format: AgentDefinition['outputFormat'], sink: ParserSink): StructuredParser | null {
  if (format === 'claude-stream-json') return createClaudeStreamParser(sink);
  if (format === 'codex-json') return createCodexJsonParser(sink);
  return null;
}
