/**
 * Metrics read from the database at scrape time, so that every process (any number of API and
 * worker processes on one PostgreSQL) reports the same numbers, and they survive restarts.
 */
import type { Db } from '../db/database.js';
import type { JobStatus } from '../db/schema.js';
import type { Collector, MetricFamily } from './metrics.js';

const REPORTED: readonly JobStatus[] = ['queued', 'running', 'failed'];

/** `rewardbook_jobs{status,kind}`: jobs per kind now queued, running or failed. */
async function jobGauges(db: Db): Promise<MetricFamily> {
  const rows = await db
    .selectFrom('jobs')
    .select(['kind', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', 'in', REPORTED)
    .groupBy(['kind', 'status'])
    .orderBy('kind')
    .execute();
  const counts = new Map(rows.map((r) => [`${r.kind}\u0000${r.status}`, Number(r.n)]));
  // Every status of a kind seen, zeros included, so that a series drops to 0 instead of vanishing.
  const kinds = [...new Set(rows.map((r) => r.kind))];
  return {
    name: 'rewardbook_jobs',
    help: 'Background jobs now queued, running or failed, by kind.',
    type: 'gauge',
    samples: kinds.flatMap((kind) =>
      REPORTED.map((status) => ({
        labels: { status, kind },
        value: counts.get(`${kind}\u0000${status}`) ?? 0,
      })),
    ),
  };
}

/**
 * `rewardbook_import_rows_applied_total`: rows of real (not dry-run) imports applied so far, each
 * with its outcome (redeemed, skipped or error). It is the sum of the imports' `rows_done`, which
 * grows in the transaction that applies a chunk, so a row counts exactly once.
 */
async function importRowsApplied(db: Db): Promise<MetricFamily> {
  const row = await db
    .selectFrom('imports')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('rows_done'), eb.lit(0)).as('n'))
    .where('dry_run', '=', 0)
    .executeTakeFirst();
  return {
    name: 'rewardbook_import_rows_applied_total',
    help: 'Rows of imports (not dry runs) applied so far, whatever their outcome.',
    type: 'counter',
    samples: [{ labels: {}, value: Number(row?.n ?? 0) }],
  };
}

export function databaseCollector(db: Db): Collector {
  return async () => [await jobGauges(db), await importRowsApplied(db)];
}
