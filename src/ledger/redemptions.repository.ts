import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { dialectOf } from '../db/dialectOf.js';
import { reusableQuery, type Param } from '../db/reusableQuery.js';
import type { RedemptionKind, RedemptionSource } from '../db/schema.js';
import type { PlanLine } from '../domain/plan.js';
import { takeFromRewards } from './rewards.repository.js';

export interface NewRedemption {
  tenantId: number;
  participantId: number;
  unitId: number;
  programId: number | null;
  amount: number;
  source: RedemptionSource;
  actor: string;
  importId?: number | null;
  importRow?: number | null;
  idempotencyKey?: string | null;
  requestHash?: string | null;
}

/** The `redemptions` row of a new redemption or reversal. */
function redemptionRow(
  kind: RedemptionKind,
  r: NewRedemption,
  reversesId: number | null,
  now: number,
) {
  return {
    tenant_id: r.tenantId,
    kind,
    participant_id: r.participantId,
    unit_id: r.unitId,
    program_id: r.programId,
    amount: r.amount,
    source: r.source,
    import_id: r.importId ?? null,
    import_row: r.importRow ?? null,
    actor: r.actor,
    idempotency_key: r.idempotencyKey ?? null,
    request_hash: r.requestHash ?? null,
    reverses_id: reversesId,
    created_at: now,
  };
}

async function insertRedemption(
  db: Db,
  kind: RedemptionKind,
  r: NewRedemption,
  reversesId: number | null,
  now: number,
): Promise<number> {
  const row = await db
    .insertInto('redemptions')
    .values(redemptionRow(kind, r, reversesId, now))
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

type RedemptionRow = ReturnType<typeof redemptionRow>;

/** The columns of a `redemptions` row (its keys, whatever the values), in the order written. */
const REDEMPTION_COLUMNS = Object.keys(
  redemptionRow('REDEEM', {} as NewRedemption, null, 0),
) as (keyof RedemptionRow)[];

/** The row's columns, and per line i: rewardId{i}, amount{i}, exhausts{i}. */
type OneStatementParams = RedemptionRow & Record<string, unknown>;

/**
 * PostgreSQL: the record, its lines and the rewards' new totals in one statement, so one round
 * trip instead of three while the participant is locked. The lines keep the plan's order.
 *
 * One text per number of lines, each its own prepared statement. (One text for any number, with
 * the lines as arrays through unnest(), made PostgreSQL plan it again at every run: it cannot
 * know an array's length in a generic plan.)
 */
function buildOneStatementWrite(lineCount: number) {
  return reusableQuery((db, p: Param<OneStatementParams>) => {
    const taken = Array.from(
      { length: lineCount },
      (_, i) =>
        sql`(${i}::int, ${p(`rewardId${i}`)}::bigint, ${p(`amount${i}`)}::bigint, ${p(`exhausts${i}`)}::boolean)`,
    );
    return sql<{ id: number }>`
      with x (ord, reward_id, amount, exhausts) as (values ${sql.join(taken)}),
      d as (
        insert into redemptions (${sql.join(REDEMPTION_COLUMNS.map((c) => sql.ref(c)))})
        values (${sql.join(REDEMPTION_COLUMNS.map((c) => p(c)))})
        returning id
      ),
      l as (
        insert into redemption_lines (redemption_id, reward_id, amount)
        select d.id, x.reward_id, x.amount from d cross join x order by x.ord
      ),
      u as (
        update rewards as r
        set redeemed = r.redeemed + x.amount,
            status = case when x.exhausts then 'REDEEMED' else r.status end,
            date_redeemed = case when x.exhausts then ${p('created_at')}::bigint
                                 else r.date_redeemed end
        from x where r.id = x.reward_id
      )
      select id from d`;
  });
}

/** Writes of up to this many lines keep their compiled query; longer ones are rare. */
const MAX_KEPT_LINE_COUNT = 16;
const oneStatementWrites = new Map<number, ReturnType<typeof buildOneStatementWrite>>();

async function recordInOneStatement(
  db: Db,
  redemption: NewRedemption,
  lines: readonly PlanLine[],
  now: number,
): Promise<number> {
  let write = oneStatementWrites.get(lines.length);
  if (!write) {
    write = buildOneStatementWrite(lines.length);
    if (lines.length <= MAX_KEPT_LINE_COUNT) oneStatementWrites.set(lines.length, write);
  }
  const params: OneStatementParams = { ...redemptionRow('REDEEM', redemption, null, now) };
  lines.forEach((line, i) => {
    params[`rewardId${i}`] = line.rewardId;
    params[`amount${i}`] = line.amount;
    params[`exhausts${i}`] = line.exhausts;
  });
  const [inserted] = await write(db, params);
  if (!inserted) throw new Error('The redemption insert returned no id');
  return inserted.id;
}

/**
 * Writes a planned redemption: the record, one line per reward, and each reward's new redeemed
 * total. Must run inside the transaction that planned it, with the balance locked.
 */
export async function recordRedemption(
  db: Db,
  redemption: NewRedemption,
  lines: readonly PlanLine[],
  now: number,
): Promise<number> {
  if (dialectOf(db) === 'postgres' && lines.length > 0) {
    return recordInOneStatement(db, redemption, lines, now);
  }
  const id = await insertRedemption(db, 'REDEEM', redemption, null, now);
  await db
    .insertInto('redemption_lines')
    .values(lines.map((l) => ({ redemption_id: id, reward_id: l.rewardId, amount: l.amount })))
    .execute();
  await takeFromRewards(db, lines, now);
  return id;
}

/** Writes a reversal record whose lines give back (negative amounts) what `lines` took. */
export async function recordReversal(
  db: Db,
  reversal: NewRedemption,
  reversesId: number,
  lines: readonly { rewardId: number; amount: number }[],
  now: number,
): Promise<number> {
  const id = await insertRedemption(db, 'REVERSAL', reversal, reversesId, now);
  if (lines.length > 0) {
    await db
      .insertInto('redemption_lines')
      .values(lines.map((l) => ({ redemption_id: id, reward_id: l.rewardId, amount: -l.amount })))
      .execute();
  }
  return id;
}

export function findRedemptionByIdempotencyKey(db: Db, tenantId: number, key: string) {
  return db
    .selectFrom('redemptions')
    .select(['id', 'request_hash'])
    .where('tenant_id', '=', tenantId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
}
