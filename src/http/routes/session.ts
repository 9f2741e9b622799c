/**
 * The web app's sign-in: `POST /api/session` checks the password and sets the session cookie,
 * `GET /api/session` says who is signed in (and the CSRF token to send back), `DELETE` signs out.
 * These live outside /api/v1: they are the way in, not behind it.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { checkSignIn, type SignInInput } from '../../admins/checkSignIn.js';
import type { Config } from '../../config/config.js';
import type { Db } from '../../db/database.js';
import { toIso } from '../../domain/dates.js';
import { AppError, isAppError } from '../../domain/errors.js';
import { getSessionSchema, signInSchema, signOutSchema } from '../session/schemas.js';
import { checkCsrf, readSession } from '../session/sessionAuthenticator.js';
import { clearSessionCookie, setSessionCookie } from '../session/sessionCookie.js';
import {
  createSession,
  findLiveSession,
  revokeSession,
  type LiveSession,
} from '../session/sessions.repository.js';
import { SignInThrottle } from '../session/signInThrottle.js';

export interface SessionRouteOptions {
  db: Db;
  config: Config;
  throttle?: SignInThrottle;
}

function presentSession(session: LiveSession, config: Config) {
  return {
    admin: { id: session.adminId, email: session.email, name: session.name },
    tenant: { slug: session.tenantSlug, name: session.tenantName },
    csrfToken: session.csrfToken,
    smtpConfigured: config.smtpUrl !== null,
    expiresAt: toIso(session.expiresAt),
  };
}

function noStore(reply: FastifyReply) {
  reply.header('Cache-Control', 'no-store');
}

export const sessionRoutes: FastifyPluginAsync<SessionRouteOptions> = async (app, options) => {
  const { db, config } = options;
  const throttle = options.throttle ?? new SignInThrottle();

  app.get('/api/session', { schema: getSessionSchema }, async (request, reply) => {
    noStore(reply);
    const session = await readSession(db, request).catch((error: unknown) => {
      if (isAppError(error)) clearSessionCookie(reply, config);
      throw error;
    });
    if (!session)
      throw new AppError('UNAUTHENTICATED', 'Not signed in; sign in with email and password');
    return presentSession(session, config);
  });

  app.post<{ Body: SignInInput }>(
    '/api/session',
    { schema: signInSchema },
    async (request, reply) => {
      noStore(reply);
      const { email } = request.body;
      try {
        throttle.check(email, request.ip);
      } catch (error) {
        if (isAppError(error)) reply.header('Retry-After', String(error.details.retryAfterSeconds));
        throw error;
      }
      let admin;
      try {
        admin = await checkSignIn(db, request.body);
      } catch (error) {
        if (isAppError(error) && error.code === 'UNAUTHENTICATED')
          throttle.failed(email, request.ip);
        throw error;
      }
      throttle.succeeded(email, request.ip);
      const { token, expiresAt } = await createSession(db, {
        adminId: admin.id,
        tenantId: admin.tenant_id,
      });
      const session = await findLiveSession(db, token);
      if (!session) throw new AppError('INTERNAL', 'The new session could not be read back');
      setSessionCookie(reply, config, token, expiresAt);
      return presentSession(session, config);
    },
  );

  app.delete('/api/session', { schema: signOutSchema }, async (request, reply) => {
    noStore(reply);
    const session = await readSession(db, request).catch(() => null);
    if (session) {
      checkCsrf(request, session);
      await revokeSession(db, session.id);
    }
    clearSessionCookie(reply, config);
    return reply.status(204).send();
  });
};
