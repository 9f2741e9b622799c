/** Stores an uploaded file (streamed, size-limited, hashed) and starts an import of it. */
import type { Config } from '../config/config.js';
import type { Db } from '../db/database.js';
import { deleteFile, fileExpiry, writeFile } from '../files/index.js';
import { CsvRecordCounter } from './read/countRecords.js';
import { startImport } from './startImport.js';

export interface UploadImportInput {
  tenantId: number;
  fileName: string;
  contentType?: string;
  source: AsyncIterable<Uint8Array>;
  dryRun: boolean;
  confirmRepeat: boolean;
  actor: string;
  notifyEmail?: string | null;
}

/** Only the last path segment of a client's file name is kept, and only as a label. */
export function cleanFileName(name: string): string {
  const last = name.split(/[\\/]/).pop() ?? '';
  const cleaned = last
    .replace(/[^\p{L}\p{N} ._()-]/gu, '_')
    .slice(0, 200)
    .trim();
  return cleaned || 'upload.csv';
}

/** The bytes of `source`, counted as CSV records on their way through. */
async function* counted(source: AsyncIterable<Uint8Array>, counter: CsvRecordCounter) {
  for await (const chunk of source) {
    counter.push(chunk);
    yield chunk;
  }
}

/** Errors: PAYLOAD_TOO_LARGE (nothing kept), REPEATED_FILE (the upload is discarded). */
export async function uploadImport(
  db: Db,
  config: Config,
  input: UploadImportInput,
): Promise<number> {
  const fileName = cleanFileName(input.fileName);
  // Counted here, where the bytes pass anyway, rather than by the job reading the file once more.
  const counter = new CsvRecordCounter();
  const file = await writeFile(
    db,
    {
      tenantId: input.tenantId,
      purpose: 'upload',
      name: fileName,
      contentType: input.contentType ?? 'application/octet-stream',
      expiresAt: fileExpiry(config),
    },
    counted(input.source, counter),
    { limitBytes: config.uploadLimitBytes },
  );
  try {
    return await startImport(db, {
      tenantId: input.tenantId,
      fileId: file.id,
      fileName,
      sha256: file.sha256,
      dryRun: input.dryRun,
      confirmRepeat: input.confirmRepeat,
      actor: input.actor,
      notifyEmail: input.notifyEmail ?? null,
      totalRows: counter.count(),
    });
  } catch (error) {
    await deleteFile(db, input.tenantId, file.id);
    throw error;
  }
}
