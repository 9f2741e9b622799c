/**
 * The server's log: Fastify's pino JSON lines, one per request received and one per response,
 * with the request's headers for debugging and every secret in them censored. A secret here is
 * anything that lets its holder act: API keys and session cookies (Authorization, Cookie,
 * Set-Cookie and their like) and the signature of a download link in a URL.
 */
import type { FastifyRequest } from 'fastify';

export const CENSORED = '[redacted]';

const SECRET_HEADERS = ['authorization', 'proxy-authorization', 'cookie', 'x-api-key'];

/** Paths pino censors in every log line, whatever logged the object. */
export const REDACTED_PATHS = [
  ...SECRET_HEADERS.flatMap((h) => [`req.headers["${h}"]`, `headers["${h}"]`]),
  'res.headers["set-cookie"]',
];

/** A URL with the value of a signed link's `sig` parameter censored. */
export function censorUrl(url: string): string {
  return url.replace(/([?&]sig=)[^&#]*/gi, `$1${CENSORED}`);
}

/** What a request's log lines say about it. */
export function serializeRequest(request: FastifyRequest) {
  return {
    method: request.method,
    url: censorUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
    headers: request.headers,
  };
}

/** Where log lines go, for tests; by default standard output. */
export interface LogDestination {
  write(line: string): void;
}

/** Fastify's `logger` option: JSON lines at `level`, secrets censored. */
export function serverLoggerOptions(level: string, stream?: LogDestination) {
  return {
    level,
    redact: { paths: REDACTED_PATHS, censor: CENSORED },
    serializers: { req: serializeRequest },
    ...(stream ? { stream } : {}),
  };
}
