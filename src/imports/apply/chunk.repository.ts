/** The reads and writes of applying one chunk of import rows, set-based on both dialects. */
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { dialectOf } from '../../db/dialectOf.js';
import type { RowOutcome } from '../../db/schema.js';
import { isAllDigits, withoutLeadingZeros } from './mangled.js';
import { balanceKey, participantKey, type ImportReward, type PricedRow } from './planRows.js';
import type { RowIntent } from './rowIntent.js';

/** Statements stay well under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters. */
const MAX_PARAMS = 20_000;

function batches<T>(items: readonly T[], paramsPerItem: number): T[][] {
  const size = Math.max(1, Math.floor(MAX_PARAMS / paramsPerItem));
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export async function findParticipants(
  db: Db,
  tenantId: number,
  intents: readonly RowIntent[],
): Promise<Map<string, number>> {
  const userIds = [...new Set(intents.map((i) => i.userId).filter((u) => u !== ''))];
  const found = new Map<string, number>();
  for (const batch of batches(userIds, 1)) {
    const rows = await db
      .selectFrom('participants')
      .select(['id', 'account_id', 'user_id'])
      .where('tenant_id', '=', tenantId)
      .where('user_id', 'in', batch)
      .execute();
    for (const row of rows) found.set(participantKey(row.account_id, row.user_id), row.id);
  }
  return found;
}

/**
 * For rows naming no participant, the participants whose all-digit ids equal theirs once leading
 * zeros are dropped. Scans only when a chunk has such rows, which a clean file never has.
 */
export async function findZeroStripped(
  db: Db,
  tenantId: number,
  unknown: readonly RowIntent[],
): Promise<Map<string, { accountId: string; userId: string }>> {
  const result = new Map<string, { accountId: string; userId: string }>();
  const userIds = [
    ...new Set(
      unknown.filter((i) => isAllDigits(i.userId)).map((i) => withoutLeadingZeros(i.userId)),
    ),
  ];
  const accountIds = [
    ...new Set(
      unknown.filter((i) => isAllDigits(i.accountId)).map((i) => withoutLeadingZeros(i.accountId)),
    ),
  ];
  const probes: [string, 'user_id' | 'account_id'][] = [
    ...userIds.map((v) => [v, 'user_id'] as [string, 'user_id']),
    ...accountIds.map((v) => [v, 'account_id'] as [string, 'account_id']),
  ];
  for (const column of ['user_id', 'account_id'] as const) {
    const values = probes.filter(([, c]) => c === column).map(([v]) => v);
    for (const batch of batches(values, 1)) {
      const rows = await db
        .selectFrom('participants')
        .select(['account_id', 'user_id'])
        .where('tenant_id', '=', tenantId)
        .where(sql<string>`ltrim(${sql.ref(column)}, '0')`, 'in', batch)
        .where(sql.ref(column), 'like', '0%')
        .limit(10_000)
        .execute();
      for (const row of rows) {
        const key = participantKey(
          withoutLeadingZeros(row.account_id),
          withoutLeadingZeros(row.user_id),
        );
        if (!result.has(key)) result.set(key, { accountId: row.account_id, userId: row.user_id });
      }
    }
  }
  return result;
}

/** Locks the participants' rows (PostgreSQL) in id order, so chunks and API calls never deadlock. */
export async function lockParticipants(db: Db, ids: readonly number[]): Promise<void> {
  if (dialectOf(db) !== 'postgres' || ids.length === 0) return;
  const sorted = [...ids].sort((a, b) => a - b);
  for (const batch of batches(sorted, 1)) {
    await db
      .selectFrom('participants')
      .select('id')
      .where('id', 'in', batch)
      .orderBy('id')
      .forUpdate()
      .execute();
  }
}

export async function loadAvailableRewards(
  db: Db,
  participantIds: readonly number[],
): Promise<Map<string, ImportReward[]>> {
  const byBalance = new Map<string, ImportReward[]>();
  for (const batch of batches(participantIds, 1)) {
    const rows = await db
      .selectFrom('rewards')
      .select([
        'id',
        'participant_id',
        'unit_id',
        'program_id as programId',
        'amount',
        'redeemed',
        'status',
        'date_given as dateGiven',
        'date_expires as dateExpires',
        'date_redeemed as dateRedeemed',
      ])
      .where('participant_id', 'in', batch)
      .where('status', '=', 'AVAILABLE')
      .execute();
    for (const { participant_id, unit_id, ...reward } of rows) {
      const key = balanceKey(participant_id, unit_id);
      const list = byBalance.get(key) ?? [];
      list.push(reward);
      byBalance.set(key, list);
    }
  }
  return byBalance;
}

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
  for (const batch of batches(redeemed, 12)) {
    const rows = await db
      .insertInto('redemptions')
      .values(
        batch.map((p) => ({
          tenant_id: tenantId,
          kind: 'REDEEM' as const,
          participant_id: p.participantId,
          unit_id: p.unitId,
          program_id: p.programId,
          amount: p.amount,
          source: 'IMPORT' as const,
          import_id: importId,
          import_row: p.row,
          actor,
          created_at: now,
        })),
      )
      .returning(['id', 'import_row'])
      .execute();
    for (const row of rows) idsByRow.set(row.import_row as number, row.id);
  }
  const lines = redeemed.flatMap((p) =>
    p.lines.map((l) => ({
      redemption_id: idsByRow.get(p.row) as number,
      reward_id: l.rewardId,
      amount: l.amount,
    })),
  );
  for (const batch of batches(lines, 3))
    await db.insertInto('redemption_lines').values(batch).execute();
  await updateRewards(db, [...touched.values()]);
}

/** Sets each reward's redeemed total, status and dateRedeemed in one statement per batch. */
async function updateRewards(db: Db, rewards: readonly ImportReward[]): Promise<void> {
  for (const batch of batches(rewards, 4)) {
    const values = sql.join(
      batch.map(
        (r) =>
          sql`(cast(${r.id} as bigint), cast(${r.redeemed} as bigint), cast(${r.status} as text), cast(${r.dateRedeemed} as bigint))`,
      ),
    );
    await sql`update rewards set redeemed = v.column2, status = v.column3, date_redeemed = v.column4
      from (values ${values}) as v where rewards.id = v.column1`.execute(db);
  }
}

export async function writeRowOutcomes(
  db: Db,
  importId: number,
  priced: readonly PricedRow[],
  cellsOf: (recordNumber: number) => string[],
): Promise<void> {
  for (const batch of batches(priced, 12)) {
    await db
      .insertInto('import_rows')
      .values(
        batch.map((p) => ({
          import_id: importId,
          record_number: p.intent.recordNumber,
          outcome: p.outcome as RowOutcome,
          account_id: p.intent.accountId,
          user_id: p.intent.userId,
          program_code: p.intent.programId,
          value_text: p.intent.valueText,
          unit_code: p.intent.unit,
          amount: p.amount,
          message: p.message,
          warnings: p.warnings.length > 0 ? JSON.stringify(p.warnings) : null,
          cells: p.outcome === 'error' ? JSON.stringify(cellsOf(p.intent.recordNumber)) : '',
        })),
      )
      .execute();
  }
}
