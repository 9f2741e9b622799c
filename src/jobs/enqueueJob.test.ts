import { expect, it } from 'vitest';
import { describeEachDb } from '../../test/helpers/databases.js';
import { claimJob } from './claimJob.js';
import { enqueueTestJob, jobStatus } from './testing/helpers.js';

describeEachDb('enqueueJob', (get) => {
  it('queues nothing when the transaction that asked for the job rolls back', async () => {
    const { db } = get().handle;
    let jobId = 0;
    await expect(
      db.transaction().execute(async (trx) => {
        jobId = await enqueueTestJob(trx, 'test.rollback', { n: 1 });
        throw new Error('the request failed');
      }),
    ).rejects.toThrow('the request failed');
    expect(jobId).toBeGreaterThan(0);
    const rows = await db
      .selectFrom('jobs')
      .select('id')
      .where('kind', '=', 'test.rollback')
      .execute();
    expect(rows).toEqual([]);
  });

  it('queues the job with the request when the transaction commits', async () => {
    const { db } = get().handle;
    const jobId = await db
      .transaction()
      .execute((trx) => enqueueTestJob(trx, 'test.commit', { n: 2 }, { tenantId: null }));
    const job = await jobStatus(db, jobId);
    expect(job).toMatchObject({ status: 'queued', attempts: 0, max_attempts: 5, queue_key: null });
    expect(JSON.parse(job.payload)).toEqual({ n: 2 });
  });

  it('is not claimed before its run_at, nor by a worker that does not know its kind', async () => {
    const { db } = get().handle;
    const later = await enqueueTestJob(db, 'test.later', {}, { runAt: Date.now() + 60_000 });
    expect(await claimJob(db, 'w1', ['test.later'], 1000)).toBeUndefined();
    expect(await claimJob(db, 'w1', ['test.other'], 1000)).toBeUndefined();
    expect((await jobStatus(db, later)).status).toBe('queued');
  });

  it('refuses a maxAttempts below one', async () => {
    const { db } = get().handle;
    await expect(enqueueTestJob(db, 'test.bad', {}, { maxAttempts: 0 })).rejects.toThrow(
      'maxAttempts must be a whole number of at least 1',
    );
  });
});
