/**
 * A worker process for crash tests: runs import and email jobs until none is left.
 * Usage: node --import tsx test/helpers/importWorker.ts DATABASE_URL CHUNK_ROWS LEASE_MS
 */
import { openDatabase } from '../../src/db/database.js';
import { createMailer, registerEmailJobs } from '../../src/email/index.js';
import { testConfig } from '../../src/http/testing.js';
import { registerImportJobs } from '../../src/imports/importJobs.js';
import { createJobRegistry, startWorker } from '../../src/jobs/index.js';

const [url, chunkRows, leaseMs] = process.argv.slice(2);
const handle = openDatabase(url as string);
const config = testConfig({ databaseUrl: url as string });
const registry = createJobRegistry();
registerImportJobs(registry, config, { chunkRows: Number(chunkRows) });
registerEmailJobs(registry, createMailer(config));
const worker = startWorker({
  handle,
  registry,
  exitWhenIdle: true,
  pollMs: 50,
  leaseMs: Number(leaseMs),
});
await worker.idle;
await handle.close();
