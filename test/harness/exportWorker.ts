/**
 * A worker process for the export crash harness: runs export and email jobs until none is left.
 * It prints nothing; the harness finds it by the pid in the job's `locked_by`.
 * Usage: node --import tsx test/harness/exportWorker.ts DATABASE_URL LEASE_MS (the harness runs
 * it bundled: see bundleWorker.ts)
 */
import type { Config } from '../../src/config/config.js';
import { openDatabase } from '../../src/db/database.js';
import { createMailer, registerEmailJobs } from '../../src/email/index.js';
import { registerExportJobs } from '../../src/exports/index.js';
import { createJobRegistry, startWorker } from '../../src/jobs/index.js';

const [url, leaseMs] = process.argv.slice(2);
// Built here rather than with testConfig (src/http/testing.ts), which loads the whole HTTP
// server and vitest: that doubled the start of every restarted worker.
const config: Config = Object.freeze({
  databaseUrl: url as string,
  port: 0,
  host: '127.0.0.1',
  publicUrl: 'https://rb.example.com',
  secretKey: 'crash-harness-secret-key-of-32-characters',
  dataDir: '/tmp',
  smtpUrl: null,
  mailFrom: 'rewardbook <crash@rewardbook.local>',
  fileRetentionDays: 30,
  linkExpiryDays: 7,
  uploadLimitBytes: 10 * 1024 * 1024,
  logLevel: 'silent',
});
const handle = openDatabase(url as string);
const registry = createJobRegistry();
registerExportJobs(registry, { config });
registerEmailJobs(registry, createMailer(config));
const worker = startWorker({
  handle,
  registry,
  exitWhenIdle: true,
  pollMs: 20,
  leaseMs: Number(leaseMs),
});
await worker.idle;
await handle.close();
