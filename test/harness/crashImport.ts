/**
 * The import crash harness: applies one file twice in one database, under two tenants with the
 * same rewards — once calmly, once in a worker process killed with SIGKILL at random moments
 * and restarted until done — and compares the books. Used by the CI test (small) and by
 * `npm run bench -- crash` (full size).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Db } from '../../src/db/database.js';
import { testConfig } from '../../src/http/testing.js';
import { requireImportRow } from '../../src/imports/imports.repository.js';
import { bytesOf } from '../../src/imports/testing.js';
import { uploadImport } from '../../src/imports/uploadImport.js';
import { createRewards } from '../../src/ledger/createRewards.js';
import { createTenant } from '../../src/tenants/createTenant.js';
import { storedOutcomes } from '../../src/imports/outcome/outcomes.repository.js';

export interface CrashOptions {
  url: string;
  rows: number;
  chunkRows: number;
  minKills: number;
  leaseMs: number;
  /** Deterministic randomness for the kill moments. */
  seed: number;
}

export interface CrashResult {
  kills: number;
  restarts: number;
  rowsChecked: number;
  rewardsChecked: number;
  differences: string[];
  seconds: number;
}

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function startWorker(url: string, chunkRows: number, leaseMs: number): ChildProcess {
  return spawn(
    process.execPath,
    ['--import', 'tsx', 'test/helpers/importWorker.ts', url, String(chunkRows), String(leaseMs)],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.on('exit', () => resolve());
  });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Two rewards per participant; rows redeem varied amounts, some more than the balance. */
async function seed(
  db: Db,
  slug: string,
  rows: number,
): Promise<{ tenantId: number; file: string }> {
  const { tenant } = await createTenant(db, { slug });
  const batch = [];
  for (let i = 0; i < rows; i++) {
    batch.push(
      {
        rewardId: `a${i}`,
        accountId: 'acc',
        userId: `u${i % Math.ceil(rows * 0.8)}-${i}`,
        unit: 'CASH/USD',
        amount: '5.00',
        dateExpires: '2099-01-01',
      },
      {
        rewardId: `b${i}`,
        accountId: 'acc',
        userId: `u${i % Math.ceil(rows * 0.8)}-${i}`,
        unit: 'CASH/USD',
        amount: '5.00',
      },
    );
    if (batch.length >= 4000 || i === rows - 1) {
      await createRewards(db, tenant.id, batch.splice(0), {
        createMissing: true,
        source: 'CLI',
        actor: 'seed',
      });
    }
  }
  const lines = ['accountId,userId,unit,valueToRedeem'];
  for (let i = 0; i < rows; i++) {
    const value = i % 7 === 0 ? '11' : i % 11 === 0 ? '' : `${(i % 9) + 1}.25`;
    lines.push(`acc,u${i % Math.ceil(rows * 0.8)}-${i},CASH/USD,${value}`);
  }
  return { tenantId: tenant.id, file: lines.join('\n') + '\n' };
}

async function books(db: Db, tenantId: number, importId: number) {
  const rewards = await db
    .selectFrom('rewards')
    .select(['reward_key', 'redeemed', 'status'])
    .where('tenant_id', '=', tenantId)
    .orderBy('reward_key')
    .execute();
  const rows = [];
  for await (const r of storedOutcomes(db, importId)) {
    rows.push({
      record_number: r.recordNumber,
      outcome: r.outcome,
      amount: r.amount,
      message: r.message,
    });
  }
  const redemptions = await db
    .selectFrom('redemptions')
    .select(['import_row', 'amount'])
    .where('import_id', '=', importId)
    .orderBy('import_row')
    .execute();
  return { rewards, rows, redemptions };
}

function diff(label: string, a: unknown[], b: unknown[], out: string[]) {
  if (a.length !== b.length) out.push(`${label}: ${a.length} vs ${b.length} entries`);
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n && out.length < 20; i++) {
    if (JSON.stringify(a[i]) !== JSON.stringify(b[i])) {
      out.push(`${label}[${i}]: ${JSON.stringify(a[i])} vs ${JSON.stringify(b[i])}`);
    }
  }
}

export async function runImportCrash(db: Db, options: CrashOptions): Promise<CrashResult> {
  const started = performance.now();
  const random = rng(options.seed);
  const config = testConfig();
  const stamp = `${Date.now().toString(36)}-${options.seed}`;
  const calm = await seed(db, `calm-${stamp}`, options.rows);
  const crashed = await seed(db, `crash-${stamp}`, options.rows);
  const upload = (tenantId: number, file: string) =>
    uploadImport(db, config, {
      tenantId,
      fileName: 'crash.csv',
      source: bytesOf(file),
      dryRun: false,
      confirmRepeat: false,
      actor: 'harness',
    });

  const calmId = await upload(calm.tenantId, calm.file);
  await exited(startWorker(options.url, options.chunkRows, options.leaseMs));

  const crashedId = await upload(crashed.tenantId, crashed.file);
  const chunksDone = async () =>
    (
      await db
        .selectFrom('import_chunks')
        .select('chunk_no')
        .where('import_id', '=', crashedId)
        .execute()
    ).length;
  const finished = async () =>
    (await requireImportRow(db, crashed.tenantId, crashedId)).status === 'succeeded';
  let kills = 0;
  let restarts = 0;
  while (!(await finished())) {
    const child = startWorker(options.url, options.chunkRows, options.leaseMs);
    restarts += 1;
    if (kills < options.minKills) {
      // Wait for the restarted worker to commit at least one more chunk (or a random share of
      // one), then kill it a random moment later: often in the middle of a chunk's transaction.
      const before = await chunksDone();
      const extra = Math.floor(random() * 2);
      while ((await chunksDone()) < before + extra && child.exitCode === null) await sleep(5);
      await sleep(Math.floor(random() * 20));
      if (child.exitCode === null) {
        child.kill('SIGKILL');
        kills += 1;
      }
    }
    await exited(child);
  }
  const a = await books(db, calm.tenantId, calmId);
  const b = await books(db, crashed.tenantId, crashedId);
  const differences: string[] = [];
  diff('rewards', a.rewards, b.rewards, differences);
  diff('rows', a.rows, b.rows, differences);
  diff('redemptions', a.redemptions, b.redemptions, differences);
  return {
    kills,
    restarts,
    rowsChecked: b.rows.length,
    rewardsChecked: b.rewards.length,
    differences,
    seconds: (performance.now() - started) / 1000,
  };
}
