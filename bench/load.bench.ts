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
import { loadavg } from 'node:os';
import { keepAliveAgent } from './load/client.js';
import { postgresDatabase, sqliteDatabase, type BenchDatabase } from './load/databases.js';
import { drive } from './load/drive.js';
import { checkLedger } from './load/ledgerCheck.js';
import { n0, printReport, type Run } from './load/report.js';
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

async function runOn(database: BenchDatabase): Promise<Run> {
  const server = await startServer(database.url, options.profileDir || undefined);
  try {
    const apiKey = await createTenantAndKey(database.url);
    const agent = keepAliveAgent(4);
    const rewards = await seedRewards(agent, server.origin, apiKey, options.participants);
    agent.destroy();
    console.log(`  ${database.label}: seeded ${rewards.toLocaleString('en')} rewards; driving…`);
    let cpuAtStart = Number.NaN;
    let waitAtStart = Number.NaN;
    let databaseAtStart = Promise.resolve(Number.NaN);
    let clientAtStart = process.cpuUsage();
    const sampler = setTimeout(() => {
      cpuAtStart = server.cpuSeconds();
      waitAtStart = server.waitSeconds();
      databaseAtStart = database.cpuSeconds();
      clientAtStart = process.cpuUsage();
    }, options.warmupSeconds * 1000);
    const result = await drive({ ...options, origin: server.origin, apiKey });
    clearTimeout(sampler);
    const serverCpu = server.cpuSeconds() - cpuAtStart;
    const serverWait = server.waitSeconds() - waitAtStart;
    const databaseCpu = (await database.cpuSeconds()) - (await databaseAtStart);
    const used = process.cpuUsage(clientAtStart);
    const clientCpu = (used.user + used.system) / 1e6;
    for (const sample of result.errorSamples) console.log(`  error: ${sample}`);
    const code = await server.stop();
    if (code !== 0) console.log(`  serve exited with ${code} after SIGTERM`);
    const ledger = await checkLedger(database.url);
    return { label: database.label, result, ledger, serverCpu, serverWait, databaseCpu, clientCpu };
  } finally {
    await server.stop();
  }
}

async function main() {
  if (!['sqlite', 'postgres', 'both'].includes(options.dialect)) {
    throw new Error(`--dialect must be sqlite, postgres or both; got ${options.dialect}`);
  }
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
  if (!printReport(runs).sound) process.exitCode = 1;
}

await main();
