/**
 * `rewardbook serve` stopped with SIGTERM while its worker applies an import: the chunk in hand
 * commits or rolls back whole, the job goes back to the queue (or had finished), never stays
 * `running`; a worker started later applies the rest, and every row is applied exactly once.
 * (On SQLite the import's queries never wait, so the process sees the signal only once the import
 * has finished: the job then ends `succeeded`. On PostgreSQL it is handed back mid-import.)
 */
import { once } from 'node:events';
import { expect, it } from 'vitest';
import { describeEachDb } from '../../test/helpers/databases.js';
import { buildTenant, giveRewards, ledgerViolations } from '../../test/helpers/ledger.js';
import { runCli, spawnCli } from '../cli/testing/runCli.js';
import type { Db } from '../db/database.js';
import { testConfig } from '../http/testing.js';
import { CHUNK_ROWS } from '../imports/runImport.js';
import { bytesOf } from '../imports/testing.js';
import { uploadImport } from '../imports/uploadImport.js';
import { storedOutcomes } from '../imports/outcome/outcomes.repository.js';

const ROWS = 20_000;

async function importState(db: Db, importId: number) {
  return db
    .selectFrom('imports as i')
    .innerJoin('jobs as j', 'j.id', 'i.job_id')
    .select(['i.status as importStatus', 'i.rows_done as rowsDone', 'j.status as jobStatus'])
    .select(['j.locked_by as lockedBy'])
    .where('i.id', '=', importId)
    .executeTakeFirstOrThrow();
}

async function until<T>(check: () => Promise<T | undefined>, what: string, ms: number) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describeEachDb('serve on SIGTERM', (get) => {
  it('hands a running import back to the queue; a later worker applies the rest once', async () => {
    const { handle, url } = get();
    const { db } = handle;
    const tenant = await buildTenant(db);
    const who = (i: number) => ({ accountId: `acc-${i % 50}`, userId: `user-${i}` });
    for (let start = 0; start < ROWS; start += 5000) {
      const batch = Array.from({ length: 5000 }, (_, k) => ({ ...who(start + k), amount: '1.00' }));
      await giveRewards(db, tenant.id, batch);
    }
    const csv = ['accountId,userId,unit,valueToRedeem'];
    for (let i = 0; i < ROWS; i++) csv.push(`acc-${i % 50},user-${i},CASH/USD,0.25`);
    const importId = await uploadImport(db, testConfig(), {
      tenantId: tenant.id,
      fileName: 'balances.csv',
      source: bytesOf(csv.join('\r\n')),
      dryRun: false,
      confirmRepeat: false,
      actor: 'admin:ops@example.com',
    });

    const serve = spawnCli(['serve'], { DATABASE_URL: url, PORT: '0', HOST: '127.0.0.1' });
    let stderr = '';
    serve.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const exited = once(serve, 'exit');
    // Some rows applied, more to come: the worker is inside the import.
    const atSignal = await until(
      async () => {
        const state = await importState(db, importId);
        return state.rowsDone > 0 ? state : undefined;
      },
      'the import to start applying',
      60_000,
    );
    serve.kill('SIGTERM');
    const [code] = (await exited) as [number | null];
    expect(code, stderr).toBe(0);
    expect(stderr).toContain('stopped');
    expect(atSignal.rowsDone).toBeLessThan(ROWS);

    const stopped = await importState(db, importId);
    expect(['queued', 'succeeded']).toContain(stopped.jobStatus);
    if (stopped.jobStatus === 'queued') expect(stopped.lockedBy).toBeNull();
    // Whole chunks only: the one in hand committed or rolled back entirely.
    expect(stopped.rowsDone % CHUNK_ROWS === 0 || stopped.rowsDone === ROWS).toBe(true);
    console.info(
      `SIGTERM at ${atSignal.rowsDone} rows: job ${stopped.jobStatus}, ${stopped.rowsDone} applied`,
    );
    expect(await ledgerViolations(db)).toEqual([]);

    const worker = await runCli(['worker', '--exit-when-idle'], { DATABASE_URL: url });
    expect(worker.code, worker.stderr).toBe(0);
    const finished = await importState(db, importId);
    expect(finished).toMatchObject({ importStatus: 'succeeded', jobStatus: 'succeeded' });
    expect(finished.rowsDone).toBe(ROWS);
    const recorded: number[] = [];
    for await (const row of storedOutcomes(db, importId)) recorded.push(row.recordNumber);
    expect(recorded).toHaveLength(ROWS);
    expect(new Set(recorded).size).toBe(ROWS);
    const redemptions = await db
      .selectFrom('redemptions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('import_id', '=', importId)
      .executeTakeFirstOrThrow();
    expect(Number(redemptions.n)).toBe(ROWS);
    expect(await ledgerViolations(db)).toEqual([]);
  }, 240_000);
});
