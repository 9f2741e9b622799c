import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { enqueueJob } from './enqueueJob.js';
import type { JobRegistry, PeriodicJob } from './registry.js';
import { dialectOf } from '../db/dialectOf.js';
import { inTransaction } from './sql.js';
import type { JobKind, JobPayloads } from './types.js';

/** Queues the next instance of a periodic job unless one is already queued or running. */
async function ensureOne(db: Db, periodic: PeriodicJob, now: number): Promise<number | null> {
  return inTransaction(db, async (trx) => {
    // Many workers run this at once; the check and the insert must not interleave. SQLite's
    // BEGIN IMMEDIATE already serialises them; PostgreSQL needs a lock per kind.
    if (dialectOf(trx) === 'postgres') {
      const lockName = `rewardbook.periodic:${periodic.kind}`;
      await sql`select pg_advisory_xact_lock(hashtext(${lockName}))`.execute(trx);
    }
    const pending = await trx
      .selectFrom('jobs')
      .select('id')
      .where('kind', '=', periodic.kind)
      .where('status', 'in', ['queued', 'running'])
      .limit(1)
      .executeTakeFirst();
    if (pending) return null;
    const last = await trx
      .selectFrom('jobs')
      .select((eb) => eb.fn.max('run_at').as('run_at'))
      .where('kind', '=', periodic.kind)
      .executeTakeFirst();
    const lastRunAt = last?.run_at ?? null;
    const runAt = lastRunAt === null ? now : Math.max(now, Number(lastRunAt) + periodic.everyMs);
    const payload = {} as JobPayloads[JobKind];
    return enqueueJob(trx, { kind: periodic.kind, payload, runAt, maxAttempts: 3 }, now);
  });
}

/**
 * Makes sure each periodic job of `registry` has one pending instance; returns the ids queued.
 * Workers call it on start and then regularly.
 */
export async function ensurePeriodicJobs(
  db: Db,
  registry: JobRegistry,
  now = Date.now(),
): Promise<number[]> {
  const queued: number[] = [];
  for (const periodic of registry.periodic.values()) {
    const id = await ensureOne(db, periodic, now);
    if (id !== null) queued.push(id);
  }
  return queued;
}
