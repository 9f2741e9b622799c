/**
 * A worker process for worker.processes.test.ts: runs `test.race` jobs until none is left,
 * printing "ran <jobId> <pid>" for each run. It prints "ready" once loaded and starts when a line
 * arrives on stdin, so the test can start all processes at once.
 * Usage: node --import tsx raceWorker.ts <DATABASE_URL>
 */
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { openDatabase } from '../../db/database.js';
import { createJobRegistry } from '../registry.js';
import { startWorker } from '../worker.js';
import { registerTestKind } from './helpers.js';

const url = process.argv[2];
if (!url) throw new Error('Usage: raceWorker.ts <DATABASE_URL>');
const handle = openDatabase(url);
const registry = createJobRegistry();
registerTestKind(registry, 'test.race', {
  perform: async (_payload, ctx) => {
    process.stdout.write(`ran ${ctx.jobId} ${process.pid}\n`);
    await sleep(5);
  },
});
process.stdout.write('ready\n');
await once(process.stdin, 'data');
await startWorker({ handle, registry, concurrency: 2, pollMs: 5, exitWhenIdle: true }).idle;
await handle.close();
