import { expect, it } from 'vitest';
import { describeEachDb } from '../../../test/helpers/databases.js';
import { giveRewards, ledgerCounts, ledgerViolations, useServer } from '../testing.js';

const redeem = (amount: string, overrides: Record<string, unknown> = {}) => ({
  accountId: 'acct-1',
  userId: 'user-1',
  unit: 'CASH/USD',
  amount,
  ...overrides,
});

describeEachDb('HTTP redemptions', (get) => {
  const { setUp } = useServer(get);

  it('redeems from a balance, soonest expiry first, truncating extra digits', async () => {
    const { db, tenant, client } = await setUp();
    const [later, sooner] = await giveRewards(db, tenant.id, [
      { amount: '10.00', dateExpires: '2099-06-01' },
      { amount: '10.00', dateExpires: '2099-01-01' },
    ]);
    const reply = await client.post('/redemptions', redeem('12.559'));
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      kind: 'REDEEM',
      amount: '12.55',
      source: 'API',
      lines: [
        { rewardId: sooner, amount: '10.00' },
        { rewardId: later, amount: '2.55' },
      ],
    });
    const balance = await client.get('/balances?accountId=acct-1&userId=user-1');
    expect(balance.body.items[0]).toMatchObject({ available: '7.45', redeemed: '12.55' });
  });

  it('refuses more than the balance with 409, saying what is available, and redeems nothing', async () => {
    const { db, tenant, client } = await setUp();
    await giveRewards(db, tenant.id, [{ amount: '10.00' }]);
    const before = await ledgerCounts(db, tenant.id);
    const reply = await client.post('/redemptions', redeem('10.01'));
    expect(reply.status).toBe(409);
    expect(reply.body.error.code).toBe('INSUFFICIENT_BALANCE');
    expect(reply.body.error.message).toContain('only 10.00 is available');
    expect(await ledgerCounts(db, tenant.id)).toEqual(before);
  });

  it('refuses malformed amounts with 422 naming the problem, and redeems nothing', async () => {
    const { db, tenant, client } = await setUp();
    await giveRewards(db, tenant.id, [{ amount: '5000.00' }]);
    const before = await ledgerCounts(db, tenant.id);
    const cases: [string, string][] = [
      ['1,000.00', 'thousands separator'],
      ['-5', 'negative'],
      ['1e3', 'scientific notation'],
      ['$10', 'currency sign'],
      ['ten', 'not a number'],
      ['0.001', 'smallest amount'],
      ['0.00', 'zero'],
    ];
    for (const [amount, problem] of cases) {
      const reply = await client.post('/redemptions', redeem(amount));
      expect(reply.status, amount).toBe(422);
      expect(reply.body.error.code).toBe('INVALID_AMOUNT');
      expect(reply.body.error.message).toContain(problem);
    }
    expect(await ledgerCounts(db, tenant.id)).toEqual(before);
  });

  it('refuses an unknown unit, program or participant with 404, and redeems nothing', async () => {
    const { db, tenant, client } = await setUp();
    await giveRewards(db, tenant.id, [{ amount: '10.00' }, { amount: '3', unit: 'POINT' }]);
    const before = await ledgerCounts(db, tenant.id);
    const unit = await client.post('/redemptions', redeem('1', { unit: 'CASH/EUR' }));
    expect(unit.status).toBe(404);
    expect(unit.body.error).toMatchObject({
      code: 'UNKNOWN_UNIT',
      details: { known: ['CASH/USD', 'POINT'] },
    });
    expect(unit.body.error.message).toContain('CASH/USD, POINT');
    const program = await client.post('/redemptions', redeem('1', { programId: 'nope' }));
    expect(program.body.error.code).toBe('UNKNOWN_PROGRAM');
    const participant = await client.post('/redemptions', redeem('1', { userId: 'user-9' }));
    expect(participant.status).toBe(404);
    expect(participant.body.error.code).toBe('UNKNOWN_PARTICIPANT');
    expect(await ledgerCounts(db, tenant.id)).toEqual(before);
  });

  it('gets, lists (filtered, newest first, paged with before) and reverses redemptions', async () => {
    const { db, tenant, client } = await setUp();
    await giveRewards(db, tenant.id, [
      { amount: '50.00' },
      { amount: '9', unit: 'POINT' },
      { amount: '50.00', userId: 'user-2' },
    ]);
    const a = await client.post('/redemptions', redeem('1.00'));
    const b = await client.post('/redemptions', redeem('2', { unit: 'POINT' }));
    const c = await client.post('/redemptions', redeem('3.00', { userId: 'user-2' }));
    expect((await client.get(`/redemptions/${a.body.id}`)).body).toEqual(a.body);
    const ids = (reply: { body: { items: { id: number }[] } }) => reply.body.items.map((r) => r.id);
    expect(ids(await client.get('/redemptions'))).toEqual([c.body.id, b.body.id, a.body.id]);
    expect(ids(await client.get('/redemptions?unit=POINT'))).toEqual([b.body.id]);
    expect(ids(await client.get('/redemptions?userId=user-2'))).toEqual([c.body.id]);
    const page = await client.get('/redemptions?limit=2');
    expect(ids(page)).toEqual([c.body.id, b.body.id]);
    const next = await client.get(`/redemptions?limit=2&before=${page.body.nextBefore}`);
    expect(ids(next)).toEqual([a.body.id]);
    expect(next.body.nextBefore).toBeNull();

    const reversal = await client.post(`/redemptions/${a.body.id}/reverse`);
    expect(reversal.status).toBe(201);
    expect(reversal.body).toMatchObject({
      kind: 'REVERSAL',
      reversesId: a.body.id,
      amount: '1.00',
    });
    expect((await client.get(`/redemptions/${a.body.id}`)).body.reversedById).toBe(
      reversal.body.id,
    );
    const twice = await client.post(`/redemptions/${a.body.id}/reverse`);
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('ALREADY_REVERSED');
    const balance = await client.get('/balances?accountId=acct-1&userId=user-1&unit=CASH%2FUSD');
    expect(balance.body.items[0].available).toBe('50.00');
    expect((await client.get('/redemptions/999999')).status).toBe(404);
    expect((await client.get('/redemptions/abc')).status).toBe(422);
    expect((await client.get('/redemptions/99999999999999999999')).status).toBe(422);
    expect(await ledgerViolations(db, tenant.id)).toEqual([]);
  });

  it('replays the same Idempotency-Key and body, and refuses the key with another body', async () => {
    const { db, tenant, client } = await setUp();
    await giveRewards(db, tenant.id, [{ amount: '10.00' }]);
    const headers = { 'idempotency-key': 'pay-7' };
    const first = await client.post('/redemptions', redeem('4.00'), headers);
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    // Key order does not matter: the body is hashed canonically.
    const { amount, ...rest } = redeem('4.00');
    const replay = await client.post('/redemptions', { amount, ...rest }, headers);
    expect(replay.status).toBe(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(first.body);
    const other = await client.post('/redemptions', redeem('5.00'), headers);
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const balance = await client.get('/balances?accountId=acct-1&userId=user-1');
    expect(balance.body.items[0].available).toBe('6.00');
    expect((await ledgerCounts(db, tenant.id)).redemptions).toBe(1);
  });

  it('makes one redemption of concurrent requests with one Idempotency-Key', async () => {
    const { db, tenant, client } = await setUp();
    await giveRewards(db, tenant.id, [{ amount: '100.00' }]);
    const replies = await Promise.all(
      Array.from({ length: 10 }, () =>
        client.post('/redemptions', redeem('3.00'), { 'idempotency-key': 'same' }),
      ),
    );
    expect(replies.map((r) => r.status).sort()).toEqual([
      200, 200, 200, 200, 200, 200, 200, 200, 200, 201,
    ]);
    expect(new Set(replies.map((r) => r.body.id)).size).toBe(1);
    const counts = await ledgerCounts(db, tenant.id);
    expect(counts.redemptions).toBe(1);
    expect(counts.redeemed).toBe(300);
  });

  it('never overdraws a balance under concurrent redemptions', async () => {
    const { db, tenant, client } = await setUp();
    await giveRewards(db, tenant.id, [
      { amount: '40.00', dateExpires: '2099-01-01' },
      { amount: '35.00' },
      { amount: '25.00', dateExpires: '2098-01-01' },
    ]);
    const replies = await Promise.all(
      Array.from({ length: 20 }, () => client.post('/redemptions', redeem('7.00'))),
    );
    // 100.00 holds fourteen redemptions of 7.00; the other six find 2.00 left.
    expect(replies.filter((r) => r.status === 201)).toHaveLength(14);
    const refused = replies.filter((r) => r.status !== 201);
    expect(refused.map((r) => r.body.error.code)).toEqual(Array(6).fill('INSUFFICIENT_BALANCE'));
    const balance = await client.get('/balances?accountId=acct-1&userId=user-1');
    expect(balance.body.items[0]).toMatchObject({ available: '2.00', redeemed: '98.00' });
    expect(await ledgerViolations(db, tenant.id)).toEqual([]);
  });
});
