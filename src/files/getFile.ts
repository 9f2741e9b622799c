import type { Db } from '../db/database.js';
import { AppError } from '../domain/errors.js';
import { toFileRecord, type FileRecord } from './fileRecord.js';

/**
 * A complete file of `tenantId`. Another tenant's file, one still being written and an expired
 * one are all NOT_FOUND.
 */
export async function getFile(
  db: Db,
  tenantId: number,
  fileId: number,
  now = Date.now(),
): Promise<FileRecord> {
  const row = await db
    .selectFrom('files')
    .selectAll()
    .where('id', '=', fileId)
    .where('tenant_id', '=', tenantId)
    .where('complete', '=', 1)
    .executeTakeFirst();
  if (!row) {
    throw new AppError('NOT_FOUND', `File ${fileId} does not exist; it may have been removed.`, {
      fileId,
    });
  }
  if (row.expires_at !== null && row.expires_at <= now) {
    const on = new Date(row.expires_at).toISOString().slice(0, 10);
    throw new AppError(
      'NOT_FOUND',
      `File ${fileId} expired on ${on} and is no longer kept; create it again.`,
      { fileId, expiredAt: row.expires_at },
    );
  }
  return toFileRecord(row);
}
