import { useEffect, useState } from 'react';
import type { HostInfo } from '../../../shared/models/host.js';
import { describeError } from '../../api/api-error.js';
import { useClient } from '../../store/store-context.js';

/** The hosts of config.json (issue 14), for the host pickers; empty when there are none or they could not be read. */
export function useHosts() {
  const { api } = useClient();
  const [hosts, setHosts] = useState<HostInfo[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api['hosts.list']({})
      .then((h) => live && (setHosts(h), setError(null)))
      .catch((err: unknown) => live && setError(`Could not list the hosts: ${describeError(err)}`));
    return () => {
      live = false;
    };
  }, [api]);
  return { hosts, error };
}
