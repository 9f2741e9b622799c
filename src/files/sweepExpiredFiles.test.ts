import { expect, it } from 'vitest';
import type { Db } from '../db/database.js';
import { describeEachDb } from '../../test/helpers/databases.js';
import { ensurePeriodicJobs } from '../jobs/periodic.js';
import { createJobRegistry } from '../jobs/registry.js';
import { createTestTenant } from '../jobs/testing/helpers.js';
import { startWorker } from '../jobs/worker.js';
import { DAY_MS } from './fileRecord.js';
import { registerFileJobs } from './fileJobs.js';
import { sweepExpiredFiles } from './sweepExpiredFiles.js';
import { writeFile } from './writeFile.js';

async function* bytes(text: string) {
  yield Buffer.from(text);
}

const store = (db: Db, tenantId: number, expiresAt: number | null) =>
  writeFile(
    db,
    { tenantId, purpose: 'report', name: 'f', contentType: 'text/plain', expiresAt },
    bytes('data'),
  );

/** A file whose writer has not finished (or died) since `createdAt`. */
function incomplete(db: Db, tenantId: number, createdAt: number) {
  return db
    .insertInto('files')
    .values({
      tenant_id: tenantId,
      purpose: 'upload',
      name: 'half.csv',
      content_type: 'text/csv',
      size: 0,
      sha256: null,
      complete: 0,
      created_at: createdAt,
      expires_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

async function existing(db: Db, ids: number[]) {
  const rows = await db
    .selectFrom('files')
    .select('id')
    .where('id', 'in', ids)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

describeEachDb('sweepExpiredFiles', (get) => {
  it('removes expired and abandoned files, keeps the rest and files still referenced', async () => {
    const { db } = get().handle;
    const tenantId = await createTestTenant(db);
    const now = Date.now();
    const expired = await store(db, tenantId, now - 1);
    const current = await store(db, tenantId, now + DAY_MS);
    const forever = await store(db, tenantId, null);
    const usedByImport = await store(db, tenantId, now - 1);
    await db
      .insertInto('imports')
      .values({
        tenant_id: tenantId,
        type: 'balances',
        dry_run: 0,
        status: 'succeeded',
        actor: 'admin@x.test',
        file_id: usedByImport.id,
        file_name: 'f',
        sha256: usedByImport.sha256,
        confirm_repeat: 0,
        rows_done: 0,
        created_at: now,
      })
      .execute();
    const abandoned = await incomplete(db, tenantId, now - 2 * DAY_MS);
    await db
      .insertInto('file_chunks')
      .values({ file_id: abandoned.id, seq: 0, data: Buffer.from('x') })
      .execute();
    const writing = await incomplete(db, tenantId, now);

    const all = [expired.id, current.id, forever.id, usedByImport.id, abandoned.id, writing.id];
    expect(await sweepExpiredFiles(db, now)).toEqual({ deleted: 2, kept: 1 });
    expect(await existing(db, all)).toEqual([current.id, forever.id, usedByImport.id, writing.id]);
    const chunks = await db
      .selectFrom('file_chunks')
      .select('file_id')
      .where('file_id', 'in', [expired.id, abandoned.id])
      .execute();
    expect(chunks).toEqual([]);
  });

  it('runs as the periodic files.sweep job', async () => {
    const { handle } = get();
    const tenantId = await createTestTenant(handle.db);
    const expired = await store(handle.db, tenantId, Date.now() - 1);
    const registry = createJobRegistry();
    registerFileJobs(registry);
    expect(await ensurePeriodicJobs(handle.db, registry)).toHaveLength(1);
    await startWorker({ handle, registry, pollMs: 10, exitWhenIdle: true }).idle;
    expect(await existing(handle.db, [expired.id])).toEqual([]);
  });
});
