import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

/** A tool's answer: text for the model, the same data as `structuredContent` for programs. */
export const toolResult = (text: string, data: Record<string, unknown>): CallToolResult => ({
  content: [{ type: 'text', text }],
  structuredContent: data,
});

/** A refusal or failure the caller can read; the server goes on. */
export const toolError = (message: string): CallToolResult => ({ content: [{ type: 'text', text: message }], isError: true });

/** Runs a tool body; any error becomes an `isError` result with its message (never a crash). */
export const guarded =
  <A>(fn: (args: A) => Promise<CallToolResult>) =>
  async (args: A): Promise<CallToolResult> => {
    try {
      return await fn(args);
    } catch (err) {
      return toolError(err instanceof Error ? err.message : String(err));
    }
  };
