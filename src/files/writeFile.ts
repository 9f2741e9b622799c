import { createHash } from 'node:crypto';
import type { Db } from '../db/database.js';
import { AppError } from '../domain/errors.js';
import type { FileRecord } from './fileRecord.js';

export const CHUNK_BYTES = 1024 * 1024;

export interface NewFile {
  tenantId: number;
  purpose: string;
  name: string;
  contentType: string;
  /** Epoch ms; use fileExpiry(config) for the configured retention, null to keep it. */
  expiresAt: number | null;
}

export interface WriteFileOptions {
  /** Refuse the file once it grows past this many bytes (uploads: config.uploadLimitBytes). */
  limitBytes?: number;
  chunkBytes?: number;
}

function tooLarge(limitBytes: number): AppError {
  const mb = Math.round((limitBytes / (1024 * 1024)) * 10) / 10;
  return new AppError(
    'PAYLOAD_TOO_LARGE',
    `The file is larger than the ${mb} MB limit. Send a smaller file, or raise the limit with ` +
      'the UPLOAD_LIMIT_MB variable.',
    { limitBytes },
  );
}

/**
 * Streams `source` into the database in chunks of about 1 MB, each its own insert, hashing as it
 * goes. The file becomes visible (complete) only once every chunk is written; if anything fails,
 * including the size limit, what was written is deleted and the error is rethrown.
 */
export async function writeFile(
  db: Db,
  file: NewFile,
  source: AsyncIterable<Uint8Array>,
  options: WriteFileOptions = {},
): Promise<FileRecord> {
  const chunkBytes = options.chunkBytes ?? CHUNK_BYTES;
  const createdAt = Date.now();
  const { id } = await db
    .insertInto('files')
    .values({
      tenant_id: file.tenantId,
      purpose: file.purpose,
      name: file.name,
      content_type: file.contentType,
      size: 0,
      sha256: null,
      complete: 0,
      created_at: createdAt,
      expires_at: file.expiresAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const hash = createHash('sha256');
  let size = 0;
  let seq = 0;
  let chunk = Buffer.allocUnsafe(chunkBytes);
  let filled = 0;
  const flush = async () => {
    if (filled === 0) return;
    const data = chunk.subarray(0, filled);
    await db.insertInto('file_chunks').values({ file_id: id, seq, data }).execute();
    seq += 1;
    chunk = Buffer.allocUnsafe(chunkBytes);
    filled = 0;
  };
  try {
    for await (const piece of source) {
      size += piece.byteLength;
      if (options.limitBytes !== undefined && size > options.limitBytes) {
        throw tooLarge(options.limitBytes);
      }
      hash.update(piece);
      // Copy, since a stream may reuse the buffer it yielded.
      for (let offset = 0; offset < piece.byteLength;) {
        const take = Math.min(chunkBytes - filled, piece.byteLength - offset);
        chunk.set(piece.subarray(offset, offset + take), filled);
        filled += take;
        offset += take;
        if (filled === chunkBytes) await flush();
      }
    }
    await flush();
    const sha256 = hash.digest('hex');
    await db.updateTable('files').set({ size, sha256, complete: 1 }).where('id', '=', id).execute();
    return { ...file, id, size, sha256, createdAt };
  } catch (error) {
    await db
      .deleteFrom('files')
      .where('id', '=', id)
      .execute()
      .catch(() => undefined);
    throw error;
  }
}
