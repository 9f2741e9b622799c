/**
 * Credentials end when they are ended: a revoked API key, a signed-out session, a removed
 * admin's sessions are refused on the next request. Sessions need their CSRF token to change
 * anything; sign-in does not tell known emails from unknown ones and slows repeated failures.
 */
import { expect, it } from 'vitest';
import { describeEachDb } from '../helpers/databases.js';
import { createApiKey, revokeApiKey } from '../../src/auth/apiKeys.js';
import {
  ADMIN_PASSWORD,
  buildTenantWithAdmin,
  send,
  signIn,
} from '../../src/http/session/testing.js';
import { buildServer } from '../../src/http/server.js';
import { apiClient, testConfig, useServer } from '../../src/http/testing.js';

let address = 0;
/** A client address of its own for each sign-in test, so their failure counts do not mix. */
const freshAddress = () => `10.9.${Math.floor(++address / 250)}.${address % 250}`;

describeEachDb('credentials and sign-in', (get) => {
  const { server } = useServer(get);
  const db = () => get().handle.db;

  it('refuses a revoked API key on its next request, whoever revoked it, and keeps the others', async () => {
    const { tenant, email } = await buildTenantWithAdmin(db());
    const admin = await signIn(server(), email);
    const first = await createApiKey(db(), tenant.id, 'first');
    const second = await createApiKey(db(), tenant.id, 'second');
    const third = await createApiKey(db(), tenant.id, 'third');
    for (const { key } of [first, second, third]) {
      expect((await apiClient(server(), key).get('/units')).status).toBe(200);
    }
    expect((await admin.post(`api-keys/${first.info.id}/revoke`)).status).toBe(200);
    await revokeApiKey(db(), tenant.id, second.info.id);
    for (const { key } of [first, second]) {
      const reply = await apiClient(server(), key).get('/units');
      expect([reply.status, reply.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
      expect(reply.body.error.message).toMatch(/^The API key is unknown or revoked/);
    }
    expect((await apiClient(server(), third.key).get('/units')).status).toBe(200);
  });

  it('refuses a session once signed out, or once its admin is removed', async () => {
    const { email } = await buildTenantWithAdmin(db());
    const first = await signIn(server(), email);
    const second = await signIn(server(), email);
    expect((await first.delete('/api/session')).status).toBe(204);
    for (const path of ['units', '/api/session']) {
      expect((await first.get(path)).status, path).toBe(401);
    }
    expect((await second.get('units')).status).toBe(200);
    const added = await second.post('admins', {
      email: `other-${address}@example.com`,
      password: ADMIN_PASSWORD,
    });
    expect(added.status).toBe(201);
    const other = await signIn(server(), added.body.admin.email);
    expect((await other.get('units')).status).toBe(200);
    expect((await second.delete(`admins/${added.body.admin.id}`)).status).toBe(204);
    expect((await other.get('units')).status).toBe(401);
  });

  it('needs the CSRF token of the same session to change anything', async () => {
    const { email } = await buildTenantWithAdmin(db());
    const { email: otherEmail } = await buildTenantWithAdmin(db());
    const mine = await signIn(server(), email);
    const theirs = await signIn(server(), otherEmail);
    const change = (csrf?: string) =>
      send(server(), 'PUT', 'units/POINT', {
        cookie: mine.cookie,
        ...(csrf ? { csrf } : {}),
        body: {},
      });
    for (const csrf of [undefined, theirs.csrf, `${mine.csrf}x`]) {
      const reply = await change(csrf);
      expect([reply.status, reply.body.error.code]).toEqual([403, 'FORBIDDEN']);
    }
    expect((await send(server(), 'GET', 'units', { cookie: mine.cookie })).status).toBe(200);
    expect((await change(mine.csrf)).status).toBe(201);
  });

  it('refuses a made-up or altered session cookie', async () => {
    const { email } = await buildTenantWithAdmin(db());
    const real = await signIn(server(), email);
    const token = real.cookie.split('=')[1] ?? '';
    const flipped = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    for (const cookie of [
      `rb_session=${flipped}`,
      `rb_session=${'x'.repeat(43)}`,
      'rb_session=../../etc',
    ]) {
      expect((await send(server(), 'GET', 'units', { cookie })).status, cookie).toBe(401);
    }
  });

  it('answers a wrong password exactly as an unknown email', async () => {
    const { email } = await buildTenantWithAdmin(db());
    const ip = freshAddress();
    const known = await send(server(), 'POST', '/api/session', {
      ip,
      body: { email, password: 'not it at all' },
    });
    const unknown = await send(server(), 'POST', '/api/session', {
      ip: freshAddress(),
      body: { email: `nobody-${ip}@example.com`, password: 'not it at all' },
    });
    expect([known.status, known.body]).toEqual([unknown.status, unknown.body]);
    expect(known.body.error).toEqual({
      code: 'UNAUTHENTICATED',
      message: 'Email or password is wrong',
      details: {},
    });
  });

  it('locks an email at an address after three failures, even against the right password', async () => {
    const { email } = await buildTenantWithAdmin(db());
    const ip = freshAddress();
    const attempt = (password: string, from = ip) =>
      send(server(), 'POST', '/api/session', { ip: from, body: { email, password } });
    for (let i = 0; i < 4; i++) expect((await attempt('wrong password')).status).toBe(401);
    const locked = await attempt(ADMIN_PASSWORD);
    expect([locked.status, locked.body.error.code]).toEqual([429, 'RATE_LIMITED']);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect((await attempt(ADMIN_PASSWORD, freshAddress())).status).toBe(200);
  });

  it('locks an address that fails across many emails', async () => {
    const ip = freshAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) {
      const reply = await send(server(), 'POST', '/api/session', {
        ip,
        body: { email: `guess-${i}@example.com`, password: 'wrong password' },
      });
      statuses.push(reply.status);
    }
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });

  it('sets the session cookie HttpOnly, SameSite=Lax, and Secure behind https', async () => {
    const { email } = await buildTenantWithAdmin(db());
    const https = await buildServer({
      handle: get().handle,
      config: testConfig({ publicUrl: 'https://rewards.example.com' }),
      logger: false,
    });
    try {
      for (const [app, secure] of [
        [server(), false],
        [https, true],
      ] as const) {
        const reply = await send(app, 'POST', '/api/session', {
          body: { email, password: ADMIN_PASSWORD },
        });
        const cookie = String(reply.headers['set-cookie']);
        expect(cookie).toMatch(/^rb_session=[\w-]{20,};/);
        expect(cookie).toMatch(/; HttpOnly/);
        expect(cookie).toMatch(/; SameSite=Lax/);
        expect(/; Secure/.test(cookie)).toBe(secure);
      }
    } finally {
      await https.close();
    }
  });
});
