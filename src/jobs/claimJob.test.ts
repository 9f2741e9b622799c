import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { openDatabase } from '../db/database.js';
import { describeEachDb } from '../../test/helpers/databases.js';
import { claimJob } from './claimJob.js';
import { completeJob, failJob, retryJob } from './finishJob.js';
import { renewLease } from './lease.js';
import { enqueueTestJob, jobStatus } from './testing/helpers.js';

describeEachDb('claimJob', (get) => {
  it('claims due jobs in run_at order, counting the attempt and taking a lease', async () => {
    const { db } = get().handle;
    const now = Date.now();
    const second = await enqueueTestJob(db, 'test.order', {}, { runAt: now - 1000 });
    const first = await enqueueTestJob(db, 'test.order', {}, { runAt: now - 2000 });
    const a = await claimJob(db, 'w1', ['test.order'], 5000);
    const b = await claimJob(db, 'w1', ['test.order'], 5000);
    expect([a?.id, b?.id]).toEqual([first, second]);
    expect(a).toMatchObject({ status: 'running', attempts: 1, locked_by: 'w1' });
    expect(a?.locked_until).toBeGreaterThan(now);
    expect(await claimJob(db, 'w1', ['test.order'], 5000)).toBeUndefined();
  });

  it('lets a worker that lost its lease neither finish nor retry the job', async () => {
    const { db } = get().handle;
    const jobId = await enqueueTestJob(db, 'test.lease', {});
    expect((await claimJob(db, 'dead', ['test.lease'], 30))?.id).toBe(jobId);
    await sleep(60);
    const reclaimed = await claimJob(db, 'alive', ['test.lease'], 5000);
    expect(reclaimed).toMatchObject({ id: jobId, attempts: 2, locked_by: 'alive' });

    expect(await completeJob(db, jobId, 'dead')).toBe(false);
    expect(await failJob(db, jobId, 'dead', new Error('late'))).toBe(false);
    expect(await retryJob(db, jobId, 'dead', new Error('late'), Date.now())).toBe(false);
    expect(await renewLease(db, jobId, 'dead', 5000, { done: 9, total: 9 })).toBe('lost');
    expect(await jobStatus(db, jobId)).toMatchObject({ status: 'running', locked_by: 'alive' });

    expect(await completeJob(db, jobId, 'alive')).toBe(true);
    expect(await jobStatus(db, jobId)).toMatchObject({ status: 'succeeded', locked_by: null });
  });

  it('runs jobs that share a queue key one at a time, reclaiming a dead one first', async () => {
    const { db } = get().handle;
    const kinds = ['test.keyed'];
    const first = await enqueueTestJob(db, 'test.keyed', {}, { queueKey: 'tenant-1' });
    const second = await enqueueTestJob(db, 'test.keyed', {}, { queueKey: 'tenant-1' });
    const other = await enqueueTestJob(db, 'test.keyed', {}, { queueKey: 'tenant-2' });

    expect((await claimJob(db, 'w1', kinds, 30))?.id).toBe(first);
    expect((await claimJob(db, 'w2', kinds, 5000))?.id).toBe(other);
    expect(await claimJob(db, 'w2', kinds, 5000)).toBeUndefined();

    await sleep(60); // w1 died holding `first`; its key stays blocked until `first` is done
    expect((await claimJob(db, 'w3', kinds, 5000))?.id).toBe(first);
    expect(await claimJob(db, 'w3', kinds, 5000)).toBeUndefined();
    await completeJob(db, first, 'w3');
    expect((await claimJob(db, 'w3', kinds, 5000))?.id).toBe(second);
  });

  it('never lets two concurrent claimers run jobs of one queue key together', async () => {
    const { url, dialect, handle } = get();
    const kinds = ['test.keyrace'];
    // Separate pools on PostgreSQL; on SQLite one connection (see worker.processes.test.ts).
    const handles = dialect === 'postgres' ? [1, 2, 3, 4, 5, 6].map(() => openDatabase(url)) : [];
    const dbs = handles.length ? handles.map((h) => h.db) : [1, 2, 3].map(() => handle.db);
    try {
      await Promise.all(dbs.map((db) => db.selectFrom('jobs').select('id').execute()));
      for (let round = 0; round < 10; round++) {
        const queueKey = `round-${round}`;
        for (let i = 0; i < 5; i++)
          await enqueueTestJob(handle.db, 'test.keyrace', {}, { queueKey });
        const claims = await Promise.all(dbs.map((db, i) => claimJob(db, `w${i}`, kinds, 5000)));
        const claimed = claims.filter((c) => c !== undefined);
        expect(claimed).toHaveLength(1);
        await handle.db
          .updateTable('jobs')
          .set({ status: 'succeeded' })
          .where('queue_key', '=', queueKey)
          .execute();
      }
    } finally {
      await Promise.all(handles.map((h) => h.close()));
    }
  });
});
