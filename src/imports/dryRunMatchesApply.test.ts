import fc from 'fast-check';
import { expect, it } from 'vitest';
import { describeEachDb } from '../../test/helpers/databases.js';
import { buildTenant, giveRewards } from '../../test/helpers/ledger.js';
import { testConfig } from '../http/testing.js';
import { listImportRows } from './importViews.js';
import { importText } from './testing.js';

const config = testConfig();
const HEADER =
  'firstName,lastName,email,userId,accountId,programId,unit,unitName,currency,availableValue,totalRedeemedValue,rewardCount,nextExpiry,valueToRedeem';
const USERS = ['a', 'b'];
const PROGRAMS = ['', 'spring', 'autumn'];

const reward = fc.record({
  user: fc.constantFrom(...USERS),
  program: fc.constantFrom(...PROGRAMS),
  cents: fc.integer({ min: 1, max: 800 }),
  // Days from 2030; null never expires. A few share a day, so dateGiven and id decide the order.
  expires: fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }),
  given: fc.integer({ min: 1, max: 20 }),
});

const fileRow = fc.record({
  user: fc.constantFrom(...USERS),
  program: fc.constantFrom(...PROGRAMS),
  value: fc.oneof(
    fc.constant(''),
    fc.integer({ min: 1, max: 900 }).map((c) => (c / 100).toFixed(2)),
  ),
  available: fc.option(
    fc.integer({ min: 0, max: 2000 }).map((c) => (c / 100).toFixed(2)),
    {
      nil: '',
    },
  ),
});

const day = (offset: number) => new Date(Date.UTC(2030, 0, 1 + offset)).toISOString().slice(0, 10);

describeEachDb('import: a dry run prices every row as applying it does', (get) => {
  it('gives the same outcome per row for any mix of programs, expiries and chunk sizes', async () => {
    const { handle } = get();
    const { db } = handle;
    await fc.assert(
      fc.asyncProperty(
        fc.array(reward, { minLength: 1, maxLength: 8 }),
        fc.array(fileRow, { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 3 }),
        async (rewards, rows, chunkRows) => {
          const t = await buildTenant(db);
          await giveRewards(
            db,
            t.id,
            rewards.map((r) => ({
              userId: r.user,
              programId: r.program || null,
              amount: (r.cents / 100).toFixed(2),
              dateExpires: r.expires === null ? null : day(r.expires),
              dateGiven: `2026-01-${String(r.given).padStart(2, '0')}`,
            })),
          );
          const csv = [
            HEADER,
            ...rows.map(
              (r) =>
                `Ann,Lee,ann@example.com,${r.user},acc-1,${r.program},CASH/USD,USD,USD,${r.available},0.00,1,,${r.value}`,
            ),
          ].join('\r\n');
          const outcomes = async (dryRun: boolean) => {
            const imp = await importText(handle, config, t.id, csv, {
              dryRun,
              chunkRows,
              confirmRepeat: true,
            });
            const listed = await listImportRows(db, t.id, imp.id, { limit: 100 });
            return listed.items.map((r) => [r.outcome, r.amountRedeemed, r.message, r.warnings]);
          };
          const dry = await outcomes(true);
          expect(await outcomes(false)).toEqual(dry);
        },
      ),
      { numRuns: 40 },
    );
  });
});
