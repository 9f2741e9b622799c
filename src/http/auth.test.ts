import { expect, it } from 'vitest';
import { API_KEY_CACHE_MS } from '../auth/apiKeyCache.js';
import { revokeApiKey } from '../auth/apiKeys.js';
import { AppError } from '../domain/errors.js';
import { describeEachDb } from '../../test/helpers/databases.js';
import { apiClient, buildTenant, buildTestServer, useServer } from './testing.js';

const HOW_TO = 'Send Authorization: Bearer <API key>; create one with `rewardbook api-keys create`';

describeEachDb('HTTP authentication', (get) => {
  const { server, setUp } = useServer(get);

  it('refuses a request without a key with 401 and says how to get one', async () => {
    const reply = await apiClient(server(), null).get('/units');
    expect(reply.status).toBe(401);
    expect(reply.body).toEqual({
      error: { code: 'UNAUTHENTICATED', message: HOW_TO, details: {} },
    });
  });

  it('refuses an unknown key, a key without the rbk_ prefix and a non-bearer header', async () => {
    for (const header of [
      'Bearer rbk_not-a-real-key',
      'Bearer sk_live_123',
      'Basic dXNlcjpwYXNz',
    ]) {
      const reply = await server().inject({
        url: '/api/v1/units',
        headers: { authorization: header },
      });
      expect(reply.statusCode).toBe(401);
      const body = reply.json();
      expect(body.error.code).toBe('UNAUTHENTICATED');
      expect(body.error.message).toContain(HOW_TO);
    }
  });

  it('refuses a revoked key', async () => {
    const { db, tenant, keyId, client } = await setUp();
    expect((await client.get('/units')).status).toBe(200);
    await revokeApiKey(db, tenant.id, keyId);
    const reply = await client.get('/units');
    expect(reply.status).toBe(401);
    expect(reply.body.error.message).toContain('unknown or revoked');
  });

  it('refuses a key revoked by another process once API_KEY_CACHE_MS has passed', async () => {
    const { db, keyId, client } = await setUp();
    expect((await client.get('/units')).status).toBe(200);
    // What `rewardbook api-keys revoke` does from its own process: this one is not told.
    await db
      .updateTable('api_keys')
      .set({ revoked_at: Date.now() })
      .where('id', '=', keyId)
      .execute();
    await new Promise((resolve) => setTimeout(resolve, API_KEY_CACHE_MS + 20));
    const reply = await client.get('/units');
    expect(reply.status).toBe(401);
  });

  it('checks the key before reading the body, so a bad body without a key is still a 401', async () => {
    const reply = await server().inject({
      method: 'POST',
      url: '/api/v1/redemptions',
      headers: { 'content-type': 'application/json' },
      payload: '{not json',
    });
    expect(reply.statusCode).toBe(401);
  });

  it('records the key name as the actor of what the request does', async () => {
    const { client } = await setUp();
    await client.put('/units/POINT', {});
    await client.put('/participants/a/u', {});
    await client.post('/rewards', {
      rewardId: 'r1',
      accountId: 'a',
      userId: 'u',
      unit: 'POINT',
      amount: '5',
    });
    const reply = await client.post('/redemptions', {
      accountId: 'a',
      userId: 'u',
      unit: 'POINT',
      amount: '2',
    });
    expect(reply.body.actor).toBe('api-key:test-key');
    expect(reply.body.source).toBe('API');
  });

  it('needs no key for /health', async () => {
    const reply = await server().inject({ url: '/health' });
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toEqual({ status: 'ok', database: get().dialect });
  });

  it('tries plugged-in authenticators after the API key, in order', async () => {
    const db = get().handle.db;
    const { tenant } = await buildTenant(db);
    const app = await buildTestServer(get().handle);
    app.registerAuthenticator(async (request) => {
      const session = request.headers['x-test-session'];
      if (session === undefined) return null;
      if (session !== 'good') throw new AppError('UNAUTHENTICATED', 'Your session has expired');
      return { tenantId: tenant.id, actor: 'admin:ada@example.com', via: 'session' };
    });
    const withSession = await app.inject({
      url: '/api/v1/units',
      headers: { 'x-test-session': 'good' },
    });
    expect(withSession.statusCode).toBe(200);
    const expired = await app.inject({
      url: '/api/v1/units',
      headers: { 'x-test-session': 'old' },
    });
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.message).toBe('Your session has expired');
    expect((await app.inject({ url: '/api/v1/units' })).statusCode).toBe(401);
    await app.close();
  });
});
