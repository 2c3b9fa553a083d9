import { useCallback, useEffect, useRef, useState } from 'react';
import type { AgentInfo } from '../../../shared/models/agent.js';
import { describeError } from '../../api/api-error.js';
import { useClient } from '../../store/store-context.js';

/**
 * The agents the core knows (built-in and from config.json), with detection; `refresh` re-runs
 * --version. With `host`, detected on that host (over ssh) instead of this machine.
 */
export function useAgents(host = '') {
  const { api } = useClient();
  const [agents, setAgents] = useState<AgentInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [refreshing, setRefreshing] = useState(false);
  // Only the newest request's answer counts (another host may have been picked meanwhile).
  const latest = useRef(0);
  const load = useCallback(
    async (refresh = false) => {
      const seq = ++latest.current;
      setRefreshing(refresh);
      try {
        const list = await api['agents.list']({ refresh, ...(host ? { host } : {}) });
        if (seq !== latest.current) return;
        setAgents(list);
        setError(null);
      } catch (err) {
        if (seq !== latest.current) return;
        setAgents(null);
        setError(`Could not list the agents${host ? ` on host ${host}` : ''}: ${describeError(err)}`);
      } finally {
        if (seq === latest.current) setRefreshing(false);
      }
    },
    [api, host],
  );
  useEffect(() => {
    setAgents(null);
    void load();
  }, [load]);
  return { agents, error, refreshing, refresh: () => load(true) };
}
