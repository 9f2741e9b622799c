/**
 * The web app's authenticator: an admin session cookie. Requests that change something
 * (anything but GET, HEAD, OPTIONS) must also send the session's CSRF token in X-CSRF-Token,
 * which a page of another site cannot read; API-key requests carry no cookie and need none.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/database.js';
import { AppError } from '../../domain/errors.js';
import type { Authenticator } from '../auth.js';
import { sessionTokenOf } from './sessionCookie.js';
import { findLiveSession, type LiveSession } from './sessions.repository.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The admin session behind this request, once the session authenticator accepted it. */
    adminSession: LiveSession | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const CSRF_HEADER = 'x-csrf-token';

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The live session of the request's cookie, or null; throws UNAUTHENTICATED for a dead one. */
export async function readSession(db: Db, request: FastifyRequest): Promise<LiveSession | null> {
  const token = sessionTokenOf(request);
  if (!token) return null;
  const session = await findLiveSession(db, token);
  if (!session) {
    throw new AppError(
      'UNAUTHENTICATED',
      'Your session has ended (signed out, expired or idle too long); sign in again',
    );
  }
  return session;
}

/** Throws FORBIDDEN when a changing request lacks the session's CSRF token. */
export function checkCsrf(request: FastifyRequest, session: LiveSession): void {
  if (SAFE_METHODS.has(request.method)) return;
  const sent = request.headers[CSRF_HEADER];
  if (typeof sent !== 'string' || !sameToken(sent, session.csrfToken)) {
    throw new AppError(
      'FORBIDDEN',
      'This change lacks the X-CSRF-Token of your session (from GET /api/session); reload the page and try again',
      { reason: 'csrf' },
    );
  }
}

export function sessionAuthenticator(db: Db): Authenticator {
  return async (request) => {
    const session = await readSession(db, request);
    if (!session) return null;
    checkCsrf(request, session);
    request.adminSession = session;
    return { tenantId: session.tenantId, actor: `admin:${session.email}`, via: 'session' };
  };
}

/** The session of a route that only a signed-in admin may use (not an API key). */
export function requireAdminSession(request: FastifyRequest): LiveSession {
  if (!request.adminSession) {
    throw new AppError(
      'FORBIDDEN',
      'Only an admin signed in to the web app can manage admins and API keys; API keys cannot',
    );
  }
  return request.adminSession;
}
