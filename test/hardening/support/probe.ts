/** Measures how responsive a host stays: `app.status` round-trips, one after another, until stopped. */
import type { BuiltHost } from './built-host.js';

export interface ProbeResult {
  count: number;
  maxMs: number;
  medianMs: number;
  /** Calls that failed or answered other than 200 (each with why). */
  failures: string[];
}

export function startProbe(host: Pick<BuiltHost, 'call'>, pauseMs = 25): { stop(): Promise<ProbeResult> } {
  const times: number[] = [];
  const failures: string[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const t0 = performance.now();
      try {
        const r = await host.call('app.status', {}, { timeoutMs: 10_000 });
        if (r.status !== 200) failures.push(`HTTP ${r.status}`);
      } catch (err) {
        failures.push((err as Error).message);
      }
      times.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, pauseMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      const sorted = [...times].sort((a, b) => a - b);
      return { count: times.length, maxMs: Math.round(sorted.at(-1) ?? 0), medianMs: Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0), failures };
    },
  };
}
