import { EventEmitter } from 'node:events';
import type { AnyEvent, EventName, EventPayload } from '../../shared/contract.js';

/** The core's one internal event bus. Shells subscribe with onAny() and forward events out. */
export interface Bus {
  emit<K extends EventName>(name: K, payload: EventPayload<K>): void;
  on<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void): () => void;
  onAny(listener: (event: AnyEvent) => void): () => void;
  dispose(): void;
}

export function createBus(): Bus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  const ANY = Symbol('any');
  return {
    emit(name, payload) {
      emitter.emit(name, payload);
      emitter.emit(ANY, { name, payload } as AnyEvent);
    },
    on(name, listener) {
      emitter.on(name, listener as (p: unknown) => void);
      return () => emitter.off(name, listener as (p: unknown) => void);
    },
    onAny(listener) {
      emitter.on(ANY, listener);
      return () => emitter.off(ANY, listener);
    },
    dispose() {
      emitter.removeAllListeners();
    },
  };
}
