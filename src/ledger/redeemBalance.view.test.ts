/** redeemBalance presents a new redemption from what it wrote: it must read back the same. */
import { expect, it } from 'vitest';
import { describeEachDb } from '../../test/helpers/databases.js';
import { buildTenant, giveRewards, ledgerViolations } from '../../test/helpers/ledger.js';
import { listRewards } from './listRewards.js';
import { redeemBalance, type RedeemBalanceInput } from './redeemBalance.js';
import { getRedemptionView } from './redemptionViews.js';

describeEachDb('redeemBalance answer', (get) => {
  const redeem = (tenantId: number, o: Partial<RedeemBalanceInput> & { amount: string }) =>
    redeemBalance(get().handle.db, tenantId, {
      accountId: 'acc-1',
      userId: 'user-1',
      unit: 'CASH/USD',
      source: 'API',
      actor: 'api-key:view-test',
      ...o,
    });

  /** The answer is byte for byte what reading the redemption back gives. */
  const expectAsStored = async (tenantId: number, answer: Awaited<ReturnType<typeof redeem>>) => {
    const stored = await getRedemptionView(get().handle.db, tenantId, answer.id);
    expect(answer).toStrictEqual(stored);
    expect(JSON.stringify(answer)).toBe(JSON.stringify(stored));
  };

  it('equals the stored view for one line, several lines, a program and three decimals', async () => {
    const { db } = get().handle;
    const t = await buildTenant(db);
    await giveRewards(db, t.id, [
      { amount: '1.00', dateExpires: '2099-01-01' },
      { amount: '2.00', dateExpires: '2099-02-01' },
      { amount: '5.00', programId: 'spring' },
      { amount: '4.000', unit: 'CASH/KWD', accountId: 'acc-2', userId: 'user-2' },
    ]);
    await expectAsStored(t.id, await redeem(t.id, { amount: '0.5' }));
    const several = await redeem(t.id, { amount: '4.509' });
    expect(several.lines).toHaveLength(3);
    await expectAsStored(t.id, several);
    await expectAsStored(t.id, await redeem(t.id, { amount: '1', programId: 'spring' }));
    const kwd = { unit: 'CASH/KWD', accountId: 'acc-2', userId: 'user-2' };
    await expectAsStored(t.id, await redeem(t.id, { ...kwd, amount: '1.2345' }));
    expect(await ledgerViolations(db)).toEqual([]);
  });

  it('equals the stored view for a new idempotency key and for its replay', async () => {
    const { db } = get().handle;
    const t = await buildTenant(db);
    await giveRewards(db, t.id, [{ amount: '5.00' }]);
    const key = { idempotencyKey: 'view-k1', requestHash: 'h1' };
    const first = await redeem(t.id, { amount: '1.25', ...key });
    await expectAsStored(t.id, first);
    const replay = await redeem(t.id, { amount: '1.25', ...key });
    expect(replay).toStrictEqual(first);
  });

  it('takes from several rewards at once beyond 32-bit amounts, exhausting the first ones', async () => {
    const { db } = get().handle;
    const t = await buildTenant(db);
    const [first, second, third] = await giveRewards(db, t.id, [
      { amount: '30000000.00', dateExpires: '2099-01-01' },
      { amount: '30000000.00', dateExpires: '2099-02-01' },
      { amount: '30000000.00' },
    ]);
    const answer = await redeem(t.id, { amount: '60000000.01' });
    await expectAsStored(t.id, answer);
    const rewards = new Map((await listRewards(db, t.id, {})).items.map((r) => [r.rewardId, r]));
    expect(rewards.get(first!)).toMatchObject({ status: 'REDEEMED', availableAmount: '0.00' });
    expect(rewards.get(first!)?.dateRedeemed).toBe(answer.createdAt);
    expect(rewards.get(second!)).toMatchObject({ status: 'REDEEMED', availableAmount: '0.00' });
    expect(rewards.get(third!)).toMatchObject({
      status: 'AVAILABLE',
      redeemedAmount: '0.01',
      availableAmount: '29999999.99',
      dateRedeemed: null,
    });
    expect(await ledgerViolations(db)).toEqual([]);
  });
});
