/**
 * session/update notifications become run events of kind `acp.<sessionUpdate>` with the update as
 * its data, exactly as the agent sent it: agent_message_chunk, agent_thought_chunk, tool_call,
 * tool_call_update (with diff content), plan, current_mode_update, usage_update, ... A kind nobody
 * knows yet is stored the same way; a malformed one as `acp.unknown` with the raw params. Never fatal.
 *
 * They are taken off the message stream before the SDK sees them: the SDK's client validates every
 * session/update against the v1 schema first and drops (with a console error) any kind it does not
 * know. Taking them at the stream also keeps them in arrival order relative to the prompt's response.
 */
import type { AnyMessage, Stream } from '@agentclientprotocol/sdk';

const KIND = /^[A-Za-z0-9_.:-]{1,64}$/;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function updateEvent(params: unknown): { kind: string; data: unknown } {
  const update = isRecord(params) && isRecord(params.update) ? params.update : null;
  const tag = update && typeof update.sessionUpdate === 'string' && KIND.test(update.sessionUpdate) ? update.sessionUpdate : null;
  return tag ? { kind: `acp.${tag}`, data: update } : { kind: 'acp.unknown', data: params ?? null };
}

/** Wraps a message stream so every incoming session/update notification goes to `onUpdate` instead. */
export function tapSessionUpdates(stream: Stream, onUpdate: (params: unknown) => void): Stream {
  const readable = stream.readable.pipeThrough(
    new TransformStream<AnyMessage, AnyMessage>({
      transform(message, controller) {
        const m = message as unknown as Record<string, unknown>;
        if (m.method === 'session/update' && !('id' in m)) onUpdate(m.params);
        else controller.enqueue(message);
      },
    }),
  );
  return { readable, writable: stream.writable };
}

/**
 * Remembers the tool calls an agent announced (title, kind, locations, content), so a permission
 * request that names only the toolCallId still shows the person what it is about. Bounded.
 */
export function createToolCallMemory(max = 256) {
  const calls = new Map<string, Record<string, unknown>>();
  const defined = (o: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(o).filter(([, v]) => v != null));
  return {
    /** Feeds a session update; only tool_call and tool_call_update matter. */
    note(data: unknown): void {
      if (!isRecord(data) || (data.sessionUpdate !== 'tool_call' && data.sessionUpdate !== 'tool_call_update') || typeof data.toolCallId !== 'string') return;
      const { sessionUpdate: _u, ...fields } = data;
      const id = data.toolCallId;
      const merged = { ...calls.get(id), ...defined(fields) };
      calls.delete(id);
      calls.set(id, merged);
      if (calls.size > max) calls.delete(calls.keys().next().value as string);
    },
    /** The tool call as known so far, overlaid with what the request itself says. */
    complete(toolCall: Record<string, unknown>): Record<string, unknown> {
      const known = typeof toolCall.toolCallId === 'string' ? calls.get(toolCall.toolCallId) : undefined;
      return known ? { ...known, ...defined(toolCall) } : toolCall;
    },
  };
}
