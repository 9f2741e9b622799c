/** The ledger writes of applying one chunk of import rows: redemptions, lines, reward totals. */
import type { Db } from '../../db/database.js';
import { insertRows, updateFromRows, type BulkColumn } from './bulkSql.js';
import type { ImportReward, PricedRow } from './planRows.js';

const REDEMPTION: BulkColumn[] = [
  ['tenant_id', 'bigint'],
  ['kind', 'text'],
  ['participant_id', 'bigint'],
  ['unit_id', 'bigint'],
  ['program_id', 'bigint'],
  ['amount', 'bigint'],
  ['source', 'text'],
  ['import_id', 'bigint'],
  ['import_row', 'integer'],
  ['actor', 'text'],
  ['created_at', 'bigint'],
];

const LINE: BulkColumn[] = [
  ['redemption_id', 'bigint'],
  ['reward_id', 'bigint'],
  ['amount', 'bigint'],
];

/** Writes the chunk's redemptions, their lines and the rewards' new totals. */
export async function writeRedemptions(
  db: Db,
  tenantId: number,
  importId: number,
  actor: string,
  priced: readonly PricedRow[],
  touched: ReadonlyMap<number, ImportReward>,
  now: number,
): Promise<void> {
  const redeemed = priced.flatMap((p) =>
    p.redemption ? [{ row: p.intent.recordNumber, ...p.redemption }] : [],
  );
  const inserted = await insertRows<{ id: number; import_row: number }>(
    db,
    'redemptions',
    REDEMPTION,
    redeemed.map((p) => [
      tenantId,
      'REDEEM',
      p.participantId,
      p.unitId,
      p.programId,
      p.amount,
      'IMPORT',
      importId,
      p.row,
      actor,
      now,
    ]),
    'id, import_row',
  );
  const idsByRow = new Map(inserted.map((r) => [Number(r.import_row), r.id] as const));
  const lines: unknown[][] = [];
  for (const p of redeemed) {
    const id = idsByRow.get(p.row) as number;
    for (const l of p.lines) lines.push([id, l.rewardId, l.amount]);
  }
  await insertRows(db, 'redemption_lines', LINE, lines);
  await updateRewards(db, [...touched.values()]);
}

/**
 * Sets each reward's redeemed total, and status and dateRedeemed for those a row exhausted.
 * Setting status rewrites the reward's entries in two indexes even when it does not change, so
 * the rewards that stay AVAILABLE get their total only (a several-fold cheaper update).
 */
async function updateRewards(db: Db, rewards: readonly ImportReward[]): Promise<void> {
  const partly = rewards.filter((r) => r.status === 'AVAILABLE');
  const exhausted = rewards.filter((r) => r.status !== 'AVAILABLE');
  await updateFromRows(
    db,
    'update rewards set redeemed = v.column2',
    'rewards.id = v.column1',
    [
      ['id', 'bigint'],
      ['redeemed', 'bigint'],
    ],
    partly.map((r) => [r.id, r.redeemed]),
  );
  await updateFromRows(
    db,
    'update rewards set redeemed = v.column2, status = v.column3, date_redeemed = v.column4',
    'rewards.id = v.column1',
    [
      ['id', 'bigint'],
      ['redeemed', 'bigint'],
      ['status', 'text'],
      ['date_redeemed', 'bigint'],
    ],
    exhausted.map((r) => [r.id, r.redeemed, r.status, r.dateRedeemed]),
  );
}
