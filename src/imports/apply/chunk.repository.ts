/** The reads of applying one chunk of import rows, set-based on both dialects. */
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { dialectOf } from '../../db/dialectOf.js';
import { batches, selectArraysWhereIn, selectWhereIn } from './bulkSql.js';
import { isAllDigits, withoutLeadingZeros } from './mangled.js';
import type { BalanceTotal } from './balanceTotals.js';
import { balanceKey, participantKey, type ImportReward } from './planRows.js';
import type { RowIntent } from './rowIntent.js';

/** The distinct userIds rows name; participants are looked up by them, then matched on both ids. */
const userIdsOf = (intents: readonly RowIntent[]) => [
  ...new Set(intents.map((i) => i.userId).filter((u) => u !== '')),
];

export async function findParticipants(
  db: Db,
  tenantId: number,
  intents: readonly RowIntent[],
): Promise<Map<string, number>> {
  const userIds = userIdsOf(intents);
  const rows = await selectArraysWhereIn(
    db,
    'select id, account_id, user_id from participants where tenant_id = ? and user_id',
    [tenantId],
    userIds,
    'text',
  );
  const found = new Map<string, number>();
  for (const [id, accountId, userId] of rows as [number, string, string][]) {
    found.set(participantKey(accountId, userId), Number(id));
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
  await selectWhereIn(
    db,
    'select id from participants where id',
    [],
    sorted,
    'bigint',
    'order by id for update',
  );
}

type RewardColumns = [
  participantId: number,
  unitId: number,
  id: number,
  programId: number | null,
  amount: number,
  redeemed: number,
  dateGiven: number,
  dateExpires: number | null,
];

/**
 * The AVAILABLE rewards of these participants by balance. Read as arrays of only the columns
 * pricing needs: an import reads every reward of every participant it names (three million for
 * a million-row file), and the row shape is most of that cost.
 */
export async function loadAvailableRewards(
  db: Db,
  participantIds: readonly number[],
): Promise<Map<string, ImportReward[]>> {
  const rows = (await selectArraysWhereIn(
    db,
    `select participant_id, unit_id, id, program_id, amount, redeemed, date_given, date_expires
      from rewards where status = 'AVAILABLE' and participant_id`,
    [],
    participantIds,
    'bigint',
  )) as RewardColumns[];
  const byBalance = new Map<string, ImportReward[]>();
  for (const [participantId, unitId, id, programId, amount, redeemed, given, expires] of rows) {
    const reward: ImportReward = {
      id,
      programId,
      amount,
      redeemed,
      status: 'AVAILABLE',
      dateGiven: given,
      dateExpires: expires,
      dateRedeemed: null,
    };
    const key = balanceKey(participantId, unitId);
    const list = byBalance.get(key);
    if (list) list.push(reward);
    else byBalance.set(key, [reward]);
  }
  return byBalance;
}

type TotalColumns = [
  participantId: number,
  accountId: string,
  userId: string,
  unitId: number | null,
  programId: number | null,
  available: number | null,
];

/**
 * For a dry run: the participants these rows name (as findParticipants) and, in the same read,
 * the available total of each of their balances at `now` per program (redeemable rewards only:
 * AVAILABLE and not expired).
 */
export async function findParticipantTotals(
  db: Db,
  tenantId: number,
  intents: readonly RowIntent[],
  now: number,
): Promise<{ participants: Map<string, number>; totals: Map<string, BalanceTotal> }> {
  const userIds = userIdsOf(intents);
  const rows = (await selectArraysWhereIn(
    db,
    `select p.id, p.account_id, p.user_id, r.unit_id, r.program_id, sum(r.amount - r.redeemed)
      from participants p
      left join rewards r on r.participant_id = p.id and r.status = 'AVAILABLE'
        and (r.date_expires is null or r.date_expires > ?)
      where p.tenant_id = ? and p.user_id`,
    [now, tenantId],
    userIds,
    'text',
    'group by p.id, p.account_id, p.user_id, r.unit_id, r.program_id',
  )) as TotalColumns[];
  const participants = new Map<string, number>();
  const totals = new Map<string, BalanceTotal>();
  for (const [id, accountId, userId, unitId, programId, available] of rows) {
    participants.set(participantKey(accountId, userId), Number(id));
    if (unitId === null || available === null) continue;
    const key = balanceKey(Number(id), Number(unitId));
    let total = totals.get(key);
    if (!total) totals.set(key, (total = { total: 0, byProgram: new Map() }));
    const amount = Number(available);
    total.total += amount;
    total.byProgram.set(programId === null ? null : Number(programId), amount);
  }
  return { participants, totals };
}
