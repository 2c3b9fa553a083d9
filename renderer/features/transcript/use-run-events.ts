import { useEffect, useState } from 'react';
import type { RunEvent } from '../../../shared/models/run.js';
import { describeError } from '../../api/api-error.js';
import { useApp, useClient } from '../../store/store-context.js';

export interface RunEventsState {
  runId: number | null;
  events: RunEvent[];
  error: string | null;
  loaded: boolean;
}

/**
 * The structured events of a task's latest run: loaded with runs.events, then followed through
 * run.event. Subscribes before loading and keys events by seq, so none is lost or doubled; a newer
 * run replaces the older one, and a reconnect reloads.
 */
export function useRunEvents(taskId: string): RunEventsState {
  const client = useClient();
  const connected = useApp((s) => s.connection.status === 'open');
  const [state, setState] = useState<RunEventsState>({ runId: null, events: [], error: null, loaded: false });

  useEffect(() => {
    if (!connected) return;
    let disposed = false;
    let runId: number | null = null;
    let bySeq = new Map<number, RunEvent>();
    let held: RunEvent[] | null = [];
    const publish = () => setState({ runId, events: [...bySeq.values()].sort((a, b) => a.seq - b.seq), error: null, loaded: true });

    const load = async (wanted?: number) => {
      held ??= [];
      try {
        const res = await client.api['runs.events']({ taskId, ...(wanted != null ? { runId: wanted } : {}) });
        if (disposed) return;
        if (res.runId !== runId) bySeq = new Map();
        runId = res.runId;
        for (const e of res.events) bySeq.set(e.seq, e);
        const pending = held;
        held = null;
        for (const e of pending) take(e);
        publish();
      } catch (err) {
        held = null;
        if (!disposed) setState((s) => ({ ...s, loaded: true, error: `Could not load the transcript of ${taskId}: ${describeError(err)}` }));
      }
    };

    const take = (e: RunEvent) => {
      if (held) return void held.push(e);
      if (runId != null && e.runId < runId) return;
      if (e.runId !== runId) {
        held = [e];
        void load(e.runId);
        return;
      }
      bySeq.set(e.seq, e);
      publish();
    };

    const off = client.onEvent((ev) => {
      if (!disposed && ev.name === 'run.event' && ev.payload.taskId === taskId) take(ev.payload);
    });
    void load();
    return () => {
      disposed = true;
      off();
    };
  }, [client, taskId, connected]);

  return state;
}
