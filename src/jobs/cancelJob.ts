import type { Db } from '../db/database.js';
import { inTransaction } from './sql.js';

/**
 * - cancelled: the job was queued and will not run;
 * - cancelling: it is running; its handler stops at its next progress report;
 * - finished: it had already ended (succeeded, failed or cancelled);
 * - not-found: no such job (for this tenant, when one is given).
 */
export type CancelOutcome = 'cancelled' | 'cancelling' | 'finished' | 'not-found';

/** Cancels a job: at once when queued, at the handler's next progress report when running. */
export function cancelJob(
  db: Db,
  jobId: number,
  options: { tenantId?: number } = {},
): Promise<CancelOutcome> {
  const now = Date.now();
  return inTransaction(db, async (trx) => {
    const ofJob = () => {
      let q = trx.updateTable('jobs').where('id', '=', jobId);
      if (options.tenantId !== undefined) q = q.where('tenant_id', '=', options.tenantId);
      return q;
    };
    const queued = await ofJob()
      .set({ status: 'cancelled', updated_at: now, finished_at: now })
      .where('status', '=', 'queued')
      .executeTakeFirst();
    if (queued.numUpdatedRows > 0n) return 'cancelled';
    const running = await ofJob()
      .set({ cancel_requested: 1, updated_at: now })
      .where('status', '=', 'running')
      .executeTakeFirst();
    if (running.numUpdatedRows > 0n) return 'cancelling';
    let exists = trx.selectFrom('jobs').select('id').where('id', '=', jobId);
    if (options.tenantId !== undefined) exists = exists.where('tenant_id', '=', options.tenantId);
    return (await exists.executeTakeFirst()) ? 'finished' : 'not-found';
  });
}
