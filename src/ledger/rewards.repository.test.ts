import { expect, it } from 'vitest';
import { describeEachDb } from '../../test/helpers/databases.js';
import { buildTenant, giveRewards } from '../../test/helpers/ledger.js';
import { takeFromRewards } from './rewards.repository.js';

describeEachDb('takeFromRewards', (get) => {
  it('adds each line to its reward in one statement and marks the exhausted ones REDEEMED', async () => {
    const { db } = get().handle;
    const t = await buildTenant(db);
    const keys = await giveRewards(db, t.id, [
      { amount: '30000000.00' },
      { amount: '5.00' },
      { amount: '7.00' },
      { amount: '9.00' },
    ]);
    const rows = await db
      .selectFrom('rewards')
      .select(['id', 'reward_key'])
      .where('tenant_id', '=', t.id)
      .execute();
    const idOf = new Map(rows.map((r) => [r.reward_key, r.id]));
    const [big, five, seven, nine] = keys.map((k) => idOf.get(k)!);
    await takeFromRewards(
      db,
      [
        { rewardId: big!, amount: 3_000_000_000, exhausts: true },
        { rewardId: five!, amount: 200, exhausts: false },
        { rewardId: seven!, amount: 700, exhausts: true },
      ],
      1_700_000_000_000,
    );
    const after = await db
      .selectFrom('rewards')
      .select(['id', 'redeemed', 'status', 'date_redeemed'])
      .where('tenant_id', '=', t.id)
      .orderBy('id')
      .execute();
    expect(after.map(({ id: _id, ...rest }) => rest)).toEqual([
      { redeemed: 3_000_000_000, status: 'REDEEMED', date_redeemed: 1_700_000_000_000 },
      { redeemed: 200, status: 'AVAILABLE', date_redeemed: null },
      { redeemed: 700, status: 'REDEEMED', date_redeemed: 1_700_000_000_000 },
      { redeemed: 0, status: 'AVAILABLE', date_redeemed: null },
    ]);
    expect(after.map((r) => r.id)).toEqual([big, five, seven, nine]);
  });
});
