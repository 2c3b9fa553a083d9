import { useEffect, useState } from 'react';

/** The current time, refreshed every `intervalMs` while `active`; for ages and running durations. */
export function useNow(intervalMs = 1000, active = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    // Catch up at once: while inactive the value went stale, and a countdown computed from it (the
    // reconnect indicator's) would show minutes instead of seconds until the first tick.
    setNow(Date.now());
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs, active]);
  return now;
}
