import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { dialectOf } from '../db/dialectOf.js';
import { isUniqueViolation } from './sql.js';
import type { JobRow } from './types.js';

/**
 * The id of the job to claim next, in `run_at, id` order: a queued job that is due, or a running
 * job whose lease ran out (its worker died). A job with a queue key waits while another job of
 * that key is running (a dead one is itself claimable, and comes first since it is older).
 */
function nextClaimable(db: Db, kinds: readonly string[], now: number) {
  return db
    .selectFrom('jobs as j')
    .select('j.id')
    .where('j.kind', 'in', kinds)
    .where((eb) =>
      eb.or([
        eb.and([eb('j.status', '=', 'queued'), eb('j.run_at', '<=', now)]),
        eb.and([eb('j.status', '=', 'running'), eb('j.locked_until', '<', now)]),
      ]),
    )
    .where((eb) =>
      eb.or([
        eb('j.queue_key', 'is', null),
        eb.not(
          eb.exists(
            eb
              .selectFrom('jobs as r')
              .select(sql.lit(1).as('one'))
              .whereRef('r.queue_key', '=', 'j.queue_key')
              .where('r.status', '=', 'running')
              .whereRef('r.id', '<>', 'j.id'),
          ),
        ),
      ]),
    )
    .orderBy('j.run_at')
    .orderBy('j.id')
    .limit(1);
}

function takeLease(db: Db, workerId: string, leaseMs: number, now: number) {
  return db.updateTable('jobs').set((eb) => ({
    status: 'running',
    attempts: eb('attempts', '+', 1),
    locked_by: workerId,
    locked_until: now + leaseMs,
    updated_at: now,
  }));
}

function claimOnPostgres(db: Db, workerId: string, kinds: readonly string[], leaseMs: number) {
  const now = Date.now();
  // One statement: SKIP LOCKED lets concurrent claimers pass over each other's candidate rows.
  return takeLease(db, workerId, leaseMs, now)
    .where('id', '=', nextClaimable(db, kinds, now).forUpdate().skipLocked())
    .returningAll()
    .executeTakeFirst();
}

function claimOnSqlite(db: Db, workerId: string, kinds: readonly string[], leaseMs: number) {
  // BEGIN IMMEDIATE (see sqliteDialect.ts) holds the write lock from the select to the update,
  // so two processes never pick the same row.
  return db.transaction().execute(async (trx) => {
    const now = Date.now();
    const next = await nextClaimable(trx, kinds, now).executeTakeFirst();
    if (!next) return undefined;
    return takeLease(trx, workerId, leaseMs, now)
      .where('id', '=', next.id)
      .returningAll()
      .executeTakeFirst();
  });
}

/**
 * Claims the next due job of one of `kinds` for `workerId`, holding it for `leaseMs`, and counts
 * the attempt. Returns undefined when no job is due.
 */
export async function claimJob(
  db: Db,
  workerId: string,
  kinds: readonly string[],
  leaseMs: number,
): Promise<JobRow | undefined> {
  if (kinds.length === 0) return undefined;
  const claim = dialectOf(db) === 'postgres' ? claimOnPostgres : claimOnSqlite;
  for (let tries = 0; ; tries++) {
    try {
      return await claim(db, workerId, kinds, leaseMs);
    } catch (error) {
      // Two claimers picked different jobs of one queue key at once; the unique index let one
      // win. Looking again sees the winner running and passes over that key.
      if (!isUniqueViolation(error) || tries >= 3) throw error;
    }
  }
}
