import type { Db } from '../db/database.js';
import type { JobRow } from './types.js';

/** A job by id (for showing its status and progress); `tenantId` scopes the lookup when given. */
export async function getJob(
  db: Db,
  jobId: number,
  options: { tenantId?: number } = {},
): Promise<JobRow | undefined> {
  let query = db.selectFrom('jobs').selectAll().where('id', '=', jobId);
  if (options.tenantId !== undefined) query = query.where('tenant_id', '=', options.tenantId);
  return query.executeTakeFirst();
}

/**
 * Whether any job of `kinds` is still to do: queued and due, waiting for a retry, or running
 * (including one whose worker died, which a worker will reclaim). A first run scheduled for
 * later, such as the next instance of a periodic job, does not count.
 */
export async function hasPendingJobs(db: Db, kinds: readonly string[]): Promise<boolean> {
  if (kinds.length === 0) return false;
  const now = Date.now();
  const row = await db
    .selectFrom('jobs')
    .select('id')
    .where('kind', 'in', kinds)
    .where((eb) =>
      eb.or([
        eb('status', '=', 'running'),
        eb.and([
          eb('status', '=', 'queued'),
          eb.or([eb('run_at', '<=', now), eb('attempts', '>', 0)]),
        ]),
      ]),
    )
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
