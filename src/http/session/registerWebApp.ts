/**
 * Everything the web app needs of the server besides its files: the cookie parser, the admin
 * session as an authenticator for /api/v1 (so every API route serves the app), the sign-in
 * routes under /api/session, and the security headers every response carries.
 */
import cookie from '@fastify/cookie';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config/config.js';
import type { Db } from '../../db/database.js';
import { sessionRoutes } from '../routes/session.js';
import { commonSecurityHeaders } from './securityHeaders.js';
import { sessionAuthenticator } from './sessionAuthenticator.js';
import type { SignInThrottle } from './signInThrottle.js';

/** Call on the root instance after `setUpAuthentication` and before the API routes. */
export async function registerWebApp(
  app: FastifyInstance,
  options: { db: Db; config: Config; throttle?: SignInThrottle },
): Promise<void> {
  await app.register(cookie);
  app.decorateRequest('adminSession', null);
  app.registerAuthenticator(sessionAuthenticator(options.db));
  app.addHook('onSend', async (_request, reply, payload) => {
    for (const [name, value] of Object.entries(commonSecurityHeaders)) reply.header(name, value);
    return payload;
  });
  await app.register(sessionRoutes, options);
}
