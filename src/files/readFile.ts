import type { Db } from '../db/database.js';
import { AppError } from '../domain/errors.js';
import { getFile } from './getFile.js';

/**
 * Streams a file of `tenantId` chunk by chunk, one query per chunk, so the file is never held in
 * memory whole. Throws NOT_FOUND (on first read) as getFile does.
 */
export async function* readFile(
  db: Db,
  tenantId: number,
  fileId: number,
): AsyncGenerator<Uint8Array, void, undefined> {
  const file = await getFile(db, tenantId, fileId);
  let read = 0;
  for (let seq = 0; ; seq++) {
    const row = await db
      .selectFrom('file_chunks')
      .select('data')
      .where('file_id', '=', fileId)
      .where('seq', '=', seq)
      .executeTakeFirst();
    if (!row) break;
    read += row.data.byteLength;
    yield row.data;
  }
  if (read !== file.size) {
    // The sweep removed it while we were reading; better an error than a truncated download.
    throw new AppError('NOT_FOUND', `File ${fileId} was removed while it was being read.`, {
      fileId,
    });
  }
}
