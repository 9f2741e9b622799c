import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { describeEachDb } from '../../test/helpers/databases.js';
import { cancelJob } from './cancelJob.js';
import { claimJob } from './claimJob.js';
import { createJobRegistry } from './registry.js';
import { enqueueTestJob, jobStatus, registerTestKind, waitFor } from './testing/helpers.js';
import { startWorker } from './worker.js';

const fast = { pollMs: 10, leaseMs: 3000, exitWhenIdle: true } as const;

describeEachDb('worker lifecycle', (get) => {
  it('waits for a job whose worker died, reclaims it after its lease and runs it', async () => {
    const { handle } = get();
    const runs: number[] = [];
    const registry = createJobRegistry();
    registerTestKind(registry, 'test.orphan', {
      perform: async (_p, ctx) => void runs.push(ctx.attempt),
    });
    const jobId = await enqueueTestJob(handle.db, 'test.orphan', {});
    expect((await claimJob(handle.db, 'crashed-worker', ['test.orphan'], 200))?.id).toBe(jobId);
    await startWorker({ ...fast, handle, registry }).idle;
    expect(runs).toEqual([2]);
    expect(await jobStatus(handle.db, jobId)).toMatchObject({ status: 'succeeded', attempts: 2 });
  });

  it('gives up on a job whose workers keep dying once its attempts are used', async () => {
    const { handle } = get();
    const failed: string[] = [];
    const registry = createJobRegistry();
    registerTestKind(registry, 'test.killer', {
      perform: () => Promise.reject(new Error('must not run')),
      onFailed: async (_p, error) => void failed.push(error.message),
    });
    const jobId = await enqueueTestJob(handle.db, 'test.killer', {}, { maxAttempts: 1 });
    await claimJob(handle.db, 'crashed-worker', ['test.killer'], 50);
    await startWorker({ ...fast, handle, registry }).idle;
    expect(await jobStatus(handle.db, jobId)).toMatchObject({ status: 'failed', attempts: 2 });
    expect(failed).toEqual([expect.stringContaining('Gave up after 1 attempts')]);
  });

  it('with exitWhenIdle, waits for a retry that is due later', async () => {
    const { handle } = get();
    const registry = createJobRegistry();
    registerTestKind(registry, 'test.later', {
      retryDelayMs: () => 300,
      perform: async (_p, ctx) => {
        if (ctx.attempt === 1) throw new Error('try again');
      },
    });
    const jobId = await enqueueTestJob(handle.db, 'test.later', {});
    await startWorker({ ...fast, handle, registry }).idle;
    expect(await jobStatus(handle.db, jobId)).toMatchObject({ status: 'succeeded', attempts: 2 });
  });

  it('runs jobs sharing a queue key one at a time, others alongside', async () => {
    const { handle } = get();
    const running = new Map<string, number>();
    const most = new Map<string, number>();
    const registry = createJobRegistry();
    registerTestKind<{ key: string }>(registry, 'test.serial', {
      perform: async ({ key }) => {
        running.set(key, (running.get(key) ?? 0) + 1);
        most.set(key, Math.max(most.get(key) ?? 0, running.get(key)!));
        await sleep(15);
        running.set(key, running.get(key)! - 1);
      },
    });
    for (let i = 0; i < 6; i++) {
      for (const key of ['a', 'b']) {
        await enqueueTestJob(handle.db, 'test.serial', { key }, { queueKey: `import:${key}` });
      }
      await enqueueTestJob(handle.db, 'test.serial', { key: 'free' });
    }
    await startWorker({ ...fast, handle, registry, concurrency: 4 }).idle;
    expect(most.get('a')).toBe(1);
    expect(most.get('b')).toBe(1);
    const left = await handle.db
      .selectFrom('jobs')
      .select('id')
      .where('kind', '=', 'test.serial')
      .where('status', '<>', 'succeeded')
      .execute();
    expect(left).toEqual([]);
  });

  it('cancels a queued job at once and a running one at its next progress report', async () => {
    const { handle } = get();
    const cancelled: number[] = [];
    let started = false;
    const registry = createJobRegistry();
    registerTestKind(registry, 'test.long', {
      perform: async (_p, ctx) => {
        started = true;
        for (let done = 0; ; done++) {
          await ctx.progress(done, 1000);
          await sleep(10);
        }
      },
      onCancelled: async (_p, ctx) => void cancelled.push(ctx.jobId),
    });
    const queued = await enqueueTestJob(handle.db, 'test.long', {}, { runAt: Date.now() + 60_000 });
    expect(await cancelJob(handle.db, queued)).toBe('cancelled');
    expect(await cancelJob(handle.db, queued)).toBe('finished');
    expect(await cancelJob(handle.db, 999_999)).toBe('not-found');

    const jobId = await enqueueTestJob(handle.db, 'test.long', {}, { tenantId: null });
    const worker = startWorker({ ...fast, handle, registry });
    await waitFor(async () => started, 'the long job to start');
    expect(await cancelJob(handle.db, jobId)).toBe('cancelling');
    await worker.idle;
    expect(await jobStatus(handle.db, jobId)).toMatchObject({
      status: 'cancelled',
      locked_by: null,
    });
    expect(cancelled).toEqual([jobId]);
    expect((await jobStatus(handle.db, queued)).status).toBe('cancelled');
  });

  it('renews the lease while a handler runs longer than it, so no one else takes the job', async () => {
    const { handle } = get();
    const runs: string[] = [];
    const registry = createJobRegistry();
    registerTestKind(registry, 'test.slow', {
      perform: async (_p, ctx) => {
        runs.push(`attempt ${ctx.attempt}`);
        await sleep(600);
      },
    });
    const jobId = await enqueueTestJob(handle.db, 'test.slow', {});
    const workers = [1, 2].map(() => startWorker({ ...fast, handle, registry, leaseMs: 150 }));
    await Promise.all(workers.map((w) => w.idle));
    expect(runs).toEqual(['attempt 1']);
    expect(await jobStatus(handle.db, jobId)).toMatchObject({ status: 'succeeded', attempts: 1 });
  });

  it('stops a handler whose lease was taken over, and writes nothing after it', async () => {
    const { handle } = get();
    let started = false;
    const seen: string[] = [];
    const registry = createJobRegistry();
    registerTestKind(registry, 'test.stolen', {
      perform: async (_p, ctx) => {
        started = true;
        await waitFor(async () => ctx.signal.aborted, 'the lease to be lost');
        seen.push((ctx.signal.reason as Error).message);
        await ctx.transaction(async () => void seen.push('committed')).catch(() => undefined);
        await ctx.progress(1, 1).catch(() => seen.push('progress refused'));
      },
    });
    const jobId = await enqueueTestJob(handle.db, 'test.stolen', {});
    const events: string[] = [];
    const worker = startWorker({
      handle,
      registry,
      pollMs: 10,
      leaseMs: 90,
      onEvent: (e) => void events.push(e.type === 'job' ? e.outcome : e.type),
    });
    await waitFor(async () => started, 'the job to start');
    await handle.db
      .updateTable('jobs')
      .set({ locked_by: 'thief' })
      .where('id', '=', jobId)
      .execute();
    await waitFor(async () => events.length > 0, 'the run to end');
    await worker.stop();
    expect(seen).toEqual([expect.stringContaining('lease'), 'progress refused']);
    expect(events).toEqual(['lease-lost']);
    expect(await jobStatus(handle.db, jobId)).toMatchObject({
      status: 'running',
      locked_by: 'thief',
      progress_done: 0,
    });
  });

  it('on stop, hands a running job back to the queue without counting the attempt', async () => {
    const { handle } = get();
    let started = false;
    const registry = createJobRegistry();
    registerTestKind(registry, 'test.interrupted', {
      perform: async (_p, ctx) => {
        started = true;
        await sleep(60_000, undefined, { signal: ctx.signal });
      },
    });
    const jobId = await enqueueTestJob(handle.db, 'test.interrupted', {});
    const worker = startWorker({ handle, registry, pollMs: 10, leaseMs: 3000 });
    await waitFor(async () => started, 'the job to start');
    await worker.stop();
    await worker.idle;
    expect(await jobStatus(handle.db, jobId)).toMatchObject({
      status: 'queued',
      attempts: 0,
      locked_by: null,
    });
  });
});
