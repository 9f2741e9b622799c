/** Factories for ledger tests: a fresh tenant per test, rewards given in one call. */
import { randomBytes } from 'node:crypto';
import type { Db } from '../../src/db/database.js';
import { createRewards } from '../../src/ledger/createRewards.js';
import type { RewardInput } from '../../src/ledger/rewardInput.js';
import { createTenant } from '../../src/tenants/createTenant.js';

export async function buildTenant(db: Db, slug?: string) {
  const { tenant } = await createTenant(db, {
    slug: slug ?? `t-${randomBytes(5).toString('hex')}`,
  });
  return tenant;
}

let counter = 0;

/** Gives rewards (creating units, programs and participants as needed); throws on any refusal. */
export async function giveRewards(
  db: Db,
  tenantId: number,
  rewards: (Partial<RewardInput> & { amount: string })[],
  defaults: Partial<RewardInput> = {},
): Promise<string[]> {
  const inputs = rewards.map((r) => ({
    rewardId: `rw-${++counter}-${randomBytes(3).toString('hex')}`,
    accountId: 'acc-1',
    userId: 'user-1',
    unit: 'CASH/USD',
    ...defaults,
    ...r,
  }));
  const results = await createRewards(db, tenantId, inputs, {
    createMissing: true,
    source: 'CLI',
    actor: 'test',
  });
  const refused = results.filter((r) => r.status === 'error');
  if (refused.length > 0) throw new Error(JSON.stringify(refused));
  return inputs.map((i) => i.rewardId);
}

/**
 * The ledger invariant: every reward's redeemed total equals the sum of its lines, within
 * bounds. Returns the rewards (of one tenant, or all) that break it.
 */
export async function ledgerViolations(db: Db, tenantId?: number): Promise<unknown[]> {
  let query = db
    .selectFrom('rewards as r')
    .leftJoin('redemption_lines as l', 'l.reward_id', 'r.id')
    .select((eb) => [
      'r.id',
      'r.reward_key',
      'r.amount',
      'r.redeemed',
      eb.fn.coalesce(eb.fn.sum<number>('l.amount'), eb.lit(0)).as('lines'),
    ])
    .groupBy(['r.id', 'r.reward_key', 'r.amount', 'r.redeemed']);
  if (tenantId !== undefined) query = query.where('r.tenant_id', '=', tenantId);
  const rows = await query.execute();
  return rows.filter(
    (r) => Number(r.lines) !== r.redeemed || r.redeemed > r.amount || r.redeemed < 0,
  );
}
