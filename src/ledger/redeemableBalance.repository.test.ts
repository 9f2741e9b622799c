import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  describeEachDb,
  testDialects,
  type TestDatabase,
} from '../../test/helpers/databases.js';
import type { Db } from '../db/database.js';
import { buildTenant, giveRewards, ledgerViolations } from '../../test/helpers/ledger.js';
import { planRedemption } from '../domain/plan.js';
import { redeemBalance } from './redeemBalance.js';
import { lockRedeemableBalance, type BalanceName } from './redeemableBalance.repository.js';
import { recordRedemption } from './redemptions.repository.js';

const who: BalanceName = { unit: 'CASH/USD', accountId: 'acc-1', userId: 'user-1' };

describeEachDb('lockRedeemableBalance', (get) => {
  it("reads the unit, the participant and only the balance's AVAILABLE rewards", async () => {
    const { db } = get().handle;
    const t = await buildTenant(db);
    const [spring, plain] = await giveRewards(db, t.id, [
      { amount: '2.00', programId: 'spring' },
      { amount: '3.00' },
      { amount: '4.00', status: 'PENDING' },
      { amount: '5.00', unit: 'POINT' },
      { amount: '6.00', userId: 'user-2' },
    ]);
    const all = await db.transaction().execute((trx) => lockRedeemableBalance(trx, t.id, who));
    expect(all?.unit).toMatchObject({ code: 'CASH/USD', decimals: 2 });
    expect(all?.participant).toMatchObject({ account_id: 'acc-1', user_id: 'user-1' });
    expect(all?.program).toBeNull();
    expect(all?.prior).toBeNull();
    expect(all?.rewards.map((r) => [r.rewardKey, r.amount]).sort()).toEqual(
      [
        [spring, 200],
        [plain, 300],
      ].sort(),
    );
    const narrowed = await lockRedeemableBalance(db, t.id, { ...who, programId: 'spring' });
    expect(narrowed?.program).toMatchObject({ code: 'spring' });
    expect(narrowed?.rewards.map((r) => r.rewardKey)).toEqual([spring]);
  });

  it('finds nothing when the unit, participant or program is unknown or nothing is AVAILABLE', async () => {
    const { db } = get().handle;
    const t = await buildTenant(db);
    await giveRewards(db, t.id, [
      { amount: '1.00', programId: 'spring' },
      { amount: '1.00', unit: 'POINT', status: 'PENDING' },
    ]);
    await giveRewards(db, t.id, [{ amount: '1.00', programId: 'autumn', status: 'CANCELLED' }]);
    for (const name of [
      { ...who, unit: 'CASH/EUR' },
      { ...who, userId: 'ghost' },
      { ...who, programId: 'nope' },
      { ...who, programId: 'autumn' },
      { ...who, unit: 'POINT' },
    ]) {
      expect(await lockRedeemableBalance(db, t.id, name)).toBeUndefined();
    }
  });

  it('returns the redemption an idempotency key already made, with its request hash', async () => {
    const { db } = get().handle;
    const t = await buildTenant(db);
    await giveRewards(db, t.id, [{ amount: '5.00' }]);
    const first = await redeemBalance(db, t.id, {
      ...who,
      amount: '1.00',
      source: 'API',
      actor: 'test',
      idempotencyKey: 'k1',
      requestHash: 'h1',
    });
    const found = await lockRedeemableBalance(db, t.id, { ...who, idempotencyKey: 'k1' });
    expect(found?.prior).toEqual({ id: first.id, requestHash: 'h1' });
    expect(
      (await lockRedeemableBalance(db, t.id, { ...who, idempotencyKey: 'k2' }))?.prior,
    ).toBeNull();
    const other = await buildTenant(db);
    await giveRewards(db, other.id, [{ amount: '5.00' }]);
    expect(
      (await lockRedeemableBalance(db, other.id, { ...who, idempotencyKey: 'k1' }))?.prior,
    ).toBeNull();
  });
});

// SQLite has one writer at a time (BEGIN IMMEDIATE): no statement there waits on a row lock
// inside a transaction, so this is PostgreSQL's own case.
describe.runIf(testDialects.includes('postgres'))('lockRedeemableBalance [postgres]', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
  });
  afterAll(async () => {
    await database.drop();
  });

  it('plans from the latest totals after waiting for another redemption of the balance', async () => {
    const { db } = database.handle;
    const t = await buildTenant(db);
    await giveRewards(db, t.id, [{ amount: '5.00' }]);
    let waiting: Promise<unknown> | undefined;
    await db.transaction().execute(async (trx) => {
      const balance = await lockRedeemableBalance(trx, t.id, who);
      if (!balance) throw new Error('balance not found');
      const plan = planRedemption(balance.rewards, 300, Date.now());
      if (!plan.ok) throw new Error('plan refused');
      await recordRedemption(
        trx,
        {
          tenantId: t.id,
          participantId: balance.participant.id,
          unitId: balance.unit.id,
          programId: null,
          amount: 300,
          source: 'API',
          actor: 'first',
        },
        plan.lines,
        Date.now(),
      );
      // Started while the first holds the lock: its statement's snapshot still shows 5.00.
      waiting = redeemBalance(db, t.id, {
        ...who,
        amount: '3.00',
        source: 'API',
        actor: 'second',
      }).then(
        () => 'redeemed',
        (error: { code?: string; details?: unknown }) => ({
          code: error.code,
          details: error.details,
        }),
      );
      await waitForLockWaiter(db);
    });
    expect(await waiting).toEqual({
      code: 'INSUFFICIENT_BALANCE',
      details: { available: '2.00', requested: '3.00', unit: 'CASH/USD' },
    });
    expect(await ledgerViolations(db, t.id)).toEqual([]);
  });
});

/** Resolves once another session of this database is waiting for a row lock. */
async function waitForLockWaiter(db: Db): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from pg_stat_activity
      where datname = current_database() and wait_event_type = 'Lock'`.execute(db);
    if ((rows[0]?.n ?? 0) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('no session waited for the lock');
}
