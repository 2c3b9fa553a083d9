import { useEffect, useState } from 'react';
import { followRun, type RunReplay } from '../../../shared/live/follow-run.js';
import type { RunEvent } from '../../../shared/models/run.js';
import { describeError } from '../../api/api-error.js';
import { onReopen } from '../../api/on-reopen.js';
import { useClient } from '../../store/store-context.js';

export interface RunEventsState {
  runId: number | null;
  events: RunEvent[];
  error: string | null;
  loaded: boolean;
}

/**
 * The structured events of a task's latest run: loaded with runs.events, then followed through
 * run.event with the shared followRun routine (subscribe first, replay, dedupe by seq), so none is
 * lost or doubled. A newer run replaces the older one; after a reconnect it replays what it missed.
 */
export function useRunEvents(taskId: string): RunEventsState {
  const client = useClient();
  const [state, setState] = useState<RunEventsState>({ runId: null, events: [], error: null, loaded: false });

  useEffect(() => {
    let shown: RunEvent[] = [];
    let runId: number | null = null;
    const follow = followRun<RunReplay<RunEvent>>({
      subscribe: (listener) => client.onEvent((ev) => ev.name === 'run.event' && ev.payload.taskId === taskId && listener(ev.payload)),
      replay: async ({ runId: wanted, afterSeq }) => {
        const res = await client.api['runs.events']({ taskId, ...(wanted != null ? { runId: wanted } : {}), afterSeq });
        return { runId: res.runId, items: res.events };
      },
      onRun: (next) => {
        runId = next;
        shown = [];
      },
      onReplay: () => setState({ runId, events: shown, error: null, loaded: true }),
      deliver: (events) => {
        shown = [...shown, ...events];
        setState({ runId, events: shown, error: null, loaded: true });
      },
      onError: (err) => setState((s) => ({ ...s, loaded: true, error: `Could not load the transcript of ${taskId}: ${describeError(err)}` })),
    });
    const offReopen = onReopen(client, () => void follow.resync());
    return () => {
      offReopen();
      follow.dispose();
    };
  }, [client, taskId]);

  return state;
}
