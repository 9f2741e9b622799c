/**
 * Upload to finished of an *Update User Reward Balances* import where every row redeems.
 *
 *   npx tsx bench/import.bench.ts [--rows N] [--dialect sqlite|postgres|both] [--profile]
 *
 * Seeds N participants with three rewards each (3N rewards, set-based SQL), writes an N-row
 * report CSV whose every row redeems 1.00 of a 10.00 balance, then measures a dry run and an
 * apply, each in a fresh child process so the peak RSS printed is that run's alone. Targets at
 * 1,000,000 rows: apply ≤ 30 s (SQLite) / 60 s (PostgreSQL), dry run ≤ 15 s, RSS ≤ 300 MB.
 * --profile writes a V8 CPU profile of each run to bench/out/profiles; --seed-only seeds, writes
 * the file and keeps the database (for experiments), --keep keeps it after the runs.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Config } from '../src/config/config.js';
import { limitHeapGrowth } from '../src/app/heapGrowth.js';
import { openDatabase, type DatabaseHandle } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { createMailer, registerEmailJobs } from '../src/email/index.js';
import { requireImportRow } from '../src/imports/imports.repository.js';
import { registerImportJobs } from '../src/imports/importJobs.js';
import { presentImport } from '../src/imports/importViews.js';
import { uploadImport } from '../src/imports/uploadImport.js';
import { createJobRegistry, startWorker } from '../src/jobs/index.js';
import { freshDatabase } from './freshDatabase.js';

const OUT = 'bench/out';
const DAY_MS = 86_400_000;
const HEADER =
  'firstName,lastName,email,userId,accountId,programId,unit,unitName,currency,availableValue,totalRedeemedValue,rewardCount,nextExpiry,valueToRedeem';
const TARGETS = { sqlite: { apply: 30, dry: 15 }, postgres: { apply: 60, dry: 15 } } as const;
const RSS_TARGET_MB = 300;

const config: Config = Object.freeze({
  databaseUrl: 'sqlite::memory:',
  port: 0,
  host: '127.0.0.1',
  publicUrl: 'http://localhost:3000',
  secretKey: 'bench-secret-key-of-at-least-32-characters',
  dataDir: tmpdir(),
  smtpUrl: null,
  mailFrom: 'rewardbook <bench@rewardbook.local>',
  fileRetentionDays: 30,
  linkExpiryDays: 7,
  uploadLimitBytes: 1024 * 1024 * 1024,
  logLevel: 'silent',
});

function arg(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? (process.argv[at + 1] ?? fallback) : fallback;
}

/** Tenant, unit and admin, then N participants and 3N rewards (3.00 + 3.00 + 4.00 USD each). */
async function seed(handle: DatabaseHandle, rows: number): Promise<number> {
  const now = Date.now();
  const db = handle.db;
  const pgsql = handle.dialect === 'postgres';
  const tenant = await db
    .insertInto('tenants')
    .values({ slug: `bench-${now}`, name: 'Bench', created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const t = tenant.id;
  await db
    .insertInto('admins')
    .values({
      tenant_id: t,
      email: 'ops@bench.test',
      name: 'Ops',
      password_hash: null,
      created_at: now,
      removed_at: null,
    })
    .execute();
  const unit = await db
    .insertInto('units')
    .values({ tenant_id: t, code: 'CASH/USD', name: 'Cash', decimals: 2, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const n = sql.lit(rows);
  const series = pgsql
    ? sql`select generate_series(1, ${n}) as i`
    : sql`with recursive s(i) as (select 1 union all select i + 1 from s where i < ${n}) select i from s`;
  const text = (expr: ReturnType<typeof sql>) => (pgsql ? sql`(${expr})::text` : expr);
  const userId = pgsql ? sql`lpad(i::text, 9, '0')` : sql`printf('%09d', i)`;
  await db.transaction().execute(async (trx) => {
    await sql`insert into participants
        (tenant_id, account_id, user_id, email, first_name, last_name, created_at, updated_at)
      select ${t}, 'acct-' || ${text(sql`(i % 5000)`)}, ${userId}, 'u' || ${text(sql`i`)} || '@example.com',
             'First', 'Last', ${now}, ${now}
      from (${series}) s`.execute(trx);
    const first = await trx
      .selectFrom('participants')
      .select((eb) => eb.fn.min<number>('id').as('id'))
      .where('tenant_id', '=', t)
      .executeTakeFirstOrThrow();
    const base = sql.lit(Number(first.id) - 1);
    await sql`insert into rewards
        (tenant_id, reward_key, participant_id, program_id, unit_id, type, amount, redeemed,
         status, date_given, date_expires, date_redeemed, date_cancelled, created_at)
      select ${t}, 'rw-' || ${text(sql`i`)} || '-' || ${text(sql`k`)}, ${base} + i, null,
             ${unit.id}, 'CREDIT', case k when 2 then 400 else 300 end, 0, 'AVAILABLE',
             ${now - 30 * DAY_MS},
             case k when 0 then ${sql.lit(now)} + (i % 700 + 1) * cast(${sql.lit(DAY_MS)} as bigint) else null end,
             null, null, ${now}
      from (${series}) s cross join (select 0 as k union all select 1 union all select 2) ks
      order by i, k`.execute(trx);
  });
  // On PostgreSQL, vacuumed as autovacuum would have long done for rows written over time;
  // otherwise autovacuum works through the freshly inserted 4M rows during the measured runs.
  await (pgsql ? sql`vacuum analyze` : sql`analyze`).execute(db);
  return t;
}

/** The report as the export writes it, every row asking to redeem 1.00 of its 10.00. */
async function writeReport(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  let text = '\uFEFF' + HEADER + '\r\n';
  for (let i = 1; i <= rows; i++) {
    const user = String(i).padStart(9, '0');
    text += `First,Last,u${i}@example.com,${user},acct-${i % 5000},,CASH/USD,Cash,USD,10.00,0.00,3,2027-01-01,1.00\r\n`;
    if (text.length > 1 << 16) {
      if (!out.write(text)) await once(out, 'drain');
      text = '';
    }
  }
  out.end(text);
  await once(out, 'finish');
}

/**
 * This process's peak RSS. VmHWM rather than resourceUsage().maxRSS: Linux carries maxRSS over
 * fork and exec, so a child of a large parent would report the parent's size.
 */
function peakRssMb(): number {
  try {
    const line = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (line?.[1]) return Number(line[1]) / 1024;
  } catch {
    // not Linux: fall back to maxRSS
  }
  return process.resourceUsage().maxRSS / 1024;
}

/** In the child: upload the file and run the worker until every job is done. */
async function child(): Promise<void> {
  limitHeapGrowth(); // as the rewardbook command does for every process
  const handle = openDatabase(arg('url', ''));
  const tenantId = Number(arg('tenant', '0'));
  const file = arg('file', '');
  const started = performance.now();
  const id = await uploadImport(handle.db, config, {
    tenantId,
    fileName: basename(file),
    source: createReadStream(file),
    dryRun: arg('child', '') === 'dry',
    confirmRepeat: true,
    actor: 'bench',
  });
  const uploaded = performance.now();
  const registry = createJobRegistry();
  registerImportJobs(registry, config);
  registerEmailJobs(registry, createMailer(config));
  await startWorker({ handle, registry, exitWhenIdle: true, pollMs: 20 }).idle;
  const finished = performance.now();
  const view = presentImport(await requireImportRow(handle.db, tenantId, id));
  await handle.close();
  console.log(
    JSON.stringify({
      status: view.status,
      error: view.error,
      summary: view.summary,
      uploadSeconds: (uploaded - started) / 1000,
      seconds: (finished - started) / 1000,
      rssMb: peakRssMb(),
      cpuSeconds: (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
    }),
  );
}

function runChild(kind: 'dry' | 'apply', url: string, tenantId: number, file: string) {
  const profile = process.argv.includes('--profile')
    ? ['--cpu-prof', '--cpu-prof-dir', join(OUT, 'profiles')]
    : [];
  const self = fileURLToPath(import.meta.url);
  const args = [...profile, '--import', 'tsx', self, '--child', kind, '--url', url];
  const result = spawnSync(
    process.execPath,
    [...args, '--tenant', String(tenantId), '--file', file],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    },
  );
  const last = result.stdout.trim().split('\n').at(-1) ?? '';
  if (result.status !== 0 || !last.startsWith('{')) {
    throw new Error(`the ${kind} run failed:\n${result.stdout}\n${result.stderr}`);
  }
  return JSON.parse(last) as {
    status: string;
    error: string | null;
    seconds: number;
    uploadSeconds: number;
    rssMb: number;
    cpuSeconds: number;
    summary: { rows: number; redeemed: number; errors: number } | null;
  };
}

async function benchDialect(dialect: 'sqlite' | 'postgres', rows: number): Promise<void> {
  const { url, drop } = await freshDatabase(dialect, 'rewardbook_bench');
  try {
    const handle = openDatabase(url);
    await migrateToLatest(handle);
    let started = performance.now();
    const tenantId = await seed(handle, rows);
    await handle.close();
    console.log(
      `${dialect}: seeded ${rows} participants, ${rows * 3} rewards in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    const file = join(OUT, `import-${rows}.csv`);
    started = performance.now();
    await writeReport(file, rows);
    console.log(
      `${dialect}: wrote ${file} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    if (process.argv.includes('--seed-only')) {
      console.log(`${dialect}: seeded ${url} (tenant ${tenantId}), kept`);
      return;
    }
    for (const kind of ['dry', 'apply'] as const) {
      const r = runChild(kind, url, tenantId, file);
      const ok = r.status === 'succeeded' && r.summary?.redeemed === rows;
      const target = TARGETS[dialect][kind];
      const verdict = r.seconds <= target && r.rssMb <= RSS_TARGET_MB ? 'within' : 'MISSED';
      console.log(
        `${dialect} ${kind === 'dry' ? 'dry run' : 'apply  '}: ${rows} rows in ${r.seconds.toFixed(1)} s ` +
          `(upload ${r.uploadSeconds.toFixed(1)} s) = ${Math.round(rows / r.seconds)} rows/s, ` +
          `CPU ${r.cpuSeconds.toFixed(1)} s, peak RSS ${r.rssMb.toFixed(0)} MB; target ${target} s / ${RSS_TARGET_MB} MB: ${verdict}` +
          (ok ? '' : ` — UNEXPECTED OUTCOME ${r.status} ${r.error ?? JSON.stringify(r.summary)}`),
      );
    }
  } finally {
    if (!process.argv.includes('--keep') && !process.argv.includes('--seed-only')) await drop();
  }
}

if (process.argv.includes('--child')) {
  await child();
} else {
  mkdirSync(OUT, { recursive: true });
  const rows = Number(arg('rows', '1000000'));
  const which = arg('dialect', 'both');
  const dialects =
    which === 'both' ? (['sqlite', 'postgres'] as const) : [which as 'sqlite' | 'postgres'];
  for (const dialect of dialects) await benchDialect(dialect, rows);
}
