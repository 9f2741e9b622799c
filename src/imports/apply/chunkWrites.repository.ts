/** The writes of applying one chunk of import rows: redemptions, lines, rewards, row outcomes. */
import type { Db } from '../../db/database.js';
import { batches, bulkText, runBulk } from './bulkSql.js';
import type { ImportReward, PricedRow } from './planRows.js';

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
  const idsByRow = new Map<number, number>();
  for (const batch of batches(redeemed, 9)) {
    const text = bulkText(
      db,
      `insert into redemptions (tenant_id, kind, participant_id, unit_id, program_id, amount,
        source, import_id, import_row, actor, created_at) values`,
      "(?, 'REDEEM', ?, ?, ?, ?, 'IMPORT', ?, ?, ?, ?)",
      batch.length,
      'returning id, import_row',
    );
    const parameters: unknown[] = [];
    for (const p of batch) {
      parameters.push(tenantId, p.participantId, p.unitId, p.programId, p.amount);
      parameters.push(importId, p.row, actor, now);
    }
    const rows = await runBulk<{ id: number; import_row: number }>(db, text, parameters);
    for (const row of rows) idsByRow.set(row.import_row, row.id);
  }
  const lines: unknown[][] = [];
  for (const p of redeemed) {
    const id = idsByRow.get(p.row) as number;
    for (const l of p.lines) lines.push([id, l.rewardId, l.amount]);
  }
  for (const batch of batches(lines, 3)) {
    const text = bulkText(
      db,
      'insert into redemption_lines (redemption_id, reward_id, amount) values',
      '(?, ?, ?)',
      batch.length,
    );
    await runBulk(db, text, batch.flat());
  }
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
  for (const batch of batches(partly, 2)) {
    const text = bulkText(
      db,
      'update rewards set redeemed = v.column2 from (values',
      '(cast(? as bigint), cast(? as bigint))',
      batch.length,
      ') as v where rewards.id = v.column1',
    );
    await runBulk(
      db,
      text,
      batch.flatMap((r) => [r.id, r.redeemed]),
    );
  }
  for (const batch of batches(exhausted, 4)) {
    const text = bulkText(
      db,
      'update rewards set redeemed = v.column2, status = v.column3, date_redeemed = v.column4 from (values',
      '(cast(? as bigint), cast(? as bigint), cast(? as text), cast(? as bigint))',
      batch.length,
      ') as v where rewards.id = v.column1',
    );
    await runBulk(
      db,
      text,
      batch.flatMap((r) => [r.id, r.redeemed, r.status, r.dateRedeemed]),
    );
  }
}

export async function writeRowOutcomes(
  db: Db,
  importId: number,
  priced: readonly PricedRow[],
  cellsOf: (recordNumber: number) => string[],
): Promise<void> {
  for (const batch of batches(priced, 12)) {
    const text = bulkText(
      db,
      `insert into import_rows (import_id, record_number, outcome, account_id, user_id,
        program_code, value_text, unit_code, amount, message, warnings, cells) values`,
      '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      batch.length,
    );
    const parameters: unknown[] = [];
    for (const p of batch) {
      const i = p.intent;
      parameters.push(importId, i.recordNumber, p.outcome, i.accountId, i.userId, i.programId);
      parameters.push(i.valueText, i.unit, p.amount, p.message);
      parameters.push(p.warnings.length > 0 ? JSON.stringify(p.warnings) : null);
      parameters.push(p.outcome === 'error' ? JSON.stringify(cellsOf(i.recordNumber)) : '');
    }
    await runBulk(db, text, parameters);
  }
}
