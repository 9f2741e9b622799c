/**
 * The export job: streams the balances as of its start into a report file, then, in one
 * transaction that commits only while this worker still holds the job, links the file to the
 * export and queues the "ready" email. Safe to run twice: only the first link wins, a loser
 * deletes its own file, and the winner deletes what a crashed earlier attempt left behind, so a
 * retried export ends with exactly one report file.
 */
import type { Config } from '../config/config.js';
import type { Db } from '../db/database.js';
import { AppError } from '../domain/errors.js';
import { queueEmail } from '../email/queueEmail.js';
import { deleteFile } from '../files/deleteFile.js';
import { fileExpiry, type FileRecord } from '../files/fileRecord.js';
import { writeFile } from '../files/writeFile.js';
import type { JobContext } from '../jobs/types.js';
import type { RowBatches } from '../reports/format/columns.js';
import { writeCsv } from '../reports/format/csvWriter.js';
import { writeXlsx } from '../reports/format/xlsxWriter.js';
import { balanceRowBatches } from './balanceRows.js';
import { downloadUrlFor } from './downloadUrl.js';
import { reportReadyEmail, type ExportFacts } from './exportEmails.js';
import { CONTENT_TYPES, exportFileName, parseExportFormat } from './exportKinds.js';
import {
  deleteStrayReports,
  findExport,
  linkExportFile,
  markExportRunning,
  type ExportRecord,
} from './exports.repository.js';
import { readAhead } from './readAhead.js';
import { withReportReader } from './reportReader.js';

/** Report bytes written ahead while the file store writes the last megabyte. */
const READ_AHEAD_BYTES = 2 * 1024 * 1024;

export type ExportConfig = Pick<
  Config,
  'publicUrl' | 'secretKey' | 'linkExpiryDays' | 'fileRetentionDays'
>;

export function factsOf(record: ExportRecord): ExportFacts {
  return {
    exportId: record.id,
    format: record.format,
    unitCode: record.unitCode,
    programCode: record.programCode,
  };
}

async function* counted(batches: RowBatches, count: { rows: number }): RowBatches {
  for await (const batch of batches) {
    count.rows += batch.length;
    yield batch;
  }
}

/** Writes the report of `record` as of `now` into a new file. */
function writeReport(
  db: Db,
  record: ExportRecord,
  ctx: JobContext,
  config: ExportConfig,
  now: number,
): Promise<{ file: FileRecord; rowCount: number }> {
  const format = parseExportFormat(record.format);
  const file = {
    tenantId: record.tenant_id,
    purpose: 'report',
    name: exportFileName(record.id, record.created_at, format),
    contentType: CONTENT_TYPES[format],
    expiresAt: fileExpiry(config, now),
  };
  return withReportReader(db, async (reader) => {
    const count = { rows: 0 };
    const rows = balanceRowBatches(reader, {
      scope: { tenantId: record.tenant_id, unitId: record.unit_id, programId: record.program_id },
      programCode: record.programCode,
      now,
      onProgress: (done, total) => ctx.progress(done, total),
    });
    const batches = counted(rows, count);
    const bytes =
      format === 'CSV' ? writeCsv(batches) : writeXlsx(batches, { modifiedAt: new Date(now) });
    const written = await writeFile(db, file, readAhead(bytes, READ_AHEAD_BYTES));
    return { file: written, rowCount: count.rows };
  });
}

/** Generates export `exportId`; see the module comment. */
export async function runExport(
  exportId: number,
  ctx: JobContext,
  config: ExportConfig,
): Promise<void> {
  const db = ctx.db;
  const tenantId = ctx.tenantId;
  const record = tenantId === null ? undefined : await findExport(db, tenantId, exportId);
  if (!record) throw new AppError('NOT_FOUND', `Export ${exportId} does not exist.`, { exportId });
  // The balances are as of this moment, which the export records as its start.
  const now = Date.now();
  if (!(await markExportRunning(db, exportId, now))) return; // it ended (or was linked) meanwhile
  let written;
  try {
    written = await writeReport(db, record, ctx, config, now);
  } catch (error) {
    // Another run of this job finished it meanwhile (and removed this run's half-written
    // file as a stray): nothing is left to do, and nothing went wrong.
    const current = await findExport(db, record.tenant_id, exportId);
    if (current && current.status !== 'running') return;
    throw error;
  }
  const { file, rowCount } = written;
  try {
    const linked = await ctx.transaction(async (trx) => {
      const finishedAt = Date.now();
      if (!(await linkExportFile(trx, exportId, { fileId: file.id, rowCount, finishedAt }))) {
        return false;
      }
      await deleteStrayReports(trx, record.tenant_id, file.name, file.id);
      if (record.notify_email) {
        const link = downloadUrlFor(config, record.tenant_id, file.id, finishedAt);
        const email = reportReadyEmail(factsOf(record), {
          rowCount,
          asOf: now,
          url: link.url,
          linkExpiresAt: link.expiresAt,
        });
        await queueEmail(trx, { tenantId: record.tenant_id, to: record.notify_email, ...email });
      }
      return true;
    });
    if (!linked) await deleteFile(db, record.tenant_id, file.id);
  } catch (error) {
    await deleteFile(db, record.tenant_id, file.id).catch(() => undefined);
    throw error;
  }
}
