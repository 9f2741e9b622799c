/**
 * Kills the worker process (SIGKILL) at random moments while it applies an import, at least 20
 * times, restarting it each time; the books must equal those of an uninterrupted run: every
 * reward's redeemed amount and status, every row's single outcome, every redemption.
 */
import { expect, it } from 'vitest';
import { describeEachDb } from '../../test/helpers/databases.js';
import { ledgerViolations } from '../../test/helpers/ledger.js';
import { runImportCrash } from '../../test/harness/crashImport.js';

describeEachDb('import survives a killed worker', (get) => {
  it('applies every row exactly once through 20 SIGKILLs and restarts', async () => {
    const { handle, url } = get();
    const result = await runImportCrash(handle.db, {
      url,
      rows: 3000,
      chunkRows: 10,
      minKills: 20,
      leaseMs: 800,
      seed: 7,
    });
    expect(result.kills).toBeGreaterThanOrEqual(20);
    expect(result.differences).toEqual([]);
    expect(result.rowsChecked).toBe(3000);
    expect(await ledgerViolations(handle.db)).toEqual([]);
    const stuck = await handle.db
      .selectFrom('jobs')
      .select('id')
      .where('status', 'in', ['queued', 'running'])
      .execute();
    expect(stuck).toEqual([]);
  }, 300_000);
});
