/**
 * Throughput of the job queue and the file store.
 *
 *   npx tsx bench/jobs.bench.ts [DATABASE_URL] [jobs]     (default: a temp SQLite file, 5,000)
 *
 * Queue: `jobs` no-op jobs run by 4 workers of concurrency 4 (separate pools on PostgreSQL,
 * one connection on SQLite); prints jobs per second of claim + run + finish. Files: writes and
 * reads back a 50 MB file; prints MB/s each way and the process's peak RSS.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type DatabaseHandle } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { readFile } from '../src/files/readFile.js';
import { writeFile } from '../src/files/writeFile.js';
import { createJobRegistry } from '../src/jobs/registry.js';
import { enqueueTestJob, registerTestKind } from '../src/jobs/testing/helpers.js';
import { startWorker } from '../src/jobs/worker.js';

const url = process.argv[2] ?? `sqlite:${join(mkdtempSync(join(tmpdir(), 'rb-bench-')), 'b.db')}`;
const jobCount = Number(process.argv[3] ?? 5000);

async function benchQueue(handle: DatabaseHandle) {
  await handle.db.transaction().execute(async (trx) => {
    for (let n = 0; n < jobCount; n++) await enqueueTestJob(trx, 'bench.noop', { n });
  });
  const registry = createJobRegistry();
  registerTestKind(registry, 'bench.noop', { perform: async () => undefined });
  const handles =
    handle.dialect === 'postgres'
      ? [1, 2, 3, 4].map(() => openDatabase(url))
      : [1, 2, 3, 4].map(() => handle);
  const started = performance.now();
  const workers = handles.map((h) =>
    startWorker({ handle: h, registry, concurrency: 4, pollMs: 5, exitWhenIdle: true }),
  );
  await Promise.all(workers.map((w) => w.idle));
  const seconds = (performance.now() - started) / 1000;
  if (handle.dialect === 'postgres') await Promise.all(handles.map((h) => h.close()));
  console.log(
    `queue: ${jobCount} jobs in ${seconds.toFixed(2)} s = ${Math.round(jobCount / seconds)} jobs/s`,
  );
}

async function benchFiles(handle: DatabaseHandle) {
  const tenant = await handle.db
    .insertInto('tenants')
    .values({ slug: `bench-${Date.now()}`, name: 'Bench', created_at: Date.now() })
    .returning('id')
    .executeTakeFirstOrThrow();
  const piece = randomBytes(64 * 1024);
  async function* source() {
    for (let i = 0; i < 800; i++) yield piece; // 50 MB
  }
  const meta = {
    tenantId: tenant.id,
    purpose: 'report',
    name: 'b',
    contentType: 'application/octet-stream',
    expiresAt: null,
  };
  let started = performance.now();
  const file = await writeFile(handle.db, meta, source());
  const mb = file.size / (1024 * 1024);
  console.log(
    `files: write ${mb} MB at ${(mb / ((performance.now() - started) / 1000)).toFixed(0)} MB/s`,
  );
  started = performance.now();
  let read = 0;
  for await (const chunk of readFile(handle.db, tenant.id, file.id)) read += chunk.byteLength;
  const readMb = read / (1024 * 1024);
  console.log(
    `files: read ${readMb} MB at ${(readMb / ((performance.now() - started) / 1000)).toFixed(0)} MB/s`,
  );
  console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}

const handle = openDatabase(url);
await migrateToLatest(handle);
console.log(`database: ${handle.dialect}`);
await benchQueue(handle);
await benchFiles(handle);
await handle.close();
