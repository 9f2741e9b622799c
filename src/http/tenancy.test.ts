import { expect, it } from 'vitest';
import { describeEachDb } from '../../test/helpers/databases.js';
import { giveRewards, ledgerCounts, ledgerViolations, useServer } from './testing.js';

/** Another tenant's ids answer exactly like ids that do not exist: 404, never 403. */
describeEachDb('HTTP tenant isolation', (get) => {
  const { setUp } = useServer(get);

  async function twoTenants() {
    const a = await setUp();
    const b = await setUp();
    const [rewardId, spare] = await giveRewards(a.db, a.tenant.id, [
      { amount: '20.00', programId: 'spring', accountId: 'acct-a', userId: 'user-a' },
      { amount: '5.00', accountId: 'acct-a', userId: 'user-a' },
    ]);
    const redemption = await a.client.post(
      '/redemptions',
      { accountId: 'acct-a', userId: 'user-a', unit: 'CASH/USD', amount: '1.00' },
      { 'idempotency-key': 'shared-key' },
    );
    expect(redemption.status).toBe(201);
    return {
      a,
      b,
      rewardId: rewardId as string,
      spare: spare as string,
      redemptionId: redemption.body.id as number,
    };
  }

  it("answers 404 NOT_FOUND for another tenant's reward and redemption ids, changing nothing", async () => {
    const { a, b, rewardId, spare, redemptionId } = await twoTenants();
    const before = await ledgerCounts(a.db, a.tenant.id);
    const attempts = [
      await b.client.get(`/rewards/${rewardId}`),
      await b.client.post(`/rewards/${spare}/cancel`),
      await b.client.post(`/rewards/${rewardId}/redeem`, { amount: '1.00' }),
      await b.client.get(`/redemptions/${redemptionId}`),
      await b.client.post(`/redemptions/${redemptionId}/reverse`),
    ];
    for (const reply of attempts) {
      expect(reply.status).toBe(404);
      expect(reply.body.error.code).toBe('NOT_FOUND');
    }
    expect(await ledgerCounts(a.db, a.tenant.id)).toEqual(before);
    expect((await a.client.get(`/rewards/${spare}`)).body.status).toBe('AVAILABLE');
    expect((await a.client.get(`/redemptions/${redemptionId}`)).body.reversedById).toBeNull();
  });

  it("answers 404 for another tenant's participant, balance, unit and program", async () => {
    const { a, b } = await twoTenants();
    const before = await ledgerCounts(a.db, a.tenant.id);
    const participant = await b.client.get('/participants/acct-a/user-a');
    expect([participant.status, participant.body.error.code]).toEqual([404, 'UNKNOWN_PARTICIPANT']);
    const balance = await b.client.get('/balances?accountId=acct-a&userId=user-a');
    expect([balance.status, balance.body.error.code]).toEqual([404, 'UNKNOWN_PARTICIPANT']);
    const unit = await b.client.post('/redemptions', {
      accountId: 'acct-a',
      userId: 'user-a',
      unit: 'CASH/USD',
      amount: '1.00',
    });
    expect([unit.status, unit.body.error.code]).toEqual([404, 'UNKNOWN_UNIT']);
    expect(unit.body.error.details.known).toEqual([]);
    await b.client.put('/units/CASH%2FUSD');
    const who = await b.client.post('/redemptions', {
      accountId: 'acct-a',
      userId: 'user-a',
      unit: 'CASH/USD',
      amount: '1.00',
    });
    expect([who.status, who.body.error.code]).toEqual([404, 'UNKNOWN_PARTICIPANT']);
    const program = await b.client.post('/rewards', {
      rewardId: 'r',
      accountId: 'x',
      userId: 'y',
      unit: 'CASH/USD',
      amount: '1.00',
      programId: 'spring',
    });
    expect([program.status, program.body.error.code]).toEqual([404, 'UNKNOWN_PROGRAM']);
    expect(await ledgerCounts(a.db, a.tenant.id)).toEqual(before);
  });

  it('lists nothing of another tenant', async () => {
    const { b } = await twoTenants();
    for (const path of ['/rewards', '/participants', '/redemptions', '/units', '/programs']) {
      const reply = await b.client.get(path);
      expect(reply.status, path).toBe(200);
      expect(reply.body.items, path).toEqual([]);
    }
  });

  it('keeps reward ids, participants and idempotency keys apart per tenant', async () => {
    const { a, b, rewardId } = await twoTenants();
    await b.client.put('/units/CASH%2FUSD');
    const own = await b.client.post('/rewards', {
      rewardId,
      accountId: 'acct-a',
      userId: 'user-a',
      unit: 'CASH/USD',
      amount: '3.00',
    });
    expect(own.status).toBe(201);
    const sameKey = await b.client.post(
      '/redemptions',
      { accountId: 'acct-a', userId: 'user-a', unit: 'CASH/USD', amount: '1.00' },
      { 'idempotency-key': 'shared-key' },
    );
    expect(sameKey.status).toBe(201);
    await b.client.put('/participants/acct-a/user-a', { firstName: 'Bee' });
    expect((await a.client.get(`/rewards/${rewardId}`)).body.amount).toBe('20.00');
    expect((await a.client.get('/participants/acct-a/user-a')).body.firstName).toBeNull();
    const balanceA = await a.client.get('/balances?accountId=acct-a&userId=user-a');
    expect(balanceA.body.items[0].available).toBe('24.00');
    const balanceB = await b.client.get('/balances?accountId=acct-a&userId=user-a');
    expect(balanceB.body.items[0].available).toBe('2.00');
    expect(await ledgerViolations(a.db, a.tenant.id)).toEqual([]);
    expect(await ledgerViolations(b.db, b.tenant.id)).toEqual([]);
  });
});
