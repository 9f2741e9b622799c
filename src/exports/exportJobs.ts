/** Registers the export job: generation, and what happens when it fails for good or is cancelled. */
import type { Db } from '../db/database.js';
import { isAppError } from '../domain/errors.js';
import { queueEmail } from '../email/queueEmail.js';
import { registerJobHandler, type JobRegistry } from '../jobs/registry.js';
import { errorText } from '../jobs/sql.js';
import { reportFailedEmail } from './exportEmails.js';
import { EXPORT_JOB } from './exportJobKind.js';
import { EXPORT_FORMATS, exportFileName } from './exportKinds.js';
import {
  deleteStrayReports,
  endExport,
  findExport,
  type ExportRecord,
} from './exports.repository.js';
import { factsOf, runExport, type ExportConfig } from './runExport.js';

/** What the admin is told: a refusal's own message, or that something unexpected stopped it. */
export function failureReason(error: Error): string {
  if (isAppError(error)) return error.message;
  return `the server ran into an unexpected problem while writing it (${errorText(error)}).`;
}

/**
 * Deletes the files that attempts of an export which ended without a report wrote before their
 * worker died: nothing will link them, and they would otherwise wait for the expiry sweep.
 */
async function deleteUnlinkedReports(trx: Db, record: ExportRecord): Promise<void> {
  const format = EXPORT_FORMATS.find((f) => f === record.format);
  if (!format) return; // a format this version does not know: it wrote no files
  const name = exportFileName(record.id, record.created_at, format);
  await deleteStrayReports(trx, record.tenant_id, name, record.file_id ?? 0);
}

export function registerExportJobs(
  registry: JobRegistry,
  options: { config: ExportConfig; retryDelayMs?: (attempt: number) => number },
): void {
  const { config } = options;
  registerJobHandler(registry, EXPORT_JOB, {
    retryDelayMs: options.retryDelayMs,
    perform: ({ exportId }, ctx) => runExport(exportId, ctx, config),
    async onFailed({ exportId }, error, { trx, tenantId }) {
      const record = tenantId === null ? undefined : await findExport(trx, tenantId, exportId);
      if (!record) return;
      const reason = failureReason(error);
      const ended = await endExport(trx, exportId, {
        status: 'failed',
        error: reason,
        finishedAt: Date.now(),
      });
      await deleteUnlinkedReports(trx, record);
      if (ended && record.notify_email) {
        const email = reportFailedEmail(factsOf(record), reason);
        await queueEmail(trx, { tenantId: record.tenant_id, to: record.notify_email, ...email });
      }
    },
    async onCancelled({ exportId }, { trx, tenantId }) {
      await endExport(trx, exportId, { status: 'cancelled', finishedAt: Date.now() });
      const record = tenantId === null ? undefined : await findExport(trx, tenantId, exportId);
      if (record) await deleteUnlinkedReports(trx, record);
    },
  });
}
