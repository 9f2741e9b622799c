import { expect, it } from 'vitest';
import { describeEachDb } from '../../test/helpers/databases.js';
import type { Db } from '../db/database.js';
import { fileExpiry } from '../files/fileRecord.js';
import { writeFile } from '../files/writeFile.js';
import { buildTenant } from '../http/testing.js';
import type { JobContext } from '../jobs/types.js';
import { cancelExport } from './cancelExport.js';
import { createExport } from './createExport.js';
import { getExportView } from './exportViews.js';
import { EXPORT_MAX_ATTEMPTS } from './exportJobKind.js';
import { exportFileName } from './exportKinds.js';
import { markExportRunning } from './exports.repository.js';
import { runExport } from './runExport.js';
import { buildLedger, exportConfig, exportFiles, reportLines, runExportJobs } from './testing.js';

/** The context a worker would give the handler, for running `perform` by hand. */
function handContext(db: Db, tenantId: number, jobId: number): JobContext {
  return {
    jobId,
    kind: 'export.run',
    tenantId,
    attempt: 1,
    maxAttempts: 5,
    db,
    signal: new AbortController().signal,
    progress: () => Promise.resolve(),
    transaction: (fn) => db.transaction().execute(fn),
  };
}

/** A worker that claimed the job with a `leaseMs` lease and died: it never renews it. */
async function claimAsDeadWorker(db: Db, jobId: number, leaseMs: number) {
  await db
    .updateTable('jobs')
    .set((eb) => ({
      status: 'running',
      attempts: eb('attempts', '+', 1),
      locked_by: 'dead-worker',
      locked_until: Date.now() + leaseMs,
    }))
    .where('id', '=', jobId)
    .execute();
}

async function emailsOf(db: Db, tenantId: number) {
  return db.selectFrom('emails').select('subject').where('tenant_id', '=', tenantId).execute();
}

/** A report file that an attempt of export `exportId` wrote before its worker died. */
async function writeStray(db: Db, tenantId: number, exportId: number, complete = true) {
  const record = await db
    .selectFrom('exports')
    .selectAll()
    .where('id', '=', exportId)
    .executeTakeFirstOrThrow();
  const file = await writeFile(
    db,
    {
      tenantId,
      purpose: 'report',
      name: exportFileName(exportId, record.created_at, 'CSV'),
      contentType: 'text/csv; charset=utf-8',
      expiresAt: fileExpiry(exportConfig),
    },
    (async function* () {
      yield Buffer.from('half a report');
    })(),
  );
  if (!complete)
    await db.updateTable('files').set({ complete: 0 }).where('id', '=', file.id).execute();
  return file;
}

describeEachDb('export retries', (get) => {
  async function queued(notifyEmail: string | null = 'ops@example.com') {
    const { db } = get().handle;
    const { tenant } = await buildTenant(db);
    await buildLedger(db, tenant.id);
    const created = await createExport(db, {
      tenantId: tenant.id,
      format: 'CSV',
      notifyEmail,
      actor: 'test',
    });
    return { db, tenantId: tenant.id, ...created };
  }

  it('runs again the export of a worker that died after storing its file: one report', async () => {
    const { db, tenantId, id, jobId } = await queued();
    // The dead worker: it claimed the job, started, stored a file, and died before linking it.
    await claimAsDeadWorker(db, jobId, 50);
    await markExportRunning(db, id, Date.now());
    const stray = await writeStray(db, tenantId, id);

    // exitWhenIdle waits for the running job whose lease runs out, then runs it.
    await runExportJobs(get().handle);
    const job = await db
      .selectFrom('jobs')
      .selectAll()
      .where('id', '=', jobId)
      .executeTakeFirstOrThrow();
    expect(job).toMatchObject({ status: 'succeeded', attempts: 2 });
    const view = await getExportView(db, tenantId, id);
    expect(view).toMatchObject({ status: 'succeeded', rowCount: 4 });
    const files = await exportFiles(db, tenantId);
    expect(files).toHaveLength(1);
    expect(files[0]?.id).not.toBe(stray.id);
    expect((await reportLines(db, tenantId, id)).length).toBe(5);
    expect(await emailsOf(db, tenantId)).toHaveLength(1);
  });

  it('links one file and sends one email when the job runs twice at once', async () => {
    const { db, tenantId, id, jobId } = await queued();
    const ctx = handContext(db, tenantId, jobId);
    await Promise.all([runExport(id, ctx, exportConfig), runExport(id, ctx, exportConfig)]);
    const view = await getExportView(db, tenantId, id);
    expect(view).toMatchObject({ status: 'succeeded', rowCount: 4 });
    const files = await exportFiles(db, tenantId);
    expect(files).toHaveLength(1);
    expect(files[0]?.name).toBe(view.file?.name);
    expect(await emailsOf(db, tenantId)).toEqual([
      { subject: 'Your report is ready: Available reward balances by user' },
    ]);
  });

  it('does nothing when it runs again after it succeeded', async () => {
    const { db, tenantId, id, jobId } = await queued();
    const ctx = handContext(db, tenantId, jobId);
    await runExport(id, ctx, exportConfig);
    const first = await getExportView(db, tenantId, id);
    await runExport(id, ctx, exportConfig);
    expect(await getExportView(db, tenantId, id)).toEqual(first);
    expect(await exportFiles(db, tenantId)).toHaveLength(1);
    expect(await emailsOf(db, tenantId)).toHaveLength(1);
  });

  it('survives more dead workers than the default 5 attempts of a job', async () => {
    const { db, tenantId, id, jobId } = await queued();
    for (let i = 0; i < 10; i++) {
      await claimAsDeadWorker(db, jobId, 1);
      await markExportRunning(db, id, Date.now());
      await writeStray(db, tenantId, id, false);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
    await runExportJobs(get().handle);
    expect(await getExportView(db, tenantId, id)).toMatchObject({ status: 'succeeded' });
    expect(await exportFiles(db, tenantId)).toHaveLength(1);
    expect(await emailsOf(db, tenantId)).toHaveLength(1);
  });

  it('deletes what dead attempts wrote when the export fails for good', async () => {
    const { db, tenantId, id, jobId } = await queued();
    // The last allowed attempt died after writing half a report: the next claim gives up.
    await claimAsDeadWorker(db, jobId, 1);
    await db
      .updateTable('jobs')
      .set({ attempts: EXPORT_MAX_ATTEMPTS })
      .where('id', '=', jobId)
      .execute();
    await markExportRunning(db, id, Date.now());
    await writeStray(db, tenantId, id, false);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await runExportJobs(get().handle);
    expect(await getExportView(db, tenantId, id)).toMatchObject({ status: 'failed', file: null });
    expect(await exportFiles(db, tenantId)).toEqual([]);
    expect(await emailsOf(db, tenantId)).toEqual([{ subject: 'Your report could not be created' }]);
  });

  it('cancels a running export when its job next stops by, deleting what it wrote', async () => {
    const { db, tenantId, id, jobId } = await queued(null);
    await claimAsDeadWorker(db, jobId, 50);
    await markExportRunning(db, id, Date.now());
    await writeStray(db, tenantId, id, false);
    const { outcome, record } = await cancelExport(db, tenantId, id);
    expect(outcome).toBe('cancelling');
    expect(record.status).toBe('running');
    await runExportJobs(get().handle);
    expect(await getExportView(db, tenantId, id)).toMatchObject({
      status: 'cancelled',
      file: null,
    });
    expect(await exportFiles(db, tenantId)).toEqual([]);
  });
});
