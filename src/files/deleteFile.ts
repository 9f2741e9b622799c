import type { Db } from '../db/database.js';
import { AppError } from '../domain/errors.js';
import { isForeignKeyViolation } from '../jobs/sql.js';

/** Deletes a file of `tenantId` and its chunks; false when there is no such file. */
export async function deleteFile(db: Db, tenantId: number, fileId: number): Promise<boolean> {
  try {
    const result = await db
      .deleteFrom('files')
      .where('id', '=', fileId)
      .where('tenant_id', '=', tenantId)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  } catch (error) {
    if (!isForeignKeyViolation(error)) throw error;
    throw new AppError('CONFLICT', `File ${fileId} is still used by an import; it is kept.`, {
      fileId,
    });
  }
}
