import { isAppError, type ErrorCode } from '../domain/errors.js';

const MAX_DELAY_MS = 15 * 60_000;

/** 2^attempt seconds (2 s, 4 s, 8 s, …), capped at 15 minutes. */
export function defaultRetryDelayMs(attempt: number): number {
  return Math.min(MAX_DELAY_MS, 1000 * 2 ** Math.max(1, attempt));
}

// An AppError is a verdict (bad input, missing record): running again gives the same answer.
// These few codes say "not now" instead.
const TRANSIENT_CODES: ReadonlySet<ErrorCode> = new Set(['RATE_LIMITED', 'CONFLICT']);

/**
 * Whether a failed attempt is worth retrying: anything unexpected (a lost connection, a mail
 * server that is down) is; an AppError is not, unless its code is a transient one.
 */
export function isTransientError(error: unknown): boolean {
  return !isAppError(error) || TRANSIENT_CODES.has(error.code);
}
