/**
 * The one place where error codes become HTTP statuses, and where every failure (a domain
 * AppError, a schema violation, unreadable JSON, an unknown route, a bug) becomes the one error
 * shape: `{ "error": { "code", "message", "details" } }`.
 *
 * Statuses: input the server understood but refuses (VALIDATION_FAILED, INVALID_AMOUNT) is 422;
 * a request that cannot be read at all (MALFORMED_REQUEST) is 400; state that forbids the change
 * (INSUFFICIENT_BALANCE, ALREADY_REVERSED, IDEMPOTENCY_KEY_REUSED, …) is 409.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, isAppError, type ErrorCode } from '../domain/errors.js';
import { commonSecurityHeaders } from './session/securityHeaders.js';
import { describeValidationError } from './validation.js';

const STATUS_BY_CODE: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 422,
  INVALID_AMOUNT: 422,
  UNREADABLE_FILE: 422,
  MALFORMED_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  LINK_INVALID: 403,
  NOT_FOUND: 404,
  UNKNOWN_UNIT: 404,
  UNKNOWN_PROGRAM: 404,
  UNKNOWN_PARTICIPANT: 404,
  UNKNOWN_TENANT: 404,
  INSUFFICIENT_BALANCE: 409,
  DUPLICATE: 409,
  CONFLICT: 409,
  REWARD_NOT_REDEEMABLE: 409,
  REWARD_NOT_CANCELLABLE: 409,
  ALREADY_REVERSED: 409,
  REVERSAL_REFUSED: 409,
  IDEMPOTENCY_KEY_REUSED: 409,
  REPEATED_FILE: 409,
  IMPORT_IN_PROGRESS: 409,
  LINK_EXPIRED: 410,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};

/** The HTTP status of an error code; route modules added later reuse it. */
export function httpStatusOf(code: ErrorCode): number {
  return STATUS_BY_CODE[code];
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details: Record<string, unknown> };
}

export function errorBody(error: AppError): ErrorBody {
  return { error: { code: error.code, message: error.message, details: error.details } };
}

/** Sends an AppError in the one shape, with its mapped status. */
export function sendError(reply: FastifyReply, error: AppError): FastifyReply {
  return reply.status(httpStatusOf(error.code)).send(errorBody(error));
}

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  429: 'RATE_LIMITED',
};

/**
 * The multipart parser (busboy, under @fastify/multipart) fails a form that is cut short or
 * malformed with plain errors that carry neither a code nor a status: known by their text.
 */
const MULTIPART_PARSE_ERRORS = [
  /^Unexpected end of multipart data$/,
  /terminated early due to unexpected end of multipart data$/,
  /^Multipart: Boundary not found$/,
  /^The needle cannot have a length bigger than 256\.$/,
];

function malformedForm(error: FastifyError, request: FastifyRequest): AppError | null {
  const type = String(request.headers['content-type'] ?? '').toLowerCase();
  if (!type.startsWith('multipart/') || error.statusCode !== undefined) return null;
  if (!MULTIPART_PARSE_ERRORS.some((pattern) => pattern.test(error.message))) return null;
  return new AppError(
    'MALFORMED_REQUEST',
    `The multipart form cannot be read (${error.message}): it was cut short or its boundary is missing or longer than 70 characters; send the form again`,
    {},
  );
}

/** Errors Fastify itself raises before a handler runs (body parsing, limits). */
function fromFramework(error: FastifyError, request: FastifyRequest): AppError | null {
  const form = malformedForm(error, request);
  if (form) return form;
  if (error.validation) {
    const { message, details } = describeValidationError(error.validation, error.validationContext);
    return new AppError('VALIDATION_FAILED', message, details);
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError(
        'PAYLOAD_TOO_LARGE',
        `The request body is larger than this endpoint accepts (${request.routeOptions.bodyLimit ?? 'the limit'} bytes); send fewer items per request`,
        { limitBytes: request.routeOptions.bodyLimit },
      );
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError(
        'MALFORMED_REQUEST',
        `The request body is not valid JSON (${error.message}); send a JSON object such as {"amount": "10.50"}`,
        {},
      );
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError(
        'MALFORMED_REQUEST',
        `Content-Type "${request.headers['content-type'] ?? ''}" is not accepted; send JSON with Content-Type: application/json`,
        {},
      );
  }
  // Other refusals by Fastify or a plugin keep their meaning through their status.
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    return new AppError(CODE_BY_STATUS[status] ?? 'MALFORMED_REQUEST', error.message, {});
  }
  return null;
}

function toAppError(error: FastifyError, request: FastifyRequest): AppError {
  if (isAppError(error)) return error;
  const known = fromFramework(error, request);
  if (known) return known;
  // Anything else is a bug or an outage: log it whole, show nothing of it.
  request.log.error({ err: error }, 'unexpected error');
  return new AppError(
    'INTERNAL',
    `Something went wrong on the server; it has been logged as request ${request.id}`,
    { requestId: request.id },
  );
}

/**
 * Fastify's `frameworkErrors` option: what its router refuses before any handler or hook (a URL
 * whose %-escapes do not decode), which would otherwise answer in Fastify's own shape.
 */
export function handleFrameworkError(
  error: FastifyError,
  _request: FastifyRequest,
  reply: FastifyReply,
): void {
  const appError =
    error.code === 'FST_ERR_BAD_URL'
      ? new AppError(
          'MALFORMED_REQUEST',
          `The URL is not valid (${error.message}); write a special character as the %XX escapes of its UTF-8 bytes, such as %20 for a space`,
          {},
        )
      : new AppError('MALFORMED_REQUEST', error.message, {});
  // No hook runs for these, so the headers every other answer gets are set here.
  for (const [name, value] of Object.entries(commonSecurityHeaders)) reply.header(name, value);
  void sendError(reply, appError);
}

/** Installs the error and not-found handlers; call on the root instance before routes. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const appError = toAppError(error, request);
    if (httpStatusOf(appError.code) < 500) {
      request.log.info({ code: appError.code }, appError.message);
    }
    return sendError(reply, appError);
  });
  app.setNotFoundHandler((request, reply) =>
    sendError(
      reply,
      new AppError(
        'NOT_FOUND',
        `No route ${request.method} ${request.url.split('?')[0]}; the API lives under /api/v1 and is described at /api/docs`,
        { method: request.method, path: request.url.split('?')[0] },
      ),
    ),
  );
}
