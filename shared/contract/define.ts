import type { z } from 'zod';

/** A request: the schema of what the caller sends and of what it gets back. */
export interface RequestDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
}

export const request = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O): RequestDef<I, O> => ({ input, output });

/** Errors every shell maps the same way (HTTP status, CLI exit code, UI message). */
export const ERROR_CODES = ['invalid_input', 'not_found', 'conflict', 'unavailable', 'unauthorized', 'internal'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  /** Field-level details for invalid input: [{ path, message }]. */
  details?: { path: string; message: string }[];
}
