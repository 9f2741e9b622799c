/**
 * Full-size crash harness: a 100,000-row import applied by a worker process killed with SIGKILL
 * at random moments (at least 20 times) and restarted, compared with an uninterrupted run.
 *
 *   npx tsx bench/crash.bench.ts [--rows 100000] [--kills 20] [--dialect sqlite|postgres|both]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { runImportCrash } from '../test/harness/crashImport.js';

function arg(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? (process.argv[at + 1] ?? fallback) : fallback;
}

async function database(dialect: string): Promise<{ url: string; drop: () => Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'rewardbook-crash-'));
    return {
      url: `sqlite:${join(dir, 'crash.db')}`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const admin = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `rewardbook_crash_${process.pid}`;
  const run = async (sql: string) => {
    const client = new pg.Client(admin);
    await client.connect();
    await client.query(sql);
    await client.end();
  };
  await run(`create database ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`drop database ${name} with (force)`) };
}

const rows = Number(arg('rows', '100000'));
const kills = Number(arg('kills', '20'));
const which = arg('dialect', 'both');
for (const dialect of which === 'both' ? ['sqlite', 'postgres'] : [which]) {
  const { url, drop } = await database(dialect);
  const handle = openDatabase(url);
  try {
    await migrateToLatest(handle);
    const result = await runImportCrash(handle.db, {
      url,
      rows,
      chunkRows: Math.max(50, Math.floor(rows / (kills * 4))),
      minKills: kills,
      leaseMs: 1500,
      seed: Date.now() % 100000,
    });
    console.log(
      `${dialect}: ${result.kills} kills, ${result.restarts} worker starts, ${result.rowsChecked.toLocaleString('en')} rows and ${result.rewardsChecked.toLocaleString('en')} rewards checked, ${result.differences.length} differences, ${result.seconds.toFixed(1)} s`,
    );
    for (const line of result.differences) console.log(`  ${line}`);
    if (result.differences.length > 0) process.exitCode = 1;
  } finally {
    await handle.close();
    await drop();
  }
}
