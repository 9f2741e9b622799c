/** Cancels an export: at once while it is queued, at its next page while it is running. */
import type { Db } from '../db/database.js';
import { AppError } from '../domain/errors.js';
import { cancelJob } from '../jobs/cancelJob.js';
import { endExport, findExport, type ExportRecord } from './exports.repository.js';

/** cancelled: it will not run; cancelling: it is running and stops shortly. */
export type ExportCancelOutcome = 'cancelled' | 'cancelling';

/** Errors: NOT_FOUND (no such export of this tenant), CONFLICT (it has already ended). */
export async function cancelExport(
  db: Db,
  tenantId: number,
  exportId: number,
): Promise<{ outcome: ExportCancelOutcome; record: ExportRecord }> {
  return db.transaction().execute(async (trx) => {
    const before = await findExport(trx, tenantId, exportId);
    if (!before) throw exportNotFound(exportId);
    if (before.status !== 'queued' && before.status !== 'running') {
      throw new AppError(
        'CONFLICT',
        `Export ${exportId} has already ${before.status === 'cancelled' ? 'been cancelled' : before.status}; there is nothing to cancel.`,
        { exportId, status: before.status },
      );
    }
    const job =
      before.job_id === null ? 'not-found' : await cancelJob(trx, before.job_id, { tenantId });
    // A running job ends the export itself when it stops (onCancelled); any other job will not run.
    const outcome: ExportCancelOutcome = job === 'cancelling' ? 'cancelling' : 'cancelled';
    if (outcome === 'cancelled') {
      await endExport(trx, exportId, { status: 'cancelled', finishedAt: Date.now() });
    }
    const record = await findExport(trx, tenantId, exportId);
    return { outcome, record: record ?? before };
  });
}

export function exportNotFound(exportId: number): AppError {
  return new AppError('NOT_FOUND', `Export ${exportId} does not exist.`, { exportId });
}
