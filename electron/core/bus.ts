import type { AnyEvent, EventName, EventPayload } from '../../shared/contract.js';

/**
 * The core's one internal event bus. Shells subscribe with onAny() and forward events out.
 *
 * Events never break the caller (as VS Code's Emitter): each listener is called on its own, and one
 * that throws is reported to `onUnexpectedError` while the others still run and emit() returns
 * normally. An event emitted inside a store transaction is held until the outermost transaction has
 * committed (and dropped if it rolls back), so no listener sees a state the store does not hold.
 */
export interface Bus {
  emit<K extends EventName>(name: K, payload: EventPayload<K>): void;
  on<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void): () => void;
  onAny(listener: (event: AnyEvent) => void): () => void;
  /**
   * Runs fn as a transaction's body: events emitted meanwhile are delivered after it returns, or
   * dropped if it throws. The store's tx() calls this, so nested transactions deliver once, at the end.
   */
  deferDuring<T>(fn: () => T): T;
  dispose(): void;
}

export interface BusOptions {
  /** Where a listener's exception goes (the core logs it to the audit trail and stderr). */
  onUnexpectedError?: (err: unknown, event: AnyEvent) => void;
}

export function createBus(opts: BusOptions = {}): Bus {
  const named = new Map<EventName, Set<(payload: never) => void>>();
  const any = new Set<(event: AnyEvent) => void>();
  const report = opts.onUnexpectedError ?? ((err: unknown, event: AnyEvent) => process.stderr.write(`switchboard: a listener of ${event.name} failed: ${(err as Error)?.stack ?? String(err)}\n`));
  let depth = 0;
  let held: AnyEvent[] = [];

  const call = (fn: () => void, event: AnyEvent) => {
    try {
      fn();
    } catch (err) {
      try {
        report(err, event);
      } catch {
        // The reporter itself failed: nothing more can be done without breaking the caller.
      }
    }
  };
  const deliver = (event: AnyEvent) => {
    // Copies: a listener may unsubscribe (or subscribe) while the event is being delivered.
    for (const l of [...(named.get(event.name) ?? [])]) call(() => (l as (p: unknown) => void)(event.payload), event);
    for (const l of [...any]) call(() => l(event), event);
  };

  return {
    emit(name, payload) {
      const event = { name, payload } as AnyEvent;
      if (depth > 0) held.push(event);
      else deliver(event);
    },
    on(name, listener) {
      let set = named.get(name);
      if (!set) named.set(name, (set = new Set()));
      set.add(listener as (payload: never) => void);
      return () => void set.delete(listener as (payload: never) => void);
    },
    onAny(listener) {
      any.add(listener);
      return () => void any.delete(listener);
    },
    deferDuring(fn) {
      depth++;
      const mark = held.length;
      let ok = false;
      try {
        const result = fn();
        ok = true;
        return result;
      } finally {
        depth--;
        if (!ok) held.length = mark; // rolled back: what it emitted never happened
        if (depth === 0) {
          const out = held;
          held = [];
          for (const e of out) deliver(e);
        }
      }
    },
    dispose() {
      named.clear();
      any.clear();
      held = [];
    },
  };
}
