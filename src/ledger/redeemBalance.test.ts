import { expect, it } from 'vitest';
import { describeEachDb } from '../../test/helpers/databases.js';
import { buildTenant, giveRewards, ledgerViolations } from '../../test/helpers/ledger.js';
import { runTs } from '../../test/helpers/processes.js';
import { getBalances } from './getBalances.js';
import { listRewards } from './listRewards.js';
import { redeemBalance, type RedeemBalanceInput } from './redeemBalance.js';

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

describeEachDb('redeemBalance', (get) => {
  const redeem = (tenantId: number, o: Partial<RedeemBalanceInput> & { amount: string }) =>
    redeemBalance(get().handle.db, tenantId, {
      accountId: 'acc-1',
      userId: 'user-1',
      unit: 'CASH/USD',
      source: 'API',
      actor: 'test',
      ...o,
    });

  const available = async (tenantId: number, unit = 'CASH/USD', programId?: string) => {
    const [balance] = await getBalances(get().handle.db, tenantId, {
      accountId: 'acc-1',
      userId: 'user-1',
      unit,
      ...(programId ? { programId } : {}),
    });
    return balance?.available;
  };

  it('truncates the amount to the unit decimals and consumes by expiry, dateGiven, creation', async () => {
    const { db } = get().handle;
    const t = await buildTenant(db);
    const now = Date.now();
    const [never, later, soon, oldest] = await giveRewards(db, t.id, [
      { amount: '5.00' },
      { amount: '5.00', dateExpires: iso(now + 9 * DAY) },
      { amount: '5.00', dateExpires: iso(now + 2 * DAY), dateGiven: iso(now - DAY) },
      { amount: '5.00', dateExpires: iso(now + 2 * DAY), dateGiven: iso(now - 5 * DAY) },
    ]);
    const result = await redeem(t.id, { amount: '10.556' });
    expect(result.amount).toBe('10.55');
    expect(result.lines).toEqual([
      { rewardId: oldest, amount: '5.00' },
      { rewardId: soon, amount: '5.00' },
      { rewardId: later, amount: '0.55' },
    ]);
    const rewards = (await listRewards(db, t.id, {})).items;
    const byId = new Map(rewards.map((r) => [r.rewardId, r]));
    expect(byId.get(oldest!)).toMatchObject({ status: 'REDEEMED', redeemedAmount: '5.00' });
    expect(byId.get(oldest!)?.dateRedeemed).not.toBeNull();
    expect(byId.get(later!)).toMatchObject({ status: 'AVAILABLE', availableAmount: '4.45' });
    expect(byId.get(never!)).toMatchObject({ redeemedAmount: '0.00' });
    expect(await available(t.id)).toBe('9.45');
  });

  it("uses each unit's decimals: POINT truncates to whole, KWD keeps three", async () => {
    const { db } = get().handle;
    const t = await buildTenant(db);
    await giveRewards(db, t.id, [
      { unit: 'POINT', amount: '100' },
      { unit: 'CASH/KWD', amount: '2.000' },
    ]);
    expect((await redeem(t.id, { unit: 'POINT', amount: '7.9' })).amount).toBe('7');
    expect((await redeem(t.id, { unit: 'CASH/KWD', amount: '0.5' })).amount).toBe('0.500');
    expect(await available(t.id, 'POINT')).toBe('93');
    expect(await available(t.id, 'CASH/KWD')).toBe('1.500');
  });

  it('never touches PENDING, REDEEMED, EXPIRED, CANCELLED or expired-but-AVAILABLE rewards', async () => {
    const { db } = get().handle;
    const t = await buildTenant(db);
    const now = Date.now();
    await giveRewards(db, t.id, [
      { amount: '1.00', status: 'PENDING' },
      { amount: '1.00', status: 'EXPIRED' },
      { amount: '1.00', status: 'CANCELLED' },
      { amount: '1.00', status: 'REDEEMED' },
      { amount: '1.00', dateExpires: iso(now - DAY) },
      { amount: '1.00' },
    ]);
    await expect(redeem(t.id, { amount: '1.01' })).rejects.toMatchObject({
      code: 'INSUFFICIENT_BALANCE',
      message: expect.stringContaining('only 1.00 is available'),
    });
    await redeem(t.id, { amount: '1' });
    expect(await available(t.id)).toBe('0.00');
  });

  it('redeems all or nothing: a refusal changes nothing', async () => {
    const { db } = get().handle;
    const t = await buildTenant(db);
    await giveRewards(db, t.id, [{ amount: '3.00' }, { amount: '4.00' }]);
    await expect(redeem(t.id, { amount: '7.01' })).rejects.toMatchObject({
      code: 'INSUFFICIENT_BALANCE',
      details: { available: '7.00', requested: '7.01' },
    });
    expect(await available(t.id)).toBe('7.00');
    const redemptions = await db
      .selectFrom('redemptions')
      .selectAll()
      .where('tenant_id', '=', t.id)
      .execute();
    expect(redemptions.filter((r) => r.source === 'API')).toEqual([]);
  });

  it('narrows to one program when asked, and spans all programs otherwise', async () => {
    const { db } = get().handle;
    const t = await buildTenant(db);
    await giveRewards(db, t.id, [
      { amount: '2.00', programId: 'spring' },
      { amount: '3.00', programId: 'loyalty' },
      { amount: '4.00' },
    ]);
    expect(await available(t.id, 'CASH/USD', 'spring')).toBe('2.00');
    await expect(redeem(t.id, { amount: '2.50', programId: 'spring' })).rejects.toMatchObject({
      code: 'INSUFFICIENT_BALANCE',
      message: expect.stringContaining('in program spring'),
    });
    await redeem(t.id, { amount: '2.00', programId: 'spring' });
    expect(await available(t.id, 'CASH/USD', 'spring')).toBe('0.00');
    await redeem(t.id, { amount: '7.00' });
    expect(await available(t.id)).toBe('0.00');
  });

  it('refuses bad input with clear errors and changes nothing', async () => {
    const { db } = get().handle;
    const t = await buildTenant(db);
    await giveRewards(db, t.id, [{ amount: '5.00' }]);
    await expect(redeem(t.id, { unit: 'CASH/EUR', amount: '1' })).rejects.toMatchObject({
      code: 'UNKNOWN_UNIT',
      message: expect.stringContaining('CASH/USD'),
    });
    await expect(redeem(t.id, { programId: 'nope', amount: '1' })).rejects.toMatchObject({
      code: 'UNKNOWN_PROGRAM',
    });
    await expect(redeem(t.id, { userId: 'ghost', amount: '1' })).rejects.toMatchObject({
      code: 'UNKNOWN_PARTICIPANT',
    });
    for (const amount of ['-1', '1e2', '1,000', '1,5', '$1', 'abc', '0.004']) {
      await expect(redeem(t.id, { amount })).rejects.toMatchObject({ code: 'INVALID_AMOUNT' });
    }
    await expect(redeem(t.id, { amount: '0.00' })).rejects.toMatchObject({
      code: 'INVALID_AMOUNT',
    });
    const other = await buildTenant(db);
    await expect(redeem(other.id, { amount: '1' })).rejects.toMatchObject({ code: 'UNKNOWN_UNIT' });
    expect(await available(t.id)).toBe('5.00');
  });

  it('replays an idempotency key with the same request and refuses it with another', async () => {
    const { db } = get().handle;
    const t = await buildTenant(db);
    await giveRewards(db, t.id, [{ amount: '5.00' }]);
    const first = await redeem(t.id, { amount: '1.00', idempotencyKey: 'k1', requestHash: 'h1' });
    const again = await redeem(t.id, { amount: '1.00', idempotencyKey: 'k1', requestHash: 'h1' });
    expect(again.id).toBe(first.id);
    await expect(
      redeem(t.id, { amount: '2.00', idempotencyKey: 'k1', requestHash: 'h2' }),
    ).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await available(t.id)).toBe('4.00');
  });

  it('never overdraws a balance when redemptions race from separate processes', async () => {
    const { db } = get().handle;
    const t = await buildTenant(db);
    await giveRewards(db, t.id, [{ amount: '5.00' }, { amount: '5.00' }]);
    const racer = 'test/helpers/redeemRacer.ts';
    const outputs = await Promise.all(
      Array.from({ length: 4 }, () => runTs(racer, [get().url, String(t.id), '6', '1.00'])),
    );
    const outcomes = outputs.flatMap((o) => JSON.parse(o) as string[]);
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(10);
    expect(outcomes.filter((o) => o !== 'ok')).toEqual(Array(14).fill('INSUFFICIENT_BALANCE'));
    expect(await available(t.id)).toBe('0.00');
    expect(await ledgerViolations(db)).toEqual([]);
  });
});
