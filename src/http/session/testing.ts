/** Test helpers: a tenant with an admin, and a client signed in with that admin's session. */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/database.js';
import { createTenant } from '../../tenants/createTenant.js';
import type { Reply } from '../testing.js';

export const ADMIN_PASSWORD = 'correct horse battery';

export async function buildTenantWithAdmin(db: Db) {
  const email = `admin-${randomBytes(4).toString('hex')}@example.com`;
  const { tenant } = await createTenant(db, {
    slug: `t-${randomBytes(5).toString('hex')}`,
    adminEmail: email,
    adminPassword: ADMIN_PASSWORD,
  });
  return { tenant, email };
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** Sends a request with the given cookie (and CSRF token, when given); paths as in apiClient. */
export async function send(
  app: FastifyInstance,
  method: Method,
  path: string,
  options: { cookie?: string; csrf?: string; body?: unknown; ip?: string } = {},
): Promise<Reply> {
  const response = await app.inject({
    method,
    url: path.startsWith('/') ? path : `/api/v1/${path}`,
    headers: {
      ...(options.cookie ? { cookie: options.cookie } : {}),
      ...(options.csrf ? { 'x-csrf-token': options.csrf } : {}),
    },
    ...(options.ip ? { remoteAddress: options.ip } : {}),
    ...(options.body === undefined ? {} : { payload: options.body as object }),
  });
  const json = response.headers['content-type']?.toString().includes('json');
  return {
    status: response.statusCode,
    headers: response.headers,
    body: json && response.body ? JSON.parse(response.body) : response.body,
  };
}

/** The `name=value` of the session cookie a sign-in reply set. */
export function cookieOf(reply: Reply): string {
  const header = reply.headers['set-cookie'];
  const all = Array.isArray(header) ? header : [String(header)];
  const found = all.find((c: string) => c.startsWith('rb_session='));
  if (!found) throw new Error(`no session cookie in ${JSON.stringify(header)}`);
  return found.split(';')[0] ?? '';
}

/** Signs in and answers a client for that session: `client.post('units/X', body)`. */
export async function signIn(app: FastifyInstance, email: string, password = ADMIN_PASSWORD) {
  const reply = await send(app, 'POST', '/api/session', { body: { email, password } });
  if (reply.status !== 200) throw new Error(`sign-in failed: ${JSON.stringify(reply.body)}`);
  const cookie = cookieOf(reply);
  const csrf = reply.body.csrfToken as string;
  const call = (method: Method, path: string, body?: unknown) =>
    send(app, method, path, { cookie, csrf, body });
  return {
    cookie,
    csrf,
    session: reply.body,
    get: (path: string) => call('GET', path),
    post: (path: string, body?: unknown) => call('POST', path, body),
    put: (path: string, body?: unknown) => call('PUT', path, body),
    delete: (path: string) => call('DELETE', path),
  };
}
