import type { ClientConnection, InitializeResponse } from '@agentclientprotocol/sdk';
import { describe, expect, it } from 'vitest';
import { nextMinute, openSession } from '../../../../electron/core/runners/acp/open-session.js';

/** Only what openSession calls: `agent.request`, recorded with the time of each call. */
function recordingConnection() {
  const calls: { method: string; at: number }[] = [];
  const conn = {
    agent: {
      request: async (method: string, params: { sessionId?: string }) => {
        calls.push({ method, at: Date.now() });
        return method === 'session/new' ? { sessionId: 'fresh' } : { sessionId: params.sessionId };
      },
    },
  } as unknown as ClientConnection;
  return { conn, calls };
}
const loads = { protocolVersion: 1, agentCapabilities: { loadSession: true } } as InitializeResponse;

describe('opening an ACP session', () => {
  it('holds session/load until loadNotBefore, says how long, and then loads', async () => {
    const { conn, calls } = recordingConnection();
    const notBefore = Date.now() + 1200;
    const waits: number[] = [];
    const opened = await openSession(conn, loads, { cwd: '/w', resumeSessionId: 'old', replaying: () => {}, loadNotBefore: notBefore, waiting: (ms) => waits.push(ms) });
    expect(opened).toMatchObject({ sessionId: 'old', how: 'load', flags: [] });
    expect(calls.map((c) => c.method)).toEqual(['session/load']);
    expect(calls[0].at).toBeGreaterThanOrEqual(notBefore);
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThan(0);
  });

  it('does not wait when the time has passed, nor for a new session', async () => {
    const { conn, calls } = recordingConnection();
    const waits: number[] = [];
    await openSession(conn, loads, { cwd: '/w', resumeSessionId: 'old', replaying: () => {}, loadNotBefore: Date.now() - 1, waiting: (ms) => waits.push(ms) });
    await openSession(conn, loads, { cwd: '/w', resumeSessionId: null, replaying: () => {}, loadNotBefore: Date.now() + 60_000, waiting: (ms) => waits.push(ms) });
    expect(calls.map((c) => c.method)).toEqual(['session/load', 'session/new']);
    expect(waits).toEqual([]);
  });

  it('nextMinute is a second into the wall-clock minute after the given time', () => {
    const t = Date.UTC(2026, 11, 5, 19, 40, 59, 900);
    expect(new Date(nextMinute(t)).toISOString()).toBe('2026-12-05T19:41:01.000Z');
    expect(new Date(nextMinute(Date.UTC(2026, 11, 5, 19, 40, 0, 0))).toISOString()).toBe('2026-12-05T19:41:01.000Z');
  });
});
