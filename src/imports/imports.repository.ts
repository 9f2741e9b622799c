import type { Db } from '../db/database.js';
import type { ImportStatus } from '../db/schema.js';
import { AppError } from '../domain/errors.js';

export function getImportRow(db: Db, tenantId: number, id: number) {
  return db
    .selectFrom('imports')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function requireImportRow(db: Db, tenantId: number, id: number) {
  const row = await getImportRow(db, tenantId, id);
  if (!row) throw new AppError('NOT_FOUND', `No import ${id}`, { id });
  return row;
}

export type ImportRow = NonNullable<Awaited<ReturnType<typeof getImportRow>>>;

export async function setImportStatus(
  db: Db,
  id: number,
  status: ImportStatus,
  fields: { error?: string | null; startedAt?: number; finishedAt?: number } = {},
): Promise<void> {
  await db
    .updateTable('imports')
    .set({
      status,
      ...(fields.error !== undefined ? { error: fields.error } : {}),
      ...(fields.startedAt !== undefined ? { started_at: fields.startedAt } : {}),
      ...(fields.finishedAt !== undefined ? { finished_at: fields.finishedAt } : {}),
    })
    .where('id', '=', id)
    .execute();
}

/** The last record a recorded chunk covered: a resumed import continues after it. */
export async function lastAppliedRecord(db: Db, importId: number): Promise<number> {
  const row = await db
    .selectFrom('import_chunks')
    .select((eb) => eb.fn.max('last_record').as('last'))
    .where('import_id', '=', importId)
    .executeTakeFirst();
  return Number(row?.last ?? 0);
}

export async function countChunks(db: Db, importId: number): Promise<number> {
  const row = await db
    .selectFrom('import_chunks')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('import_id', '=', importId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Forgets a dry run's partial outcomes so it can start over: it changed nothing else. */
export async function clearDryRunProgress(db: Db, importId: number): Promise<void> {
  await db.deleteFrom('import_chunks').where('import_id', '=', importId).execute();
  await db.updateTable('imports').set({ rows_done: 0 }).where('id', '=', importId).execute();
}

/** The tenant's unit codes and their decimals, for formatting amounts stored in minor units. */
export async function unitDecimals(db: Db, tenantId: number): Promise<Map<string, number>> {
  const units = await db
    .selectFrom('units')
    .select(['code', 'decimals'])
    .where('tenant_id', '=', tenantId)
    .execute();
  return new Map(units.map((u) => [u.code, u.decimals] as const));
}
