import type { Db } from '../db/database.js';
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

async function insertRedemption(
  db: Db,
  kind: RedemptionKind,
  r: NewRedemption,
  reversesId: number | null,
  now: number,
): Promise<number> {
  const row = await db
    .insertInto('redemptions')
    .values({
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
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
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
