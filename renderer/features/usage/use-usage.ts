import { useCallback, useEffect, useState } from 'react';
import type { UsageSummary } from '../../../shared/models/usage.js';
import { describeError } from '../../api/api-error.js';
import { useClient } from '../../store/store-context.js';

/** The usage the runs' agents reported, summed per agent and per project. */
export function useUsage() {
  const { api } = useClient();
  const [summary, setSummary] = useState<UsageSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setSummary(await api['usage.summary']({}));
      setError(null);
    } catch (err) {
      setError(`Could not read the usage: ${describeError(err)}`);
    }
  }, [api]);
  useEffect(() => {
    void load();
  }, [load]);
  return { summary, error, refresh: load };
}
