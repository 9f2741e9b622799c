/**
 * Kills the worker generating an export with SIGKILL at random moments, at least 20 times,
 * restarting it each time; the export must succeed once, with one report file whose bytes equal
 * an uninterrupted export's, one "ready" email, and no job left queued or running. The checks
 * are listed in test/harness/crashExport.ts; `npm run bench -- crashExport` runs it at full size.
 */
import { expect, it } from 'vitest';
import { describeEachDb } from '../../test/helpers/databases.js';
import { runExportCrash } from '../../test/harness/crashExport.js';

describeEachDb('export survives a killed worker', (get) => {
  it('ends with one report, equal to an uninterrupted one, through 20 SIGKILLs', async () => {
    const { handle, url } = get();
    // 30,000 rows make a 3.2 MB CSV: four chunks of the file store to kill the writing between.
    const result = await runExportCrash(handle, {
      url,
      participants: 30_000,
      format: 'CSV',
      minKills: 20,
      leaseMs: 800,
      seed: 11,
    });
    expect(result.problems).toEqual([]);
    expect(result.kills).toBeGreaterThanOrEqual(20);
    // Most kills landed inside the writing, and their files were there to be cleaned up.
    expect(result.phases.writing).toBeGreaterThanOrEqual(10);
    expect(result.straysBeforeLastRun).toBeGreaterThan(0);
    expect(result.rows).toBe(30_000);
  }, 180_000);
});
