/**
 * The `exports` table. An export moves queued → running → succeeded | failed | cancelled; every
 * change below is conditional on the state it leaves, so a job that runs twice (after a crash) or
 * races a cancel cannot move an export backwards or link a second file.
 */
import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import type { ExportStatus, ExportTable } from '../db/schema.js';

export type ExportRow = Selectable<ExportTable>;

/** An export with what its view needs from the tables around it. */
export interface ExportRecord extends ExportRow {
  unitCode: string | null;
  programCode: string | null;
  progressDone: number | null;
  progressTotal: number | null;
  fileName: string | null;
  fileSize: number | null;
  fileExpiresAt: number | null;
}

const OPEN: ExportStatus[] = ['queued', 'running'];

export async function insertExport(db: Db, values: Insertable<ExportTable>): Promise<number> {
  const row = await db
    .insertInto('exports')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function setExportJob(db: Db, exportId: number, jobId: number): Promise<void> {
  await db.updateTable('exports').set({ job_id: jobId }).where('id', '=', exportId).execute();
}

function records(db: Db, tenantId: number) {
  return db
    .selectFrom('exports as e')
    .leftJoin('units as u', 'u.id', 'e.unit_id')
    .leftJoin('programs as p', 'p.id', 'e.program_id')
    .leftJoin('jobs as j', 'j.id', 'e.job_id')
    .leftJoin('files as f', 'f.id', 'e.file_id')
    .selectAll('e')
    .select([
      'u.code as unitCode',
      'p.code as programCode',
      'j.progress_done as progressDone',
      'j.progress_total as progressTotal',
      'f.name as fileName',
      'f.size as fileSize',
      'f.expires_at as fileExpiresAt',
    ])
    .where('e.tenant_id', '=', tenantId);
}

/** One export of `tenantId`; another tenant's is undefined. */
export function findExport(
  db: Db,
  tenantId: number,
  exportId: number,
): Promise<ExportRecord | undefined> {
  return records(db, tenantId).where('e.id', '=', exportId).executeTakeFirst();
}

/** A tenant's exports, newest first, `limit` of them with ids below `before` when given. */
export function listExportRecords(
  db: Db,
  tenantId: number,
  options: { limit: number; before?: number | null },
): Promise<ExportRecord[]> {
  let query = records(db, tenantId).orderBy('e.id', 'desc').limit(options.limit);
  if (options.before != null) query = query.where('e.id', '<', options.before);
  return query.execute();
}

/** Marks an open export running as of `startedAt`; false when it has ended meanwhile. */
export async function markExportRunning(
  db: Db,
  exportId: number,
  startedAt: number,
): Promise<boolean> {
  const result = await db
    .updateTable('exports')
    .set({ status: 'running', started_at: startedAt })
    .where('id', '=', exportId)
    .where('status', 'in', OPEN)
    .where('file_id', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Links the report file, once: false when the export already has one or has ended. */
export async function linkExportFile(
  db: Db,
  exportId: number,
  file: { fileId: number; rowCount: number; finishedAt: number },
): Promise<boolean> {
  const result = await db
    .updateTable('exports')
    .set({
      status: 'succeeded',
      file_id: file.fileId,
      row_count: file.rowCount,
      error: null,
      finished_at: file.finishedAt,
    })
    .where('id', '=', exportId)
    .where('status', 'in', OPEN)
    .where('file_id', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Ends an open export as failed or cancelled; false when it had already ended. */
export async function endExport(
  db: Db,
  exportId: number,
  end: { status: 'failed' | 'cancelled'; error?: string; finishedAt: number },
): Promise<boolean> {
  const result = await db
    .updateTable('exports')
    .set({ status: end.status, error: end.error ?? null, finished_at: end.finishedAt })
    .where('id', '=', exportId)
    .where('status', 'in', OPEN)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Deletes report files named `name` other than `keepFileId`: what earlier attempts of the same
 * export wrote before their worker died. Names are unique per export (see exportFileName).
 */
export async function deleteStrayReports(
  db: Db,
  tenantId: number,
  name: string,
  keepFileId: number,
): Promise<number> {
  const result = await db
    .deleteFrom('files')
    .where('tenant_id', '=', tenantId)
    .where('purpose', '=', 'report')
    .where('name', '=', name)
    .where('id', '<>', keepFileId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** The email of the tenant's first admin still in place, if any. */
export async function firstAdminEmail(db: Db, tenantId: number): Promise<string | null> {
  const row = await db
    .selectFrom('admins')
    .select('email')
    .where('tenant_id', '=', tenantId)
    .where('removed_at', 'is', null)
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return row?.email ?? null;
}
