/** Test helpers for exports: a hand-built ledger, a worker that runs exports, report bytes. */
import type { DatabaseHandle, Db } from '../db/database.js';
import { readFile } from '../files/readFile.js';
import { testConfig, giveRewards } from '../http/testing.js';
import { createJobRegistry } from '../jobs/registry.js';
import { startWorker } from '../jobs/worker.js';
import { redeemBalance } from '../ledger/redeemBalance.js';
import { registerExportJobs } from './exportJobs.js';
import { findExport } from './exports.repository.js';

export const exportConfig = testConfig({ publicUrl: 'https://rb.example.com' });

/**
 * A small ledger whose report is known by heart (rows in report order):
 * - acct-1/000123 Ana Silva: CASH/USD 10.50 (spring, expires 2099-01-31) + 5.25 (summer), 3.00
 *   redeemed from the soonest-expiring first → 12.75 available; POINT 100 (spring).
 * - acct-1/u-2 "=SUM(A1)" "+1": CASH/USD 0.01 left; 4.00 fully redeemed; 1.00 expired in 2020.
 * - acct-2/u-3: only a PENDING reward and an expired one: no row.
 * - acct-2/u-4 (no names): CASH/KWD 1.234, never expiring.
 */
export async function buildLedger(db: Db, tenantId: number): Promise<void> {
  await giveRewards(db, tenantId, [
    {
      accountId: 'acct-1',
      userId: '000123',
      firstName: 'Ana',
      lastName: 'Silva',
      email: 'ana@example.com',
      unit: 'CASH/USD',
      programId: 'spring',
      amount: '10.50',
      dateExpires: '2099-01-31',
    },
    {
      accountId: 'acct-1',
      userId: '000123',
      unit: 'CASH/USD',
      programId: 'summer',
      amount: '5.25',
    },
    { accountId: 'acct-1', userId: '000123', unit: 'POINT', programId: 'spring', amount: '100' },
    {
      accountId: 'acct-1',
      userId: 'u-2',
      firstName: '=SUM(A1)',
      lastName: '+1',
      unit: 'CASH/USD',
      amount: '0.01',
    },
    {
      accountId: 'acct-1',
      userId: 'u-2',
      unit: 'CASH/USD',
      amount: '4.00',
      redeemedAmount: '4.00',
      status: 'REDEEMED',
    },
    {
      accountId: 'acct-1',
      userId: 'u-2',
      unit: 'CASH/USD',
      amount: '1.00',
      dateExpires: '2020-01-01',
    },
    { accountId: 'acct-2', userId: 'u-3', unit: 'POINT', amount: '7', status: 'PENDING' },
    {
      accountId: 'acct-2',
      userId: 'u-3',
      unit: 'CASH/KWD',
      amount: '2.000',
      dateExpires: '2020-01-01',
    },
    { accountId: 'acct-2', userId: 'u-4', unit: 'CASH/KWD', amount: '1.234' },
  ]);
  await redeemBalance(db, tenantId, {
    accountId: 'acct-1',
    userId: '000123',
    unit: 'CASH/USD',
    amount: '3.00',
    source: 'API',
    actor: 'test',
  });
}

/** Runs every queued export (only exports) until none is left. */
export async function runExportJobs(handle: DatabaseHandle, leaseMs?: number): Promise<void> {
  const registry = createJobRegistry();
  registerExportJobs(registry, { config: exportConfig, retryDelayMs: () => 10 });
  await startWorker({ handle, registry, pollMs: 5, exitWhenIdle: true, leaseMs }).idle;
}

/** The linked report of an export, as bytes. */
export async function reportBytes(db: Db, tenantId: number, exportId: number): Promise<Buffer> {
  const record = await findExport(db, tenantId, exportId);
  if (record?.file_id == null) throw new Error(`Export ${exportId} has no report`);
  const parts: Uint8Array[] = [];
  for await (const part of readFile(db, tenantId, record.file_id)) parts.push(part);
  return Buffer.concat(parts);
}

/** A report's CSV as lines, without the byte-order mark and line ends. */
export async function reportLines(db: Db, tenantId: number, exportId: number): Promise<string[]> {
  const text = (await reportBytes(db, tenantId, exportId)).toString('utf8');
  return text
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .slice(0, -1);
}

export function exportFiles(db: Db, tenantId: number) {
  return db
    .selectFrom('files')
    .select(['id', 'name', 'complete'])
    .where('tenant_id', '=', tenantId)
    .where('purpose', '=', 'report')
    .orderBy('id')
    .execute();
}
