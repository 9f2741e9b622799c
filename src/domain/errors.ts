/**
 * Every error rewardbook reports carries one of these codes. Domain code knows nothing of HTTP;
 * `src/http/errorHandler.ts` maps codes to statuses and the CLI prints the message.
 */
export type ErrorCode =
  | 'VALIDATION_FAILED'
  /** The request itself could not be read: unparseable JSON, a wrong content type. */
  | 'MALFORMED_REQUEST'
  | 'INVALID_AMOUNT'
  | 'INSUFFICIENT_BALANCE'
  | 'NOT_FOUND'
  | 'UNKNOWN_UNIT'
  | 'UNKNOWN_PROGRAM'
  | 'UNKNOWN_PARTICIPANT'
  | 'UNKNOWN_TENANT'
  | 'DUPLICATE'
  | 'CONFLICT'
  | 'REWARD_NOT_REDEEMABLE'
  | 'REWARD_NOT_CANCELLABLE'
  | 'ALREADY_REVERSED'
  | 'REVERSAL_REFUSED'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'RATE_LIMITED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNREADABLE_FILE'
  | 'REPEATED_FILE'
  | 'IMPORT_IN_PROGRESS'
  | 'LINK_INVALID'
  | 'LINK_EXPIRED'
  | 'INTERNAL';

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
