import { expect, it } from 'vitest';
import { openDatabase } from '../db/database.js';
import { describeEachDb } from '../../test/helpers/databases.js';
import type { JobKind } from './types.js';
import { hasPendingJobs } from './getJob.js';
import { ensurePeriodicJobs } from './periodic.js';
import { createJobRegistry, schedulePeriodic } from './registry.js';
import { jobStatus, registerTestKind } from './testing/helpers.js';
import { startWorker } from './worker.js';

const HOUR = 3_600_000;

function sweepRegistry(runs: number[]) {
  const registry = createJobRegistry();
  registerTestKind(registry, 'test.sweep', {
    perform: async (_p, ctx) => void runs.push(ctx.jobId),
  });
  schedulePeriodic(registry, 'test.sweep' as JobKind, HOUR);
  return registry;
}

describeEachDb('periodic jobs', (get) => {
  it('keeps exactly one instance pending however many workers schedule at once', async () => {
    const { url, dialect, handle } = get();
    const registry = sweepRegistry([]);
    const handles = dialect === 'postgres' ? [1, 2, 3, 4].map(() => openDatabase(url)) : [];
    try {
      const dbs = handles.length ? handles.map((h) => h.db) : [handle.db, handle.db];
      const queued = await Promise.all(dbs.map((db) => ensurePeriodicJobs(db, registry)));
      expect(queued.flat()).toHaveLength(1);
    } finally {
      await Promise.all(handles.map((h) => h.close()));
    }
    expect(await ensurePeriodicJobs(handle.db, registry)).toEqual([]);
  });

  it('runs the due instance, then queues the next one a period after it', async () => {
    const { handle } = get();
    const runs: number[] = [];
    const registry = sweepRegistry(runs);
    await ensurePeriodicJobs(handle.db, registry);
    const pending = await handle.db
      .selectFrom('jobs')
      .select(['id', 'run_at'])
      .where('kind', '=', 'test.sweep')
      .where('status', '=', 'queued')
      .executeTakeFirstOrThrow();
    await startWorker({ handle, registry, pollMs: 10, exitWhenIdle: true }).idle;
    expect(runs).toEqual([pending.id]);

    const [next] = await ensurePeriodicJobs(handle.db, registry);
    const job = await jobStatus(handle.db, next!);
    expect(job).toMatchObject({ status: 'queued', run_at: pending.run_at + HOUR });
    // An instance scheduled for later does not keep an exit-when-idle worker waiting.
    expect(await hasPendingJobs(handle.db, ['test.sweep'])).toBe(false);
  });

  it('refuses to schedule a kind without a handler, or more often than every second', () => {
    const registry = createJobRegistry();
    expect(() => schedulePeriodic(registry, 'test.none' as JobKind, HOUR)).toThrow(
      'Register a handler',
    );
    registerTestKind(registry, 'test.none', { perform: async () => undefined });
    expect(() => schedulePeriodic(registry, 'test.none' as JobKind, 10)).toThrow(
      'at most once a second',
    );
  });
});
