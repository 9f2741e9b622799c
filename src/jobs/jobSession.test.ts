/**
 * `serve` runs the worker in the web server's process. On SQLite every query answers
 * synchronously, so a job running transactions back to back must give the event loop a turn
 * between them, or HTTP requests wait for the whole job (jobSession.ts, `transaction`).
 */
import type { AddressInfo } from 'node:net';
import { expect, it } from 'vitest';
import { describeEachDb } from '../../test/helpers/databases.js';
import { buildServer } from '../http/server.js';
import { testConfig } from '../http/testing.js';
import { createJobRegistry } from './registry.js';
import { enqueueTestJob, registerTestKind } from './testing/helpers.js';
import { startWorker } from './worker.js';

const WANTED = 20;
const JOB_LIMIT_MS = 5000;

describeEachDb('a job of many transactions in the server process', (get) => {
  it('lets the server answer requests between its transactions', async () => {
    const { handle } = get();
    const app = await buildServer({ handle, config: testConfig(), logger: false });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    // The job commits small transactions until the client has had its answers (or 5 s pass);
    // each answer notes how many transactions had been committed when it arrived.
    let committed = 0;
    let job: 'waiting' | 'running' | 'done' = 'waiting';
    const seenAt: number[] = [];
    const registry = createJobRegistry();
    registerTestKind(registry, 'test.transactions', {
      perform: async (_payload, ctx) => {
        job = 'running';
        const started = Date.now();
        while (seenAt.length < WANTED && Date.now() - started < JOB_LIMIT_MS) {
          await ctx.transaction((trx) =>
            trx
              .updateTable('jobs')
              .set({ updated_at: Date.now() })
              .where('id', '=', ctx.jobId)
              .execute(),
          );
          committed += 1;
        }
        job = 'done';
      },
    });
    try {
      await enqueueTestJob(handle.db, 'test.transactions', {});
      const worker = startWorker({
        handle,
        registry,
        pollMs: 5,
        leaseMs: 10_000,
        exitWhenIdle: true,
      });
      // Without a turn of the event loop between transactions, this wait only ends with the job.
      while (job === 'waiting') await new Promise((resolve) => setTimeout(resolve, 1));
      const latencies: number[] = [];
      while (job === 'running' && seenAt.length < WANTED) {
        const sent = performance.now();
        const reply = await fetch(`http://127.0.0.1:${port}/health`);
        expect(reply.status).toBe(200);
        await reply.json();
        latencies.push(performance.now() - sent);
        if (job === 'running') seenAt.push(committed);
      }
      await worker.idle;
      // Every wanted answer came while the job was still committing, the job went on
      // committing between them, and none waited long.
      expect(seenAt).toHaveLength(WANTED);
      expect(seenAt.at(-1)).toBeGreaterThan(seenAt[0] ?? Infinity);
      expect(Math.max(...latencies)).toBeLessThan(1000);
    } finally {
      await app.close();
    }
  });
});
