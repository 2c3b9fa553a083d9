import {
  isRequestName,
  requests,
  type RequestName,
  type RequestOutput,
  type RequestParsedInput,
} from '../../shared/contract.js';
import { AppError, invalidInput } from './errors.js';

/** What the core implements: one function per contract request. Controllers each provide a slice. */
export type Handlers = {
  [K in RequestName]: (input: RequestParsedInput<K>) => Promise<RequestOutput<K>> | RequestOutput<K>;
};

export interface Router {
  /** Parses `rawInput` with the contract's schema, then runs the handler. Throws AppError. */
  call<K extends RequestName>(method: K, rawInput: unknown): Promise<RequestOutput<K>>;
  call(method: string, rawInput: unknown): Promise<unknown>;
}

export function createRouter(handlers: Handlers): Router {
  return {
    async call(method: string, rawInput: unknown): Promise<unknown> {
      if (!isRequestName(method)) throw new AppError('not_found', `unknown request "${method}"`);
      const parsed = requests[method].input.safeParse(rawInput ?? {});
      if (!parsed.success) throw invalidInput(parsed.error, `input for ${method}`);
      const handler = handlers[method] as (input: unknown) => unknown;
      return await handler(parsed.data);
    },
  } as Router;
}
