import { expect, it } from 'vitest';
import { describeEachDb } from '../../../test/helpers/databases.js';
import { ledgerCounts, ledgerViolations, useServer, type ApiClient } from '../testing.js';

const reward = (rewardId: string, overrides: Record<string, unknown> = {}) => ({
  rewardId,
  accountId: 'acct-1',
  userId: 'user-1',
  unit: 'CASH/USD',
  amount: '25.00',
  ...overrides,
});

async function withCatalog(client: ApiClient) {
  await client.put('/units/CASH%2FUSD', {});
  await client.put('/units/POINT', {});
  await client.post('/programs', { programId: 'spring', name: 'Spring' });
}

describeEachDb('HTTP rewards', (get) => {
  const { setUp } = useServer(get);

  it('gives a reward (201), and answers 200 with the stored reward when the rewardId exists', async () => {
    const { client } = await setUp();
    await withCatalog(client);
    const created = await client.post(
      '/rewards',
      reward('r-1', { programId: 'spring', email: 'ada@example.com', dateExpires: '2099-01-31' }),
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      rewardId: 'r-1',
      programId: 'spring',
      amount: '25.00',
      redeemedAmount: '0.00',
      availableAmount: '25.00',
      status: 'AVAILABLE',
      dateExpires: '2099-01-31T00:00:00.000Z',
    });
    const again = await client.post('/rewards', reward('r-1', { amount: '99.00' }));
    expect(again.status).toBe(200);
    expect(again.body.amount).toBe('25.00');
    const participant = await client.get('/participants/acct-1/user-1');
    expect(participant.body.email).toBe('ada@example.com');
  });

  it('refuses an unknown unit with 404 listing the known units, and creates nothing', async () => {
    const { db, tenant, client } = await setUp();
    await withCatalog(client);
    const before = await ledgerCounts(db, tenant.id);
    const reply = await client.post('/rewards', reward('r-x', { unit: 'CASH/EUR' }));
    expect(reply.status).toBe(404);
    expect(reply.body.error.code).toBe('UNKNOWN_UNIT');
    expect(reply.body.error.message).toContain('CASH/USD, POINT');
    expect(reply.body.error.details.known).toEqual(['CASH/USD', 'POINT']);
    expect(await ledgerCounts(db, tenant.id)).toEqual(before);
  });

  it('refuses an unknown program and a malformed or inexact amount, creating nothing', async () => {
    const { db, tenant, client } = await setUp();
    await withCatalog(client);
    const before = await ledgerCounts(db, tenant.id);
    const program = await client.post('/rewards', reward('r-p', { programId: 'autumn' }));
    expect(program.status).toBe(404);
    expect(program.body.error).toMatchObject({ code: 'UNKNOWN_PROGRAM' });
    const comma = await client.post('/rewards', reward('r-c', { amount: '25,00' }));
    expect(comma.status).toBe(422);
    expect(comma.body.error.code).toBe('INVALID_AMOUNT');
    expect(comma.body.error.message).toContain('decimal comma');
    const extra = await client.post('/rewards', reward('r-e', { amount: '25.005' }));
    expect(extra.body.error.message).toContain('more than 2 decimals');
    const date = await client.post('/rewards', reward('r-d', { dateExpires: '31/12/2026' }));
    expect(date.status).toBe(422);
    expect(date.body.error.message).toContain('dateExpires');
    expect(await ledgerCounts(db, tenant.id)).toEqual(before);
  });

  it('gives rewards in bulk, each row on its own, with a result per row and counts', async () => {
    const { client } = await setUp();
    await withCatalog(client);
    await client.post('/rewards', reward('b-0'));
    const reply = await client.post('/rewards/bulk', {
      rewards: [
        reward('b-0'),
        reward('b-1', { unit: 'POINT', amount: '7' }),
        reward('b-2', { unit: 'GEMS' }),
        reward('b-3', { amount: 'ten' }),
        reward('b-4', { userId: 'user-2' }),
      ],
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ count: 5, created: 2, existing: 1, errors: 2 });
    expect(reply.body.results.map((r: { status: string }) => r.status)).toEqual([
      'existing',
      'created',
      'error',
      'error',
      'created',
    ]);
    expect(reply.body.results[2]).toMatchObject({
      index: 2,
      rewardId: 'b-2',
      code: 'UNKNOWN_UNIT',
    });
    expect(reply.body.results[3].message).toContain('"ten" is not a number');
    const listed = await client.get('/rewards?limit=10');
    expect(listed.body.items.map((r: { rewardId: string }) => r.rewardId)).toEqual([
      'b-0',
      'b-1',
      'b-4',
    ]);
  });

  it('takes 10,000 rewards in one bulk request and refuses more', async () => {
    const { client } = await setUp();
    await withCatalog(client);
    const rows = Array.from({ length: 10_000 }, (_, i) =>
      reward(`bulk-${i}`, { userId: `u-${i % 500}` }),
    );
    const reply = await client.post('/rewards/bulk', { rewards: rows });
    expect(reply.status).toBe(200);
    expect(reply.body.created).toBe(10_000);
    const tooMany = await client.post('/rewards/bulk', { rewards: [...rows, reward('one-more')] });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.error.message).toContain('body.rewards');
  });

  it('lists rewards with filters, a page at a time', async () => {
    const { client } = await setUp();
    await withCatalog(client);
    await client.post('/rewards/bulk', {
      rewards: [
        reward('l-1'),
        reward('l-2', { unit: 'POINT', amount: '5', programId: 'spring' }),
        reward('l-3', { userId: 'user-2' }),
        reward('l-4', { status: 'PENDING' }),
        reward('l-5'),
      ],
    });
    const ids = (reply: { body: { items: { rewardId: string }[] } }) =>
      reply.body.items.map((r) => r.rewardId);
    expect(ids(await client.get('/rewards?unit=POINT'))).toEqual(['l-2']);
    expect(ids(await client.get('/rewards?programId=spring'))).toEqual(['l-2']);
    expect(ids(await client.get('/rewards?userId=user-2'))).toEqual(['l-3']);
    expect(ids(await client.get('/rewards?status=PENDING'))).toEqual(['l-4']);
    expect(
      ids(await client.get('/rewards?accountId=acct-1&userId=user-1&unit=CASH%2FUSD')),
    ).toEqual(['l-1', 'l-4', 'l-5']);
    const first = await client.get('/rewards?limit=2');
    expect(ids(first)).toEqual(['l-1', 'l-2']);
    const second = await client.get(`/rewards?limit=2&cursor=${first.body.nextCursor}`);
    expect(ids(second)).toEqual(['l-3', 'l-4']);
    const third = await client.get(`/rewards?limit=2&cursor=${second.body.nextCursor}`);
    expect(ids(third)).toEqual(['l-5']);
    expect(third.body.nextCursor).toBeNull();
  });

  it('gets a reward by an id holding a slash, and 404s an unknown one', async () => {
    const { client } = await setUp();
    await withCatalog(client);
    await client.post('/rewards', reward('2026/03/r-9'));
    const found = await client.get('/rewards/2026%2F03%2Fr-9');
    expect(found.status).toBe(200);
    expect(found.body.rewardId).toBe('2026/03/r-9');
    const missing = await client.get('/rewards/nope');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
  });

  it('cancels a reward, and refuses once something of it is redeemed', async () => {
    const { db, tenant, client } = await setUp();
    await withCatalog(client);
    await client.post('/rewards/bulk', { rewards: [reward('c-1'), reward('c-2')] });
    const cancelled = await client.post('/rewards/c-1/cancel');
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'CANCELLED', availableAmount: '0.00' });
    await client.post('/rewards/c-2/redeem', { amount: '1.00' });
    const refused = await client.post('/rewards/c-2/cancel');
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('REWARD_NOT_CANCELLABLE');
    expect((await client.get('/rewards/c-2')).body.status).toBe('AVAILABLE');
    expect(await ledgerViolations(db, tenant.id)).toEqual([]);
  });

  it('redeems from one reward, all that is left by default, honouring an Idempotency-Key', async () => {
    const { db, tenant, client } = await setUp();
    await withCatalog(client);
    await client.post('/rewards/bulk', { rewards: [reward('d-1'), reward('d-2')] });
    const part = await client.post(
      '/rewards/d-1/redeem',
      { amount: '10.009' },
      { 'idempotency-key': 'k-1' },
    );
    expect(part.status).toBe(201);
    expect(part.body).toMatchObject({
      amount: '10.00',
      lines: [{ rewardId: 'd-1', amount: '10.00' }],
    });
    const replay = await client.post(
      '/rewards/d-1/redeem',
      { amount: '10.009' },
      { 'idempotency-key': 'k-1' },
    );
    expect(replay.status).toBe(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.id).toBe(part.body.id);
    const otherReward = await client.post(
      '/rewards/d-2/redeem',
      { amount: '10.009' },
      { 'idempotency-key': 'k-1' },
    );
    expect(otherReward.status).toBe(409);
    expect(otherReward.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const rest = await client.post('/rewards/d-1/redeem');
    expect(rest.body.amount).toBe('15.00');
    expect((await client.get('/rewards/d-1')).body).toMatchObject({
      status: 'REDEEMED',
      availableAmount: '0.00',
    });
    const again = await client.post('/rewards/d-1/redeem', {});
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('REWARD_NOT_REDEEMABLE');
    const tooMuch = await client.post('/rewards/d-2/redeem', { amount: '30.00' });
    expect(tooMuch.body.error).toMatchObject({ code: 'INSUFFICIENT_BALANCE' });
    expect(await ledgerViolations(db, tenant.id)).toEqual([]);
  });
});
