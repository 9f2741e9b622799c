/** Registers the export job: generation, and what happens when it fails for good or is cancelled. */
import { isAppError } from '../domain/errors.js';
import { queueEmail } from '../email/queueEmail.js';
import { registerJobHandler, type JobRegistry } from '../jobs/registry.js';
import { errorText } from '../jobs/sql.js';
import { reportFailedEmail } from './exportEmails.js';
import { EXPORT_JOB } from './exportJobKind.js';
import { endExport, findExport } from './exports.repository.js';
import { factsOf, runExport, type ExportConfig } from './runExport.js';

/** What the admin is told: a refusal's own message, or that something unexpected stopped it. */
export function failureReason(error: Error): string {
  if (isAppError(error)) return error.message;
  return `the server ran into an unexpected problem while writing it (${errorText(error)}).`;
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
      if (ended && record.notify_email) {
        const email = reportFailedEmail(factsOf(record), reason);
        await queueEmail(trx, { tenantId: record.tenant_id, to: record.notify_email, ...email });
      }
    },
    async onCancelled({ exportId }, { trx }) {
      await endExport(trx, exportId, { status: 'cancelled', finishedAt: Date.now() });
    },
  });
}
