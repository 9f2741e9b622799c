import { expect, it } from 'vitest';
import { describeEachDb } from '../../test/helpers/databases.js';
import { buildTenant, giveRewards } from '../http/testing.js';
import { redeemBalance } from '../ledger/redeemBalance.js';
import type { BalanceReportRow } from '../reports/format/columns.js';
import { balanceRowBatches, type BalanceRowsOptions } from './balanceRows.js';
import { withReportReader } from './reportReader.js';
import { buildLedger } from './testing.js';

type Options = Omit<BalanceRowsOptions, 'scope' | 'programCode'> & { programCode?: string };

describeEachDb('balance rows', (get) => {
  async function rowsOf(tenantId: number, options: Options) {
    const { db } = get().handle;
    return withReportReader(db, async (reader) => {
      const rows: BalanceReportRow[] = [];
      const progress: [number, number][] = [];
      const batches = balanceRowBatches(reader, {
        scope: { tenantId, unitId: null, programId: null },
        programCode: null,
        ...options,
        onProgress: (done, total) => {
          progress.push([done, total]);
          return Promise.resolve();
        },
      });
      for await (const batch of batches) rows.push(...batch);
      return { rows, progress };
    });
  }

  it('gives the same rows whatever the page size, and counts participants as progress', async () => {
    const { db } = get().handle;
    const { tenant } = await buildTenant(db);
    await buildLedger(db, tenant.id);
    const now = Date.now();
    const whole = await rowsOf(tenant.id, { now });
    expect(whole.rows.map((r) => `${r.userId} ${r.unit}`)).toEqual([
      '000123 CASH/USD',
      '000123 POINT',
      'u-2 CASH/USD',
      'u-4 CASH/KWD',
    ]);
    expect(whole.progress).toEqual([[4, 4]]);
    for (const pageIds of [1, 2, 3]) {
      const paged = await rowsOf(tenant.id, { now, pageIds });
      expect(paged.rows).toEqual(whole.rows);
      expect(paged.progress.at(-1)).toEqual([4, 4]);
    }
  });

  it("orders a participant's balances by unit code, whatever the order the units were made in", async () => {
    const { db } = get().handle;
    const { tenant } = await buildTenant(db);
    await giveRewards(db, tenant.id, [
      { userId: 'b', unit: 'POINT', amount: '5' },
      { userId: 'b', unit: 'CASH/USD', amount: '1.00' },
      { userId: 'a', unit: 'CASH/KWD', amount: '1.000' },
      { userId: 'a', unit: 'POINT', amount: '2' },
      { userId: 'a', unit: 'CASH/USD', amount: '3.00' },
    ]);
    const { rows } = await rowsOf(tenant.id, { now: Date.now() });
    expect(rows.map((r) => `${r.userId} ${r.unit}`)).toEqual([
      'b CASH/USD',
      'b POINT',
      'a CASH/KWD',
      'a CASH/USD',
      'a POINT',
    ]);
  });

  it('takes the balances as of the moment given: a reward expiring before it is left out', async () => {
    const { db } = get().handle;
    const { tenant } = await buildTenant(db);
    await giveRewards(db, tenant.id, [
      { userId: 'x', amount: '1.00', dateExpires: '2030-06-01' },
      { userId: 'x', amount: '2.00', dateExpires: '2031-06-01' },
    ]);
    await redeemBalance(db, tenant.id, {
      accountId: 'acct-1',
      userId: 'x',
      unit: 'CASH/USD',
      amount: '0.40',
      source: 'API',
      actor: 'test',
    });
    const before = await rowsOf(tenant.id, { now: Date.UTC(2030, 0, 1) });
    expect(before.rows).toMatchObject([
      { available: 260, totalRedeemed: 40, rewardCount: 2, nextExpiry: Date.UTC(2030, 5, 1) },
    ]);
    const after = await rowsOf(tenant.id, { now: Date.UTC(2030, 5, 1) });
    // Expiry is exclusive: at 2030-06-01T00:00 the first reward is gone.
    expect(after.rows).toMatchObject([
      { available: 200, totalRedeemed: 40, rewardCount: 1, nextExpiry: Date.UTC(2031, 5, 1) },
    ]);
    const later = await rowsOf(tenant.id, { now: Date.UTC(2032, 0, 1) });
    expect(later.rows).toEqual([]);
  });

  it('reads a snapshot: a redemption made while the report is read does not show in it', async () => {
    const { db } = get().handle;
    const { tenant } = await buildTenant(db);
    await giveRewards(db, tenant.id, [
      { userId: 'p1', amount: '5.00' },
      { userId: 'p2', amount: '5.00' },
    ]);
    const seen = await withReportReader(db, async (reader) => {
      const rows: BalanceReportRow[] = [];
      const batches = balanceRowBatches(reader, {
        scope: { tenantId: tenant.id, unitId: null, programId: null },
        programCode: null,
        now: Date.now(),
        pageIds: 1,
      });
      for await (const batch of batches) {
        rows.push(...batch);
        if (rows.length === 1) {
          await redeemBalance(db, tenant.id, {
            accountId: 'acct-1',
            userId: 'p2',
            unit: 'CASH/USD',
            amount: '2.00',
            source: 'API',
            actor: 'test',
          });
        }
      }
      return rows;
    });
    expect(seen.map((r) => r.available)).toEqual([500, 500]);
  });
});
