import { expect, it } from 'vitest';
import { describeEachDb } from '../../test/helpers/databases.js';
import { buildTenant, giveRewards, ledgerViolations } from '../../test/helpers/ledger.js';
import { cancelReward } from './cancelReward.js';
import { expireRewards } from './expireRewards.js';
import { getBalances } from './getBalances.js';
import { listRewards } from './listRewards.js';
import { listRedemptionViews } from './redemptionViews.js';
import { redeemBalance } from './redeemBalance.js';
import { redeemReward } from './redeemReward.js';
import { reverseRedemption } from './reverseRedemption.js';

const DAY = 86_400_000;
const who = { source: 'API' as const, actor: 'test' };
const balanceOf = { accountId: 'acc-1', userId: 'user-1', unit: 'CASH/USD' };

describeEachDb('reversal, cancel, single-reward redemption, expiry', (get) => {
  const rewardsOf = async (tenantId: number) =>
    new Map((await listRewards(get().handle.db, tenantId, {})).items.map((r) => [r.rewardId, r]));

  it('reverses exactly what a redemption took, as a new record, once', async () => {
    const { db } = get().handle;
    const t = await buildTenant(db);
    const [a, b] = await giveRewards(db, t.id, [{ amount: '3.00' }, { amount: '5.00' }]);
    const redemption = await redeemBalance(db, t.id, { ...balanceOf, ...who, amount: '4.00' });
    const reversal = await reverseRedemption(db, t.id, redemption.id, who);
    expect(reversal).toMatchObject({
      kind: 'REVERSAL',
      reversesId: redemption.id,
      amount: '4.00',
      lines: [
        { rewardId: a, amount: '-3.00' },
        { rewardId: b, amount: '-1.00' },
      ],
    });
    const rewards = await rewardsOf(t.id);
    expect(rewards.get(a!)).toMatchObject({
      status: 'AVAILABLE',
      redeemedAmount: '0.00',
      dateRedeemed: null,
    });
    expect(rewards.get(b!)).toMatchObject({ status: 'AVAILABLE', redeemedAmount: '0.00' });
    const [original] = await listRedemptionViews(db, t.id, { ids: [redemption.id] });
    expect(original).toMatchObject({ kind: 'REDEEM', amount: '4.00', reversedById: reversal.id });
    await expect(reverseRedemption(db, t.id, redemption.id, who)).rejects.toMatchObject({
      code: 'ALREADY_REVERSED',
    });
    await expect(reverseRedemption(db, t.id, reversal.id, who)).rejects.toMatchObject({
      code: 'REVERSAL_REFUSED',
    });
    expect(await ledgerViolations(db)).toEqual([]);
  });

  it('restores a reward past its expiry as EXPIRED', async () => {
    const { db } = get().handle;
    const t = await buildTenant(db);
    const [r] = await giveRewards(db, t.id, [
      { amount: '3.00', dateExpires: new Date(Date.now() + 1500).toISOString() },
    ]);
    const redemption = await redeemBalance(db, t.id, { ...balanceOf, ...who, amount: '3.00' });
    await new Promise((resolve) => setTimeout(resolve, 1600));
    await reverseRedemption(db, t.id, redemption.id, who);
    expect((await rewardsOf(t.id)).get(r!)).toMatchObject({
      status: 'EXPIRED',
      redeemedAmount: '0.00',
    });
  });

  it("hides other tenants' redemptions: reversing one is NOT_FOUND", async () => {
    const { db } = get().handle;
    const t = await buildTenant(db);
    await giveRewards(db, t.id, [{ amount: '3.00' }]);
    const redemption = await redeemBalance(db, t.id, { ...balanceOf, ...who, amount: '1.00' });
    const other = await buildTenant(db);
    await expect(reverseRedemption(db, other.id, redemption.id, who)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('cancels a reward only while nothing of it is redeemed', async () => {
    const { db } = get().handle;
    const t = await buildTenant(db);
    const [fresh, used] = await giveRewards(db, t.id, [
      { amount: '2.00' },
      { amount: '2.00', dateExpires: new Date(Date.now() + DAY).toISOString() },
    ]);
    await redeemReward(db, t.id, { rewardId: used!, amount: '0.01', ...who });
    await expect(cancelReward(db, t.id, used!)).rejects.toMatchObject({
      code: 'REWARD_NOT_CANCELLABLE',
    });
    const cancelled = await cancelReward(db, t.id, fresh!);
    expect(cancelled).toMatchObject({ status: 'CANCELLED', availableAmount: '0.00' });
    expect(cancelled.dateCancelled).not.toBeNull();
    expect((await cancelReward(db, t.id, fresh!)).status).toBe('CANCELLED');
    await expect(cancelReward(db, t.id, 'missing')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const [balance] = await getBalances(db, t.id, balanceOf);
    expect(balance).toMatchObject({ available: '1.99', cancelled: '2.00', redeemed: '0.01' });
  });

  it('refuses reversing when a reward changed since in a way that makes restoring wrong', async () => {
    const { db } = get().handle;
    const t = await buildTenant(db);
    const [r] = await giveRewards(db, t.id, [{ amount: '2.00' }]);
    const redemption = await redeemReward(db, t.id, { rewardId: r!, amount: '2.00', ...who });
    // The app never cancels a redeemed reward; an operator fixing data by hand might.
    await db
      .updateTable('rewards')
      .set({ status: 'CANCELLED' })
      .where('reward_key', '=', r!)
      .execute();
    await expect(reverseRedemption(db, t.id, redemption.id, who)).rejects.toMatchObject({
      code: 'REVERSAL_REFUSED',
      message: expect.stringContaining('nothing was reversed'),
    });
    expect((await rewardsOf(t.id)).get(r!)).toMatchObject({ redeemedAmount: '2.00' });
  });

  it('redeems from one reward: whole by default, partly on request, refusing more than is left', async () => {
    const { db } = get().handle;
    const t = await buildTenant(db);
    const [r, pending] = await giveRewards(db, t.id, [
      { amount: '5.00' },
      { amount: '1.00', status: 'PENDING' },
    ]);
    expect((await redeemReward(db, t.id, { rewardId: r!, amount: '1.239', ...who })).amount).toBe(
      '1.23',
    );
    await expect(
      redeemReward(db, t.id, { rewardId: r!, amount: '3.78', ...who }),
    ).rejects.toMatchObject({
      code: 'INSUFFICIENT_BALANCE',
      message: expect.stringContaining('only 3.77 is left'),
    });
    expect((await redeemReward(db, t.id, { rewardId: r!, ...who })).amount).toBe('3.77');
    expect((await rewardsOf(t.id)).get(r!)).toMatchObject({ status: 'REDEEMED' });
    await expect(redeemReward(db, t.id, { rewardId: r!, ...who })).rejects.toMatchObject({
      code: 'REWARD_NOT_REDEEMABLE',
    });
    await expect(redeemReward(db, t.id, { rewardId: pending!, ...who })).rejects.toMatchObject({
      code: 'REWARD_NOT_REDEEMABLE',
      message: expect.stringContaining('PENDING'),
    });
    expect(await ledgerViolations(db)).toEqual([]);
  });

  it('marks rewards past their expiry EXPIRED without changing any balance', async () => {
    const { db } = get().handle;
    const t = await buildTenant(db);
    const now = Date.now();
    const [old, current] = await giveRewards(db, t.id, [
      { amount: '1.00', dateExpires: new Date(now - DAY).toISOString() },
      { amount: '2.00', dateExpires: new Date(now + DAY).toISOString() },
    ]);
    const before = await getBalances(db, t.id, balanceOf);
    expect(await expireRewards(db, now, t.id)).toBe(1);
    expect(await expireRewards(db, now, t.id)).toBe(0);
    const rewards = await rewardsOf(t.id);
    expect(rewards.get(old!)?.status).toBe('EXPIRED');
    expect(rewards.get(current!)?.status).toBe('AVAILABLE');
    expect(await getBalances(db, t.id, balanceOf)).toEqual(before);
  });
});
