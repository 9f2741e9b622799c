import type { Db } from '../db/database.js';
import type { EnqueueOptions, JobKind } from './types.js';

export const DEFAULT_MAX_ATTEMPTS = 5;

/**
 * Queues a job and returns its id. Pass the caller's transaction so the job exists exactly
 * when the request that asked for it does.
 */
export async function enqueueJob<K extends JobKind>(
  db: Db,
  options: EnqueueOptions<K>,
  now = Date.now(),
): Promise<number> {
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
    throw new Error(`maxAttempts must be a whole number of at least 1; got ${maxAttempts}`);
  }
  const row = await db
    .insertInto('jobs')
    .values({
      tenant_id: options.tenantId ?? null,
      kind: options.kind as string,
      payload: JSON.stringify(options.payload),
      status: 'queued',
      queue_key: options.queueKey ?? null,
      run_at: options.runAt ?? now,
      attempts: 0,
      progress_done: 0,
      progress_total: 0,
      max_attempts: maxAttempts,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
