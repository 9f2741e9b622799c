/**
 * Who is calling. Every /api/v1 request runs the server's authenticators in order until one
 * recognises the request; the first gives `request.auth`. API keys come built in; the web app
 * adds its admin session with `app.registerAuthenticator(fn)` before the server starts.
 *
 * An authenticator returns null when the request does not carry its kind of credential, and
 * throws UNAUTHENTICATED when it carries one that is wrong (unknown key, expired session).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { cachedApiKeyLookup } from '../auth/apiKeyCache.js';
import type { Db } from '../db/database.js';
import type { RedemptionSource } from '../db/schema.js';
import { AppError } from '../domain/errors.js';

export interface AuthContext {
  tenantId: number;
  /** Recorded on redemptions: `api-key:<name>`, or `admin:<email>` for a session. */
  actor: string;
  via: 'api-key' | 'session';
}

export type Authenticator = (request: FastifyRequest) => Promise<AuthContext | null>;

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext | null;
  }
  interface FastifyInstance {
    /** Adds an authenticator, tried after those already registered. */
    registerAuthenticator(authenticator: Authenticator): void;
    /** Authenticates the request or throws UNAUTHENTICATED; use as an onRequest hook. */
    authenticate(request: FastifyRequest): Promise<void>;
  }
}

const HOW_TO = 'Send Authorization: Bearer <API key>; create one with `rewardbook api-keys create`';

/**
 * The built-in authenticator: `Authorization: Bearer rbk_…`, a tenant API key. Keys are
 * remembered for a second (apiKeyCache.ts: a revocation elsewhere takes up to that long here).
 */
export function apiKeyAuthenticator(db: Db): Authenticator {
  const lookUpKey = cachedApiKeyLookup(db);
  return async (request) => {
    const header = request.headers.authorization;
    if (header === undefined) return null;
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match?.[1]) {
      throw new AppError(
        'UNAUTHENTICATED',
        `The Authorization header is not a bearer token. ${HOW_TO}`,
      );
    }
    const key = await lookUpKey(match[1]);
    if (!key) {
      throw new AppError('UNAUTHENTICATED', `The API key is unknown or revoked. ${HOW_TO}`);
    }
    return { tenantId: key.tenantId, actor: `api-key:${key.name}`, via: 'api-key' };
  };
}

/**
 * Decorates the root instance with `request.auth`, `registerAuthenticator` and `authenticate`.
 * It does not guard any route by itself: the API context adds `authenticate` as a hook.
 */
export function setUpAuthentication(app: FastifyInstance, db: Db): void {
  const authenticators: Authenticator[] = [apiKeyAuthenticator(db)];
  app.decorateRequest('auth', null);
  app.decorate('registerAuthenticator', (authenticator: Authenticator) => {
    authenticators.push(authenticator);
  });
  app.decorate('authenticate', async (request: FastifyRequest) => {
    for (const authenticator of authenticators) {
      const auth = await authenticator(request);
      if (auth) {
        request.auth = auth;
        return;
      }
    }
    throw new AppError('UNAUTHENTICATED', HOW_TO);
  });
}

/** The caller of an authenticated route (the hook guarantees it is set). */
export function authOf(request: FastifyRequest): AuthContext {
  if (!request.auth) throw new AppError('UNAUTHENTICATED', HOW_TO);
  return request.auth;
}

/** What a redemption records as its source: 'UI' for the web app's session, else 'API'. */
export function sourceOf(request: FastifyRequest): RedemptionSource {
  return request.auth?.via === 'session' ? 'UI' : 'API';
}
