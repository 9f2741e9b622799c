import { expect, it } from 'vitest';
import { describeEachDb } from '../../test/helpers/databases.js';
import { buildTenant, giveRewards, ledgerViolations } from '../../test/helpers/ledger.js';
import { testConfig } from '../http/testing.js';
import { cancelReward } from '../ledger/cancelReward.js';
import { getBalances } from '../ledger/getBalances.js';
import { listRewards } from '../ledger/listRewards.js';
import { redeemBalance } from '../ledger/redeemBalance.js';
import { reverseRedemption } from '../ledger/reverseRedemption.js';
import { reverseImport } from './reverseImport.js';
import { importText } from './testing.js';

const config = testConfig();
const who = { source: 'API' as const, actor: 'api-key:test' };

describeEachDb('reverseImport', (get) => {
  const available = async (tenantId: number, userId: string) =>
    (
      await getBalances(get().handle.db, tenantId, { accountId: 'acc-1', userId, unit: 'CASH/USD' })
    )[0]?.available;

  it('restores exactly what the import redeemed, once, keeping later redemptions', async () => {
    const { handle } = get();
    const { db } = handle;
    const t = await buildTenant(db);
    await giveRewards(db, t.id, [
      { userId: 'a', amount: '10.00' },
      { userId: 'b', amount: '3.00' },
    ]);
    const before = (await listRewards(db, t.id, {})).items;
    const imp = await importText(
      handle,
      config,
      t.id,
      'accountId,userId,unit,valueToRedeem\nacc-1,a,CASH/USD,4.50\nacc-1,b,CASH/USD,3\nacc-1,b,CASH/USD,9\n',
    );
    expect(await available(t.id, 'a')).toBe('5.50');
    await redeemBalance(db, t.id, {
      accountId: 'acc-1',
      userId: 'a',
      unit: 'CASH/USD',
      amount: '1',
      ...who,
    });

    const result = await reverseImport(db, t.id, imp.id, who);
    expect(result).toEqual({ importId: imp.id, reversedRedemptions: 2 });
    expect(await available(t.id, 'a')).toBe('9.00');
    expect(await available(t.id, 'b')).toBe('3.00');
    expect((await listRewards(db, t.id, { userId: 'b' })).items[0]).toMatchObject({
      status: before.find((r) => r.userId === 'b')?.status,
      redeemedAmount: '0.00',
    });
    await expect(reverseImport(db, t.id, imp.id, who)).rejects.toMatchObject({
      code: 'ALREADY_REVERSED',
    });
    const row = await db
      .selectFrom('imports')
      .selectAll()
      .where('id', '=', imp.id)
      .executeTakeFirstOrThrow();
    expect(row.reversed_by).toBe('api-key:test');
    expect(await ledgerViolations(db)).toEqual([]);
  });

  it('skips redemptions already reversed one by one, and refuses dry runs and other tenants', async () => {
    const { handle } = get();
    const { db } = handle;
    const t = await buildTenant(db);
    await giveRewards(db, t.id, [
      { userId: 'a', amount: '10.00' },
      { userId: 'b', amount: '10.00' },
    ]);
    const imp = await importText(
      handle,
      config,
      t.id,
      'accountId,userId,unit,valueToRedeem\nacc-1,a,CASH/USD,1\nacc-1,b,CASH/USD,2\n',
    );
    const [one] = await db
      .selectFrom('redemptions')
      .select('id')
      .where('import_id', '=', imp.id)
      .orderBy('id')
      .execute();
    await reverseRedemption(db, t.id, one!.id, who);
    expect((await reverseImport(db, t.id, imp.id, who)).reversedRedemptions).toBe(1);
    expect(await available(t.id, 'a')).toBe('10.00');
    expect(await available(t.id, 'b')).toBe('10.00');

    const dry = await importText(
      handle,
      config,
      t.id,
      'accountId,userId,unit,valueToRedeem\nacc-1,a,CASH/USD,1\n',
      { dryRun: true },
    );
    await expect(reverseImport(db, t.id, dry.id, who)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('dry run'),
    });
    const other = await buildTenant(db);
    await expect(reverseImport(db, other.id, imp.id, who)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('refuses, changing nothing, when a reward changed since in a way that makes restoring wrong', async () => {
    const { handle } = get();
    const { db } = handle;
    const t = await buildTenant(db);
    const [a, b] = await giveRewards(db, t.id, [
      { userId: 'a', amount: '2.00' },
      { userId: 'b', amount: '2.00' },
    ]);
    const imp = await importText(
      handle,
      config,
      t.id,
      'accountId,userId,unit,valueToRedeem\nacc-1,a,CASH/USD,1\nacc-1,b,CASH/USD,1\n',
    );
    // Give b's redemption back by hand and cancel the reward: reversing the import would now
    // restore an amount on a cancelled reward.
    const [, second] = await db
      .selectFrom('redemptions')
      .select('id')
      .where('import_id', '=', imp.id)
      .orderBy('id')
      .execute();
    await reverseRedemption(db, t.id, second!.id, who);
    await cancelReward(db, t.id, b!);
    await db
      .updateTable('redemptions')
      .set({ reverses_id: null })
      .where('reverses_id', '=', second!.id)
      .execute();
    await expect(reverseImport(db, t.id, imp.id, who)).rejects.toMatchObject({
      code: 'REVERSAL_REFUSED',
      message: expect.stringContaining(b!),
    });
    expect((await listRewards(db, t.id, { userId: 'a' })).items[0]?.redeemedAmount).toBe('1.00');
    expect(a).toBeDefined();
  });
});
