import { describe, expect, it } from 'vitest';
import { describeEachDb } from '../../test/helpers/databases.js';
import { httpStatusOf } from './errorHandler.js';
import { buildTestServer, ledgerCounts, useServer } from './testing.js';

describe('httpStatusOf', () => {
  it('maps refused input to 422, unreadable requests to 400 and conflicts of state to 409', () => {
    expect(httpStatusOf('VALIDATION_FAILED')).toBe(422);
    expect(httpStatusOf('INVALID_AMOUNT')).toBe(422);
    expect(httpStatusOf('MALFORMED_REQUEST')).toBe(400);
    expect(httpStatusOf('UNAUTHENTICATED')).toBe(401);
    expect(httpStatusOf('FORBIDDEN')).toBe(403);
    expect(httpStatusOf('UNKNOWN_UNIT')).toBe(404);
    expect(httpStatusOf('UNKNOWN_PARTICIPANT')).toBe(404);
    expect(httpStatusOf('NOT_FOUND')).toBe(404);
    expect(httpStatusOf('INSUFFICIENT_BALANCE')).toBe(409);
    expect(httpStatusOf('IDEMPOTENCY_KEY_REUSED')).toBe(409);
    expect(httpStatusOf('ALREADY_REVERSED')).toBe(409);
    expect(httpStatusOf('LINK_EXPIRED')).toBe(410);
    expect(httpStatusOf('PAYLOAD_TOO_LARGE')).toBe(413);
    expect(httpStatusOf('RATE_LIMITED')).toBe(429);
    expect(httpStatusOf('INTERNAL')).toBe(500);
  });
});

describeEachDb('HTTP errors', (get) => {
  const { server, setUp } = useServer(get);
  const redeem = { accountId: 'a', userId: 'u', unit: 'POINT', amount: '1' };

  it('answers unreadable JSON with 400 MALFORMED_REQUEST and changes nothing', async () => {
    const { db, tenant, apiKey } = await setUp();
    const before = await ledgerCounts(db, tenant.id);
    const reply = await server().inject({
      method: 'POST',
      url: '/api/v1/redemptions',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      payload: '{"accountId": "a",',
    });
    expect(reply.statusCode).toBe(400);
    expect(reply.json().error.code).toBe('MALFORMED_REQUEST');
    expect(reply.json().error.message).toContain('not valid JSON');
    expect(await ledgerCounts(db, tenant.id)).toEqual(before);
  });

  it('answers a non-JSON body with 400 and says to send JSON', async () => {
    const { apiKey } = await setUp();
    const reply = await server().inject({
      method: 'POST',
      url: '/api/v1/redemptions',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'text/plain' },
      payload: 'accountId=a',
    });
    expect(reply.statusCode).toBe(400);
    expect(reply.json().error).toMatchObject({ code: 'MALFORMED_REQUEST' });
    expect(reply.json().error.message).toContain('application/json');
  });

  it('names the field and what it expects when the schema refuses a request', async () => {
    const { client } = await setUp();
    const missing = await client.post('/redemptions', { ...redeem, userId: undefined });
    expect(missing.status).toBe(422);
    expect(missing.body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'body.userId is required',
      details: { field: 'body.userId' },
    });
    const number = await client.post('/redemptions', { ...redeem, amount: 10.5 });
    expect(number.body.error.message).toBe('body.amount must be a string, such as "10.55"');
    const typo = await client.post('/redemptions', { ...redeem, programld: 'spring' });
    expect(typo.body.error.message).toContain(
      'body.programld is not a field this endpoint accepts',
    );
    const limit = await client.get('/rewards?limit=lots');
    expect(limit.body.error.message).toBe('query.limit must be an integer, such as 100');
    const status = await client.get('/rewards?status=DONE');
    expect(status.body.error.message).toBe(
      'query.status must be one of PENDING, AVAILABLE, REDEEMED, EXPIRED, CANCELLED',
    );
    const unknownParam = await client.get('/rewards?acountId=a');
    expect(unknownParam.body.error.message).toContain('query.acountId');
    const row = await client.post('/rewards/bulk', {
      rewards: [{ rewardId: 'r', accountId: 'a', userId: 'u', unit: 'POINT' }],
    });
    expect(row.body.error.message).toBe('body.rewards[0].amount is required');
  });

  it('answers a body over the limit with 413 PAYLOAD_TOO_LARGE', async () => {
    const { client } = await setUp();
    const reply = await client.post('/redemptions', {
      ...redeem,
      accountId: 'a'.repeat(2_000_000),
    });
    expect(reply.status).toBe(413);
    expect(reply.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers an unknown route with 404 in the same shape', async () => {
    const { client } = await setUp();
    const reply = await client.get('/nothing-here');
    expect(reply.status).toBe(404);
    expect(reply.body.error.code).toBe('NOT_FOUND');
    expect(reply.body.error.message).toContain('/api/v1/nothing-here');
  });

  it('answers an unexpected error with 500 INTERNAL and shows nothing of it', async () => {
    const app = await buildTestServer(get().handle);
    app.get('/boom', async () => {
      throw new Error('secret connection string postgres://admin:hunter2@db');
    });
    const reply = await app.inject({ url: '/boom' });
    expect(reply.statusCode).toBe(500);
    const body = reply.json();
    expect(body.error.code).toBe('INTERNAL');
    expect(JSON.stringify(body)).not.toContain('hunter2');
    expect(body.error.details.requestId).toBeTruthy();
    await app.close();
  });

  it('keeps the meaning of a 4xx raised by Fastify or a plugin, in the same shape', async () => {
    const app = await buildTestServer(get().handle);
    app.get('/slow-down', async () => {
      throw Object.assign(new Error('Too many requests; wait a minute'), { statusCode: 429 });
    });
    const reply = await app.inject({ url: '/slow-down' });
    expect(reply.statusCode).toBe(429);
    expect(reply.json()).toEqual({
      error: { code: 'RATE_LIMITED', message: 'Too many requests; wait a minute', details: {} },
    });
    await app.close();
  });
});
