import { useCallback, useEffect, useState } from 'react';
import type { AgentInfo } from '../../../shared/models/agent.js';
import { describeError } from '../../api/api-error.js';
import { useClient } from '../../store/store-context.js';

/** The agents the core knows (built-in and from config.json), with detection; `refresh` re-runs --version. */
export function useAgents() {
  const { api } = useClient();
  const [agents, setAgents] = useState<AgentInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [refreshing, setRefreshing] = useState(false);
  const load = useCallback(
    async (refresh = false) => {
      setRefreshing(refresh);
      try {
        setAgents(await api['agents.list']({ refresh }));
        setError(null);
      } catch (err) {
        setError(`Could not list the agents: ${describeError(err)}`);
      } finally {
        setRefreshing(false);
      }
    },
    [api],
  );
  useEffect(() => {
    void load();
  }, [load]);
  return { agents, error, refreshing, refresh: () => load(true) };
}
