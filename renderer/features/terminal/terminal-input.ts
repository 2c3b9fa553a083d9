/**
 * Keys typed into a live terminal, sent to the agent's PTY in the order they were typed.
 *
 * Each send is a request of its own. Over HTTP the browser may run several at once on different
 * connections, and they can reach the daemon out of order ("typed in the" arrived as "typed inh e t").
 * So one send is in flight at a time, and what is typed meanwhile goes as one write after it.
 */
export interface TerminalInput {
  push(data: string): void;
  /** Drops anything not yet sent (the terminal closed). */
  dispose(): void;
}

/** The contract's limit on one `runs.write`. */
export const MAX_WRITE = 64 * 1024;

export function createTerminalInput(send: (data: string) => Promise<unknown>, onError: (err: unknown) => void): TerminalInput {
  let pending = '';
  let inFlight = false;
  let disposed = false;

  const pump = (): void => {
    if (inFlight || disposed || pending === '') return;
    // Never split a surrogate pair across two writes.
    let cut = Math.min(pending.length, MAX_WRITE);
    if (cut < pending.length && /[\uD800-\uDBFF]/.test(pending[cut - 1])) cut -= 1;
    const data = pending.slice(0, cut);
    pending = pending.slice(cut);
    inFlight = true;
    send(data)
      .catch(onError)
      .finally(() => {
        inFlight = false;
        pump();
      });
  };

  return {
    push(data) {
      if (disposed || data === '') return;
      pending += data;
      pump();
    },
    dispose() {
      disposed = true;
      pending = '';
    },
  };
}
