import { expect, it } from 'vitest';
import { openDatabase } from '../db/database.js';
import { AppError } from '../domain/errors.js';
import { describeEachDb } from '../../test/helpers/databases.js';
import { createJobRegistry } from './registry.js';
import { enqueueTestJob, jobStatus, registerTestKind } from './testing/helpers.js';
import { startWorker } from './worker.js';

const fast = { pollMs: 10, leaseMs: 3000, exitWhenIdle: true } as const;

describeEachDb('worker', (get) => {
  it('runs each of 50 jobs exactly once with 3 workers racing', async () => {
    const { url, dialect, handle } = get();
    const runs: number[] = [];
    const registry = createJobRegistry();
    registerTestKind<{ n: number }>(registry, 'test.once', {
      perform: async (_payload, ctx) => {
        runs.push(ctx.jobId);
        await new Promise((resolve) => setTimeout(resolve, 2));
      },
    });
    const ids: number[] = [];
    for (let n = 0; n < 50; n++) ids.push(await enqueueTestJob(handle.db, 'test.once', { n }));
    // Separate pools on PostgreSQL; SQLite connections in one process would block each other's
    // event loop (worker.processes.test.ts races separate processes on both dialects).
    const handles = dialect === 'postgres' ? [1, 2, 3].map(() => openDatabase(url)) : [];
    try {
      const workers = (handles.length ? handles : [handle, handle, handle]).map((h) =>
        startWorker({ ...fast, handle: h, registry, concurrency: 2 }),
      );
      await Promise.all(workers.map((w) => w.idle));
    } finally {
      await Promise.all(handles.map((h) => h.close()));
    }
    expect([...runs].sort((a, b) => a - b)).toEqual(ids);
    const statuses = await handle.db
      .selectFrom('jobs')
      .select(['status', 'attempts'])
      .where('id', 'in', ids)
      .execute();
    expect(statuses.every((s) => s.status === 'succeeded' && s.attempts === 1)).toBe(true);
  });

  it('stores progress reported by the handler', async () => {
    const { handle } = get();
    const registry = createJobRegistry();
    registerTestKind(registry, 'test.progress', {
      perform: async (_payload, ctx) => {
        await ctx.progress(1, 3);
        await ctx.transaction((trx) => ctx.progress(3, 3, trx));
      },
    });
    const jobId = await enqueueTestJob(handle.db, 'test.progress', {});
    await startWorker({ ...fast, handle, registry }).idle;
    expect(await jobStatus(handle.db, jobId)).toMatchObject({
      status: 'succeeded',
      progress_done: 3,
      progress_total: 3,
    });
  });

  it('retries a transient failure after a backoff, then succeeds', async () => {
    const { handle } = get();
    const attempts: { attempt: number; at: number }[] = [];
    const registry = createJobRegistry();
    registerTestKind(registry, 'test.flaky', {
      retryDelayMs: (attempt) => 50 * attempt,
      perform: async (_payload, ctx) => {
        attempts.push({ attempt: ctx.attempt, at: Date.now() });
        if (ctx.attempt < 3) throw new Error(`connection reset (attempt ${ctx.attempt})`);
      },
    });
    const jobId = await enqueueTestJob(handle.db, 'test.flaky', {});
    const events: string[] = [];
    const onEvent = (e: { type: string; outcome?: string }) => events.push(e.outcome ?? e.type);
    await startWorker({ ...fast, handle, registry, onEvent }).idle;
    expect(attempts.map((a) => a.attempt)).toEqual([1, 2, 3]);
    // The second run waited at least retryDelayMs(1), the third at least retryDelayMs(2).
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(50);
    expect(attempts[2]!.at - attempts[1]!.at).toBeGreaterThanOrEqual(100);
    expect(events).toEqual(['retrying', 'retrying', 'succeeded']);
    expect(await jobStatus(handle.db, jobId)).toMatchObject({ status: 'succeeded', attempts: 3 });
  });

  it('fails for good after max attempts, calling onFailed in the same transaction', async () => {
    const { handle } = get();
    const failures: string[] = [];
    const registry = createJobRegistry();
    registerTestKind<{ to: string }>(registry, 'test.doomed', {
      retryDelayMs: () => 1,
      perform: () => Promise.reject(new Error('mail server down')),
      onFailed: async (payload, error, ctx) => {
        failures.push(`${ctx.jobId}:${ctx.attempts}:${error.message}`);
        await ctx.trx
          .insertInto('emails')
          .values({
            tenant_id: null,
            to_address: payload.to,
            subject: 'failed',
            text_body: error.message,
            html_body: '',
            status: 'kept',
            created_at: Date.now(),
          })
          .execute();
      },
    });
    const jobId = await enqueueTestJob(
      handle.db,
      'test.doomed',
      { to: 'a@x.test' },
      { maxAttempts: 3 },
    );
    await startWorker({ ...fast, handle, registry }).idle;
    expect(await jobStatus(handle.db, jobId)).toMatchObject({
      status: 'failed',
      attempts: 3,
      last_error: 'mail server down',
      locked_by: null,
    });
    expect(failures).toEqual([`${jobId}:3:mail server down`]);
    const notes = await handle.db
      .selectFrom('emails')
      .select('text_body')
      .where('to_address', '=', 'a@x.test')
      .execute();
    expect(notes).toEqual([{ text_body: 'mail server down' }]);
  });

  it('does not retry a permanent error (an AppError with a verdict code)', async () => {
    const { handle } = get();
    let runs = 0;
    const registry = createJobRegistry();
    registerTestKind(registry, 'test.permanent', {
      perform: () => {
        runs += 1;
        return Promise.reject(new AppError('NOT_FOUND', 'Export 9 does not exist'));
      },
    });
    const jobId = await enqueueTestJob(handle.db, 'test.permanent', {});
    await startWorker({ ...fast, handle, registry }).idle;
    expect(runs).toBe(1);
    expect(await jobStatus(handle.db, jobId)).toMatchObject({ status: 'failed', attempts: 1 });
  });

  it('marks a failure as its onFailed hook failed too, without the hook writes', async () => {
    const { handle } = get();
    const registry = createJobRegistry();
    registerTestKind(registry, 'test.badhook', {
      perform: () => Promise.reject(new AppError('VALIDATION_FAILED', 'bad payload')),
      onFailed: () => Promise.reject(new Error('hook broke')),
    });
    const jobId = await enqueueTestJob(handle.db, 'test.badhook', {});
    await startWorker({ ...fast, handle, registry }).idle;
    expect(await jobStatus(handle.db, jobId)).toMatchObject({
      status: 'failed',
      last_error: 'bad payload; onFailed also failed: hook broke',
    });
  });
});
