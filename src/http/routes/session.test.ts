import { describe, expect, it } from 'vitest';
import { describeEachDb } from '../../../test/helpers/databases.js';
import { buildServer } from '../server.js';
import {
  ADMIN_PASSWORD,
  buildTenantWithAdmin,
  cookieOf,
  send,
  signIn,
} from '../session/testing.js';
import { giveRewards, testConfig, useServer } from '../testing.js';

describeEachDb('HTTP admin session', (get) => {
  const { server, setUp } = useServer(get);

  it('signs in with an HttpOnly, SameSite cookie and says who is signed in', async () => {
    const { db } = await setUp();
    const { tenant, email } = await buildTenantWithAdmin(db);
    const reply = await send(server(), 'POST', '/api/session', {
      body: { email: ` ${email.toUpperCase()} `, password: ADMIN_PASSWORD },
    });
    expect(reply.status).toBe(200);
    const setCookie = String(reply.headers['set-cookie']);
    expect(setCookie).toMatch(/^rb_session=[\w-]{40,};/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    expect(setCookie).toContain('Path=/');
    expect(setCookie).not.toContain('Secure');
    expect(reply.headers['cache-control']).toBe('no-store');
    const me = await send(server(), 'GET', '/api/session', { cookie: cookieOf(reply) });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      admin: { email },
      tenant: { slug: tenant.slug },
      smtpConfigured: false,
      csrfToken: reply.body.csrfToken,
    });
    // Only the token's hash is stored.
    const token = cookieOf(reply).split('=')[1] ?? '';
    const stored = await db.selectFrom('sessions').select('id').execute();
    expect(stored.map((s) => s.id)).not.toContain(token);
  });

  it('answers a wrong password and an unknown email with the same 401', async () => {
    const { db } = await setUp();
    const { email } = await buildTenantWithAdmin(db);
    const wrong = await send(server(), 'POST', '/api/session', {
      body: { email, password: 'not the password' },
      ip: '10.0.0.1',
    });
    const unknown = await send(server(), 'POST', '/api/session', {
      body: { email: 'nobody@example.com', password: 'not the password' },
      ip: '10.0.0.1',
    });
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error.message).toBe('Email or password is wrong');
    expect(wrong.headers['set-cookie']).toBeUndefined();
    expect((await send(server(), 'GET', '/api/session')).status).toBe(401);
  });

  it('slows repeated failures with 429 and Retry-After, even for the right password', async () => {
    const { db } = await setUp();
    const { email } = await buildTenantWithAdmin(db);
    const attempt = (password: string) =>
      send(server(), 'POST', '/api/session', { body: { email, password }, ip: '10.0.0.2' });
    const statuses = [];
    for (let i = 0; i < 8; i++) statuses.push((await attempt(`guess ${i}`)).status);
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(statuses).toContain(429);
    const locked = await attempt(ADMIN_PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('RATE_LIMITED');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    // Another address is not locked out by these failures.
    const elsewhere = await send(server(), 'POST', '/api/session', {
      body: { email, password: ADMIN_PASSWORD },
      ip: '10.0.0.3',
    });
    expect(elsewhere.status).toBe(200);
  });

  it('authenticates /api/v1 with the session; changes need the CSRF token', async () => {
    const { db } = await setUp();
    const { tenant, email } = await buildTenantWithAdmin(db);
    await giveRewards(db, tenant.id, [{ amount: '10.00' }]);
    const admin = await signIn(server(), email);
    expect((await admin.get('units')).body.items.map((u: { code: string }) => u.code)).toEqual([
      'CASH/USD',
    ]);
    const body = { accountId: 'acct-1', userId: 'user-1', unit: 'CASH/USD', amount: '1.239' };
    const forged = await send(server(), 'POST', 'redemptions', { cookie: admin.cookie, body });
    expect(forged.status).toBe(403);
    expect(forged.body.error.message).toContain('X-CSRF-Token');
    expect(forged.body.error.details).toEqual({ reason: 'csrf' });
    const wrongToken = await send(server(), 'POST', 'redemptions', {
      cookie: admin.cookie,
      csrf: 'x'.repeat(32),
      body,
    });
    expect(wrongToken.status).toBe(403);
    const redeemed = await admin.post('redemptions', body);
    expect(redeemed.status).toBe(201);
    expect(redeemed.body).toMatchObject({ amount: '1.23', source: 'UI', actor: `admin:${email}` });
  });

  it('signs out: the cookie is cleared and the session no longer works', async () => {
    const { db } = await setUp();
    const { email } = await buildTenantWithAdmin(db);
    const admin = await signIn(server(), email);
    const noToken = await send(server(), 'DELETE', '/api/session', { cookie: admin.cookie });
    expect(noToken.status).toBe(403);
    const out = await admin.delete('/api/session');
    expect(out.status).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/rb_session=;/);
    const after = await admin.get('units');
    expect(after.status).toBe(401);
    expect(after.body.error.message).toContain('sign in again');
    expect((await admin.get('/api/session')).status).toBe(401);
  });

  it('ends an idle or expired session', async () => {
    const { db } = await setUp();
    const { email } = await buildTenantWithAdmin(db);
    const idle = await signIn(server(), email);
    const expired = await signIn(server(), email);
    const admin = await db
      .selectFrom('admins')
      .select('id')
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    const [first, second] = await db
      .selectFrom('sessions')
      .select('id')
      .where('admin_id', '=', admin.id)
      .orderBy('created_at')
      .execute();
    const longAgo = Date.now() - 13 * 60 * 60 * 1000;
    await db
      .updateTable('sessions')
      .set({ last_seen_at: longAgo })
      .where('id', '=', first!.id)
      .execute();
    await db
      .updateTable('sessions')
      .set({ expires_at: Date.now() - 1 })
      .where('id', '=', second!.id)
      .execute();
    expect((await idle.get('units')).status).toBe(401);
    expect((await expired.get('units')).status).toBe(401);
  });

  it('answers 401 to a made-up cookie and keeps the API key working alongside', async () => {
    const { apiKey } = await setUp();
    const made = await send(server(), 'GET', 'units', { cookie: `rb_session=${'a'.repeat(43)}` });
    expect(made.status).toBe(401);
    const keyed = await server().inject({
      url: '/api/v1/units',
      headers: { authorization: `Bearer ${apiKey}` },
    });
    expect(keyed.statusCode).toBe(200);
  });
});

describe('HTTP admin session over https', () => {
  describeEachDb('cookie', (get) => {
    it('marks the cookie Secure when PUBLIC_URL is https', async () => {
      const app = await buildServer({
        handle: get().handle,
        config: testConfig({ publicUrl: 'https://rewards.example.com' }),
        logger: false,
      });
      const { email } = await buildTenantWithAdmin(get().handle.db);
      const reply = await send(app, 'POST', '/api/session', {
        body: { email, password: ADMIN_PASSWORD },
      });
      expect(String(reply.headers['set-cookie'])).toContain('Secure');
      await app.close();
    });
  });
});
