import { expect, it } from 'vitest';
import { describeEachDb } from '../../../test/helpers/databases.js';
import { giveRewards, ledgerCounts, useServer } from '../testing.js';

describeEachDb('HTTP participants and balances', (get) => {
  const { setUp } = useServer(get);

  it('creates a participant (201), updates the fields given (200) and keeps the others', async () => {
    const { client } = await setUp();
    const created = await client.put('/participants/acct-1/user-1', {
      email: 'ada@example.com',
      firstName: 'Ada',
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      accountId: 'acct-1',
      userId: 'user-1',
      email: 'ada@example.com',
      firstName: 'Ada',
      lastName: null,
      balances: [],
    });
    const updated = await client.put('/participants/acct-1/user-1', {
      lastName: 'Lovelace',
      email: '',
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      email: 'ada@example.com',
      firstName: 'Ada',
      lastName: 'Lovelace',
    });
  });

  it('gets a participant with a balance per unit, and 404s an unknown one', async () => {
    const { db, tenant, client } = await setUp();
    await giveRewards(db, tenant.id, [
      { amount: '10.00', accountId: 'org/7', userId: 'u 1' },
      { amount: '30', unit: 'POINT', accountId: 'org/7', userId: 'u 1' },
    ]);
    const reply = await client.get('/participants/org%2F7/u%201');
    expect(reply.status).toBe(200);
    expect(
      reply.body.balances.map((b: { unit: string; available: string }) => [b.unit, b.available]),
    ).toEqual([
      ['CASH/USD', '10.00'],
      ['POINT', '30'],
    ]);
    const missing = await client.get('/participants/org%2F7/u%202');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('UNKNOWN_PARTICIPANT');
  });

  it('lists participants, searching with q, a page at a time', async () => {
    const { client } = await setUp();
    await client.put('/participants/a/1', { firstName: 'Ada', lastName: 'Lovelace' });
    await client.put('/participants/a/2', { firstName: 'Grace', lastName: 'Hopper' });
    await client.put('/participants/b/3', { email: 'ada.b@example.com' });
    const names = (reply: { body: { items: { userId: string }[] } }) =>
      reply.body.items.map((p) => p.userId);
    expect(names(await client.get('/participants?q=ADA'))).toEqual(['1', '3']);
    const first = await client.get('/participants?limit=2');
    expect(names(first)).toEqual(['1', '2']);
    const rest = await client.get(`/participants?limit=2&cursor=${first.body.nextCursor}`);
    expect(names(rest)).toEqual(['3']);
    expect(rest.body.nextCursor).toBeNull();
  });

  it('shows every total of a balance', async () => {
    const { db, tenant, client } = await setUp();
    const [available] = await giveRewards(db, tenant.id, [
      { amount: '10.00', dateExpires: '2099-12-31' },
      { amount: '5.00', status: 'PENDING' },
      { amount: '3.00', status: 'CANCELLED' },
      { amount: '2.00', dateExpires: '2020-01-01' },
      { amount: '8.00', unit: 'CASH/EUR' },
    ]);
    await client.post('/redemptions', {
      accountId: 'acct-1',
      userId: 'user-1',
      unit: 'CASH/USD',
      amount: '4.00',
    });
    const reply = await client.get('/balances?accountId=acct-1&userId=user-1&unit=CASH%2FUSD');
    expect(reply.status).toBe(200);
    expect(reply.body.items).toEqual([
      {
        accountId: 'acct-1',
        userId: 'user-1',
        unit: 'CASH/USD',
        unitName: 'USD',
        decimals: 2,
        programId: null,
        available: '6.00',
        assigned: '17.00',
        redeemed: '4.00',
        pending: '5.00',
        expired: '2.00',
        cancelled: '3.00',
        rewardCount: 4,
        nextExpiry: '2099-12-31T00:00:00.000Z',
      },
    ]);
    expect((await client.get(`/rewards/${available}`)).body.redeemedAmount).toBe('4.00');
    const all = await client.get('/balances?accountId=acct-1&userId=user-1');
    expect(all.body.items.map((b: { unit: string }) => b.unit)).toEqual(['CASH/EUR', 'CASH/USD']);
  });

  it('narrows a balance to one program', async () => {
    const { db, tenant, client } = await setUp();
    await giveRewards(db, tenant.id, [
      { amount: '10.00', programId: 'spring' },
      { amount: '1.00' },
    ]);
    const reply = await client.get('/balances?accountId=acct-1&userId=user-1&programId=spring');
    expect(reply.body.items[0]).toMatchObject({ programId: 'spring', available: '10.00' });
  });

  it('gives an empty balance in a known unit, and none in a known program, without rewards there', async () => {
    const { db, tenant, client } = await setUp();
    await giveRewards(db, tenant.id, [
      { amount: '1.00' },
      { amount: '2', unit: 'POINT', userId: 'user-2' },
      { amount: '3.00', programId: 'spring', userId: 'user-2' },
    ]);
    const points = await client.get('/balances?accountId=acct-1&userId=user-1&unit=POINT');
    expect(points.body.items).toEqual([
      expect.objectContaining({ unit: 'POINT', available: '0', rewardCount: 0, programId: null }),
    ]);
    const spring = await client.get('/balances?accountId=acct-1&userId=user-1&programId=spring');
    expect([spring.status, spring.body.items]).toEqual([200, []]);
    const both = await client.get(
      '/balances?accountId=acct-1&userId=user-2&unit=CASH%2FUSD&programId=spring',
    );
    expect(both.body.items).toEqual([
      expect.objectContaining({ unit: 'CASH/USD', programId: 'spring', available: '3.00' }),
    ]);
  });

  it('refuses an unknown participant, unit or program, and a missing accountId', async () => {
    const { db, tenant, client } = await setUp();
    await giveRewards(db, tenant.id, [{ amount: '1.00' }]);
    const before = await ledgerCounts(db, tenant.id);
    const who = await client.get('/balances?accountId=acct-1&userId=nobody');
    expect([who.status, who.body.error.code]).toEqual([404, 'UNKNOWN_PARTICIPANT']);
    const unit = await client.get('/balances?accountId=acct-1&userId=user-1&unit=GEMS');
    expect([unit.status, unit.body.error.code]).toEqual([404, 'UNKNOWN_UNIT']);
    const program = await client.get('/balances?accountId=acct-1&userId=user-1&programId=x');
    expect([program.status, program.body.error.code]).toEqual([404, 'UNKNOWN_PROGRAM']);
    const missing = await client.get('/balances?userId=user-1');
    expect(missing.status).toBe(422);
    expect(missing.body.error.message).toBe('query.accountId is required');
    expect(await ledgerCounts(db, tenant.id)).toEqual(before);
  });
});
