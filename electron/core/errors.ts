import type { ZodError } from 'zod';
import type { ErrorBody, ErrorCode } from '../../shared/contract.js';

/** An error meant for a person: says what happened and what to do next (ARCHITECTURE.md, "Rules the code follows"). */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorBody['details'],
  ) {
    super(message);
    this.name = 'AppError';
  }

  toBody(): ErrorBody {
    return this.details ? { code: this.code, message: this.message, details: this.details } : { code: this.code, message: this.message };
  }
}

export const notFound = (what: string): AppError => new AppError('not_found', `${what} was not found`);

/** Turns a zod error into an AppError whose message names each bad field. */
export function invalidInput(err: ZodError, what = 'input'): AppError {
  const details = err.issues.map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message }));
  const summary = details.map((d) => `${d.path}: ${d.message}`).join('; ');
  return new AppError('invalid_input', `invalid ${what}: ${summary}`, details);
}

export function toErrorBody(err: unknown): ErrorBody {
  if (err instanceof AppError) return err.toBody();
  return { code: 'internal', message: err instanceof Error ? err.message : String(err) };
}
