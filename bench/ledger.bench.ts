/**
 * Ledger benchmark: loads rewards through the ledger's bulk operation (createRewards) and then
 * redeems from balances one by one through redeemBalance, on SQLite and PostgreSQL.
 *
 *   npx tsx bench/ledger.bench.ts [--participants 1000000] [--redeem 100000] [--dialect both]
 *
 * Each dialect runs in its own child process so its peak RSS is its own.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { createRewards } from '../src/ledger/createRewards.js';
import { redeemBalance } from '../src/ledger/redeemBalance.js';
import { createTenant } from '../src/tenants/createTenant.js';

const REWARDS_PER_PARTICIPANT = 3;
const BATCH = 5000;

function arg(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? (process.argv[at + 1] ?? fallback) : fallback;
}

const maxRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

async function runOne(url: string, participants: number, redemptions: number): Promise<void> {
  const handle = openDatabase(url);
  await migrateToLatest(handle);
  const { tenant } = await createTenant(handle.db, { slug: `bench-${Date.now()}` });
  const total = participants * REWARDS_PER_PARTICIPANT;
  let started = performance.now();
  let batch = [];
  for (let i = 0; i < total; i++) {
    const p = i % participants;
    batch.push({
      rewardId: `r${i}`,
      accountId: `acc${p % 1000}`,
      userId: `user${p}`,
      email: `user${p}@example.com`,
      firstName: 'Ann',
      lastName: 'Lee',
      unit: 'CASH/USD',
      amount: `${(i % 50) + 1}.25`,
      dateExpires: i % 3 === 0 ? '2099-01-01' : null,
    });
    if (batch.length === BATCH || i === total - 1) {
      const results = await createRewards(handle.db, tenant.id, batch, {
        createMissing: true,
        source: 'CLI',
        actor: 'bench',
      });
      if (results.some((r) => r.status === 'error')) throw new Error('a bench reward was refused');
      batch = [];
    }
  }
  const loadSeconds = (performance.now() - started) / 1000;
  console.log(
    `  load    ${total.toLocaleString('en')} rewards for ${participants.toLocaleString('en')} participants: ${loadSeconds.toFixed(1)} s, ${Math.round(total / loadSeconds).toLocaleString('en')} rewards/s, peak RSS ${maxRssMb()} MB`,
  );

  started = performance.now();
  const step = Math.max(1, Math.floor(participants / redemptions));
  for (let n = 0; n < redemptions; n++) {
    const p = (n * step) % participants;
    await redeemBalance(handle.db, tenant.id, {
      accountId: `acc${p % 1000}`,
      userId: `user${p}`,
      unit: 'CASH/USD',
      amount: '1.10',
      source: 'API',
      actor: 'bench',
    });
  }
  const redeemSeconds = (performance.now() - started) / 1000;
  console.log(
    `  redeem  ${redemptions.toLocaleString('en')} balances one by one: ${redeemSeconds.toFixed(1)} s, ${Math.round(redemptions / redeemSeconds).toLocaleString('en')} redemptions/s, peak RSS ${maxRssMb()} MB`,
  );
  await handle.close();
}

async function main() {
  const participants = Number(arg('participants', '1000000'));
  const redemptions = Math.min(Number(arg('redeem', '100000')), participants);
  const child = arg('child-url', '');
  if (child) return runOne(child, participants, redemptions);

  const dialect = arg('dialect', 'both');
  const urls: [string, string, () => void][] = [];
  if (dialect !== 'postgres') {
    const dir = mkdtempSync(join(tmpdir(), 'rewardbook-bench-'));
    urls.push([
      'SQLite',
      `sqlite:${join(dir, 'bench.db')}`,
      () => rmSync(dir, { recursive: true, force: true }),
    ]);
  }
  if (dialect !== 'sqlite') {
    const admin = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const name = `rewardbook_bench_${process.pid}`;
    const client = new pg.Client(admin);
    await client.connect();
    await client.query(`create database ${name}`);
    await client.end();
    const url = new URL(admin);
    url.pathname = `/${name}`;
    urls.push([
      'PostgreSQL',
      url.toString(),
      () => execFileSync('psql', [admin, '-qc', `drop database ${name} with (force)`]),
    ]);
  }
  for (const [label, url, cleanup] of urls) {
    console.log(`${label}:`);
    try {
      execFileSync(
        process.execPath,
        [
          '--import',
          'tsx',
          'bench/ledger.bench.ts',
          '--child-url',
          url,
          '--participants',
          String(participants),
          '--redeem',
          String(redemptions),
        ],
        { stdio: 'inherit' },
      );
    } finally {
      cleanup();
    }
  }
}

await main();
