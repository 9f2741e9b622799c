import type { UpdateObject } from 'kysely';
import type { Db } from '../db/database.js';
import type { Database } from '../db/schema.js';
import { errorText } from './sql.js';

const released = { locked_by: null, locked_until: null } as const;

/**
 * Applies `values` to a running job only while `workerId` still holds it, so a worker whose lease
 * ran out cannot overwrite what the job's new owner does. False when the lease was lost.
 */
async function release(
  db: Db,
  jobId: number,
  workerId: string,
  values: UpdateObject<Database, 'jobs'>,
): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set({ ...released, ...values })
    .where('id', '=', jobId)
    .where('locked_by', '=', workerId)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export function completeJob(db: Db, jobId: number, workerId: string, now = Date.now()) {
  return release(db, jobId, workerId, {
    status: 'succeeded',
    last_error: null,
    updated_at: now,
    finished_at: now,
  });
}

/** Puts the job back in the queue to run again at `runAt`, keeping the error for the record. */
export function retryJob(
  db: Db,
  jobId: number,
  workerId: string,
  error: unknown,
  runAt: number,
  now = Date.now(),
) {
  return release(db, jobId, workerId, {
    status: 'queued',
    run_at: runAt,
    last_error: errorText(error),
    updated_at: now,
  });
}

export function failJob(db: Db, jobId: number, workerId: string, error: unknown, now = Date.now()) {
  return release(db, jobId, workerId, {
    status: 'failed',
    last_error: errorText(error),
    updated_at: now,
    finished_at: now,
  });
}

export function markJobCancelled(db: Db, jobId: number, workerId: string, now = Date.now()) {
  return release(db, jobId, workerId, { status: 'cancelled', updated_at: now, finished_at: now });
}

/** Returns an interrupted job to the queue at once; the attempt it was on does not count. */
export function handBackJob(db: Db, jobId: number, workerId: string, now = Date.now()) {
  return release(db, jobId, workerId, {
    status: 'queued',
    run_at: now,
    attempts: (eb) => eb('attempts', '-', 1),
    updated_at: now,
  });
}
