/**
 * Kills the worker process (SIGKILL) in the middle of applying an import, restarts it, and
 * checks the books equal those of an uninterrupted run: no row lost, none applied twice.
 */
import { spawn } from 'node:child_process';
import { expect, it } from 'vitest';
import { describeEachDb } from '../../test/helpers/databases.js';
import { buildTenant } from '../../test/helpers/ledger.js';
import { ledgerViolations } from '../../test/helpers/ledger.js';
import { testConfig } from '../http/testing.js';
import { createRewards } from '../ledger/createRewards.js';
import type { Db } from '../db/database.js';
import { requireImportRow } from './imports.repository.js';
import { bytesOf } from './testing.js';
import { uploadImport } from './uploadImport.js';

const ROWS = 3000;
const CHUNK = 100;
const LEASE_MS = 1500;
const config = testConfig();

function startWorker(url: string) {
  return spawn(
    process.execPath,
    ['--import', 'tsx', 'test/helpers/importWorker.ts', url, String(CHUNK), String(LEASE_MS)],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
}

async function seed(db: Db, tenantId: number) {
  const rewards = [];
  for (let i = 0; i < ROWS; i++) {
    rewards.push({
      rewardId: `a${i}`,
      accountId: 'acc',
      userId: `u${i}`,
      unit: 'CASH/USD',
      amount: '5.00',
      dateExpires: '2099-01-01',
    });
    rewards.push({
      rewardId: `b${i}`,
      accountId: 'acc',
      userId: `u${i}`,
      unit: 'CASH/USD',
      amount: '5.00',
    });
  }
  for (let i = 0; i < rewards.length; i += 2000) {
    await createRewards(db, tenantId, rewards.slice(i, i + 2000), {
      createMissing: true,
      source: 'CLI',
      actor: 'seed',
    });
  }
  const lines = ['accountId,userId,unit,valueToRedeem'];
  for (let i = 0; i < ROWS; i++)
    lines.push(`acc,u${i},CASH/USD,${i % 7 === 0 ? '11' : `${(i % 9) + 1}.25`}`);
  return lines.join('\n') + '\n';
}

async function books(db: Db, tenantId: number, importId: number) {
  const rewards = await db
    .selectFrom('rewards')
    .select(['reward_key', 'redeemed', 'status'])
    .where('tenant_id', '=', tenantId)
    .orderBy('reward_key')
    .execute();
  const rows = await db
    .selectFrom('import_rows')
    .select(['record_number', 'outcome', 'amount', 'message'])
    .where('import_id', '=', importId)
    .orderBy('record_number')
    .execute();
  const redemptions = await db
    .selectFrom('redemptions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('import_id', '=', importId)
    .executeTakeFirstOrThrow();
  return { rewards, rows, redemptions: Number(redemptions.n) };
}

describeEachDb('import survives a killed worker', (get) => {
  it('applies every row exactly once after SIGKILL and restart', async () => {
    const { handle, url } = get();
    const { db } = handle;
    const calm = await buildTenant(db);
    const crashed = await buildTenant(db);
    const file = await seed(db, calm.id);
    await seed(db, crashed.id);
    const upload = (tenantId: number) =>
      uploadImport(db, config, {
        tenantId,
        fileName: 'f.csv',
        source: bytesOf(file),
        dryRun: false,
        confirmRepeat: false,
        actor: 'test',
      });

    const calmId = await upload(calm.id);
    await new Promise((resolve) => startWorker(url).on('exit', resolve));
    const calmBooks = await books(db, calm.id, calmId);
    expect(calmBooks.rows).toHaveLength(ROWS);

    const crashedId = await upload(crashed.id);
    let kills = 0;
    for (let round = 0; round < 3; round++) {
      const child = startWorker(url);
      const target = (round + 1) * 6;
      // Kill once a few more chunks have committed, mid-way through the next ones.
      for (;;) {
        const done = await db
          .selectFrom('import_chunks')
          .select('chunk_no')
          .where('import_id', '=', crashedId)
          .execute();
        if (done.length >= target || child.exitCode !== null) break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      if (child.exitCode === null) {
        child.kill('SIGKILL');
        kills += 1;
      }
      await new Promise((resolve) =>
        child.exitCode !== null ? resolve(null) : child.on('exit', resolve),
      );
    }
    expect(kills).toBeGreaterThan(0);
    await new Promise((resolve) => startWorker(url).on('exit', resolve));

    const imp = await requireImportRow(db, crashed.id, crashedId);
    expect(imp.status).toBe('succeeded');
    const crashedBooks = await books(db, crashed.id, crashedId);
    expect(crashedBooks.rewards).toEqual(calmBooks.rewards);
    expect(crashedBooks.rows).toEqual(calmBooks.rows);
    expect(crashedBooks.redemptions).toBe(calmBooks.redemptions);
    expect(await ledgerViolations(db)).toEqual([]);
  }, 120_000);
});
