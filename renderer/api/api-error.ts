import type { ErrorBody, ErrorCode } from '../../shared/contract.js';

/** A failed request, as the user should read it: what happened and, in `message`, what to do next. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorBody['details'],
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The message for one input field ("prompt", "projectDir"), when the core named it. */
  fieldError(path: string): string | undefined {
    return this.details?.find((d) => d.path === path)?.message;
  }
}

const KNOWN_CODES: readonly string[] = ['invalid_input', 'not_found', 'conflict', 'unavailable', 'unauthorized', 'internal'];

/** Normalises anything thrown by a transport into an ApiError. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  const e = err as { code?: unknown; message?: unknown; details?: unknown } | null;
  const code = typeof e?.code === 'string' && KNOWN_CODES.includes(e.code) ? (e.code as ErrorCode) : 'internal';
  const message = typeof e?.message === 'string' ? stripIpcPrefix(e.message) : String(err);
  const details = Array.isArray(e?.details) ? (e.details as ErrorBody['details']) : undefined;
  return new ApiError(code, message, details);
}

/** Electron prefixes errors thrown through IPC with "Error invoking remote method '...': ". */
const stripIpcPrefix = (m: string): string => m.replace(/^Error invoking remote method '[^']*': (?:\w*Error: )?/, '');

/** Text for a person, including the code when it adds information. */
export const describeError = (err: unknown): string => toApiError(err).message;
