import type { Db } from '../db/database.js';

export type LeaseState = 'held' | 'lost' | 'cancel-requested';

/**
 * Extends `workerId`'s lease on a running job by `leaseMs`, storing progress when given, and
 * says whether the lease is still held and whether someone asked to cancel the job.
 */
export async function renewLease(
  db: Db,
  jobId: number,
  workerId: string,
  leaseMs: number,
  progress?: { done: number; total: number },
): Promise<LeaseState> {
  const now = Date.now();
  const row = await db
    .updateTable('jobs')
    .set({
      locked_until: now + leaseMs,
      updated_at: now,
      ...(progress && { progress_done: progress.done, progress_total: progress.total }),
    })
    .where('id', '=', jobId)
    .where('locked_by', '=', workerId)
    .where('status', '=', 'running')
    .returning('cancel_requested')
    .executeTakeFirst();
  if (!row) return 'lost';
  return row.cancel_requested ? 'cancel-requested' : 'held';
}

/** Checks, inside `trx`, that `workerId` still holds the job, locking its row on PostgreSQL. */
export async function holdsJob(
  trx: Db,
  jobId: number,
  workerId: string,
  lockRow: boolean,
): Promise<boolean> {
  let query = trx
    .selectFrom('jobs')
    .select('id')
    .where('id', '=', jobId)
    .where('locked_by', '=', workerId)
    .where('status', '=', 'running');
  if (lockRow) query = query.forUpdate();
  return (await query.executeTakeFirst()) !== undefined;
}
