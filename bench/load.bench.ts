/**
 * Load benchmark: a real `rewardbook serve` in a child process on loopback, driven by many
 * concurrent keep-alive clients redeeming and reading balances over HTTP. Afterwards the ledger
 * check runs over the whole database. Target: >= 1,000 redemptions/s with p99 < 50 ms.
 *
 *   npx tsx bench/load.bench.ts [--dialect sqlite|postgres|both] [--clients 32] [--seconds 20]
 *     [--participants 1000] [--max-requests 400000] [--reads 25] [--keys 50] [--overdraws 2]
 *     [--profile DIR]   (writes a CPU profile of the server process to DIR)
 *
 * Traffic goes to 127.0.0.1 only; every run is bounded in time (at most 120 s) and count.
 * PostgreSQL: a fresh database is created and dropped on BENCH_PG_URL (default: local postgres).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { keepAliveAgent } from './load/client.js';
import { drive, type DriveResult } from './load/drive.js';
import { checkLedger, type LedgerCheck } from './load/ledgerCheck.js';
import { createTenantAndKey, seedRewards } from './load/seed.js';
import { startServer } from './load/server.js';

function arg(name: string, fallback: number): number;
function arg(name: string, fallback: string): string;
function arg(name: string, fallback: number | string) {
  const at = process.argv.indexOf(`--${name}`);
  const raw = at >= 0 ? process.argv[at + 1] : undefined;
  if (raw === undefined) return fallback;
  if (typeof fallback === 'string') return raw;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a number`);
  return value;
}

const options = {
  dialect: arg('dialect', 'both'),
  clients: Math.min(arg('clients', 32), 512),
  seconds: Math.min(arg('seconds', 20), 120),
  warmupSeconds: Math.min(arg('warmup', 2), 10),
  participants: Math.max(1, Math.min(arg('participants', 1000), 100_000)),
  maxRequests: Math.min(arg('max-requests', 400_000), 2_000_000),
  readPercent: arg('reads', 25),
  keyPercent: arg('keys', 50),
  overdrawPercent: arg('overdraws', 2),
  profileDir: arg('profile', ''),
};

interface Database {
  label: string;
  url: string;
  drop(): Promise<void>;
}

function sqliteDatabase(): Database {
  const dir = mkdtempSync(join(tmpdir(), 'rewardbook-load-'));
  const drop = async () => rmSync(dir, { recursive: true, force: true });
  return { label: 'SQLite', url: `sqlite:${join(dir, 'load.db')}`, drop };
}

async function postgresDatabase(): Promise<Database> {
  const admin = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `rewardbook_load_${process.pid}`;
  const query = async (text: string) => {
    const client = new pg.Client(admin);
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };
  await query(`create database ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const drop = () => query(`drop database if exists ${name} with (force)`);
  return { label: 'PostgreSQL', url: url.toString(), drop };
}

interface Run {
  label: string;
  result: DriveResult;
  ledger: LedgerCheck;
  /** CPU seconds the server process used in the measured window (not the database's). */
  serverCpu: number;
  /** CPU seconds this process (the clients) used in the measured window. */
  clientCpu: number;
}

async function runOn(database: Database): Promise<Run> {
  const server = await startServer(database.url, options.profileDir || undefined);
  try {
    const apiKey = await createTenantAndKey(database.url);
    const agent = keepAliveAgent(4);
    const rewards = await seedRewards(agent, server.origin, apiKey, options.participants);
    agent.destroy();
    console.log(`  ${database.label}: seeded ${rewards.toLocaleString('en')} rewards; driving…`);
    let cpuAtStart = Number.NaN;
    let clientAtStart = process.cpuUsage();
    const sampler = setTimeout(() => {
      cpuAtStart = server.cpuSeconds();
      clientAtStart = process.cpuUsage();
    }, options.warmupSeconds * 1000);
    const result = await drive({ ...options, origin: server.origin, apiKey });
    clearTimeout(sampler);
    const serverCpu = server.cpuSeconds() - cpuAtStart;
    const used = process.cpuUsage(clientAtStart);
    const clientCpu = (used.user + used.system) / 1e6;
    for (const sample of result.errorSamples) console.log(`  error: ${sample}`);
    const code = await server.stop();
    if (code !== 0) console.log(`  serve exited with ${code} after SIGTERM`);
    const ledger = await checkLedger(database.url);
    return { label: database.label, result, ledger, serverCpu, clientCpu };
  } finally {
    await server.stop();
  }
}

const f1 = (ms: number) => ms.toFixed(1);
const n0 = (n: number) => Math.round(n).toLocaleString('en');

function printTable(runs: Run[]): boolean {
  const head = [
    'database',
    'endpoint',
    'req/s',
    'ok/s',
    'p50 ms',
    'p99 ms',
    'max ms',
    '409',
    'errors',
  ];
  const rows: string[][] = [head];
  let met = true;
  for (const { label, result: r } of runs) {
    const redeem = r.redeem.summary();
    const balance = r.balance.summary();
    met &&= r.redeemed / r.seconds >= 1000 && redeem.p99 < 50 && r.errors === 0;
    rows.push([
      label,
      'POST /redemptions',
      n0(redeem.count / r.seconds),
      n0(r.redeemed / r.seconds),
      f1(redeem.p50),
      f1(redeem.p99),
      f1(redeem.max),
      n0(r.refused),
      n0(r.errors),
    ]);
    rows.push([
      '',
      'GET /balances',
      n0(balance.count / r.seconds),
      n0(balance.count / r.seconds),
      f1(balance.p50),
      f1(balance.p99),
      f1(balance.max),
      '0',
      '',
    ]);
  }
  const widths = head.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  for (const row of rows) {
    console.log(
      row
        .map((cell, i) => (i < 2 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
        .join('  '),
    );
  }
  return met;
}

async function main() {
  const dialects = options.dialect === 'both' ? ['sqlite', 'postgres'] : [options.dialect];
  console.log(
    `load: ${options.clients} clients, ${options.seconds} s (+${options.warmupSeconds} s warm-up), ` +
      `${n0(options.participants)} participants, ${options.readPercent}% balance reads, ` +
      `${options.keyPercent}% of redemptions with Idempotency-Key, ${options.overdrawPercent}% overdraws (409)`,
  );
  const load = () =>
    loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');
  console.log(`  load average before: ${load()}`);
  const runs: Run[] = [];
  for (const dialect of dialects) {
    const database = dialect === 'postgres' ? await postgresDatabase() : sqliteDatabase();
    try {
      runs.push(await runOn(database));
    } finally {
      await database.drop();
    }
  }
  console.log(`  load average after:  ${load()}\n`);
  const met = printTable(runs);
  let sound = true;
  for (const { label, result, serverCpu, clientCpu } of runs) {
    const requests = result.redeem.count + result.balance.count;
    const cpu = (seconds: number) =>
      `${((seconds / result.seconds) * 100).toFixed(0)}% of a core, ` +
      `${((seconds * 1000) / requests).toFixed(2)} ms per request`;
    console.log(`CPU ${label}: server ${cpu(serverCpu)}; clients ${cpu(clientCpu)}`);
  }
  for (const { label, ledger, result } of runs) {
    const pass = ledger.violations === 0 && ledger.redemptions === result.redeemedTotal;
    sound &&= pass && result.errors === 0;
    console.log(
      `ledger check ${label}: ${n0(ledger.rewards)} rewards, ${ledger.violations} violations; ` +
        `${n0(ledger.redemptions)} redemptions stored for ${n0(result.redeemedTotal)} answered 201 ` +
        `(${(ledger.redeemedMinor / 100).toFixed(2)} USD): ${pass ? 'pass' : 'FAIL'}`,
    );
  }
  console.log(`target (>= 1,000 redemptions/s, p99 < 50 ms, no errors): ${met ? 'met' : 'missed'}`);
  if (!sound) process.exitCode = 1;
}

await main();
