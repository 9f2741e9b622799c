/**
 * Reverses a redemption: a new REVERSAL record gives back exactly what each line took. The
 * original is never edited. A reward restored after its expiry becomes EXPIRED.
 */
import type { Db } from '../db/database.js';
import type { RedemptionSource, RewardStatus } from '../db/schema.js';
import { AppError } from '../domain/errors.js';
import { isExpired } from '../domain/rewards.js';
import { lockParticipant } from './participants.repository.js';
import { getRedemptionView, type RedemptionView } from './redemptionViews.js';
import { recordReversal } from './redemptions.repository.js';

export interface ReverseInput {
  source: RedemptionSource;
  actor: string;
}

async function loadRedemption(db: Db, tenantId: number, id: number) {
  const redemption = await db
    .selectFrom('redemptions')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!redemption) throw new AppError('NOT_FOUND', `No redemption ${id}`, { id });
  if (redemption.kind !== 'REDEEM') {
    throw new AppError(
      'REVERSAL_REFUSED',
      `Redemption ${id} is itself a reversal and cannot be reversed`,
      {
        id,
      },
    );
  }
  const reversal = await db
    .selectFrom('redemptions')
    .select('id')
    .where('reverses_id', '=', id)
    .executeTakeFirst();
  if (reversal) {
    throw new AppError(
      'ALREADY_REVERSED',
      `Redemption ${id} was already reversed by ${reversal.id}`,
      {
        id,
        reversalId: reversal.id,
      },
    );
  }
  return redemption;
}

/** Reverses inside the caller's transaction; returns the reversal's id. */
export async function reverseRedemptionIn(
  trx: Db,
  tenantId: number,
  id: number,
  input: ReverseInput,
  now: number,
): Promise<number> {
  const redemption = await loadRedemption(trx, tenantId, id);
  await lockParticipant(trx, redemption.participant_id);
  const lines = await trx
    .selectFrom('redemption_lines as l')
    .innerJoin('rewards as r', 'r.id', 'l.reward_id')
    .select([
      'l.reward_id as rewardId',
      'l.amount as amount',
      'r.redeemed',
      'r.status',
      'r.date_expires',
      'r.reward_key',
    ])
    .where('l.redemption_id', '=', id)
    .execute();
  for (const line of lines) {
    if (line.status === 'CANCELLED' || line.redeemed < line.amount) {
      throw new AppError(
        'REVERSAL_REFUSED',
        `Reward ${line.reward_key} has changed since (${line.status}, ${line.redeemed} redeemed), so giving back what redemption ${id} took would be wrong; nothing was reversed`,
        { id, rewardId: line.reward_key },
      );
    }
  }
  for (const line of lines) {
    const restored: RewardStatus =
      line.status === 'EXPIRED' || isExpired({ dateExpires: line.date_expires }, now)
        ? 'EXPIRED'
        : line.status === 'PENDING'
          ? 'PENDING'
          : 'AVAILABLE';
    await trx
      .updateTable('rewards')
      .set((eb) => ({
        redeemed: eb('redeemed', '-', line.amount),
        status: restored,
        date_redeemed: null,
      }))
      .where('id', '=', line.rewardId)
      .execute();
  }
  return recordReversal(
    trx,
    {
      tenantId,
      participantId: redemption.participant_id,
      unitId: redemption.unit_id,
      programId: redemption.program_id,
      amount: redemption.amount,
      source: input.source,
      actor: input.actor,
    },
    id,
    lines,
    now,
  );
}

/** Errors: NOT_FOUND, ALREADY_REVERSED, REVERSAL_REFUSED. */
export async function reverseRedemption(
  db: Db,
  tenantId: number,
  id: number,
  input: ReverseInput,
): Promise<RedemptionView> {
  const reversalId = await db
    .transaction()
    .execute((trx) => reverseRedemptionIn(trx, tenantId, id, input, Date.now()));
  return getRedemptionView(db, tenantId, reversalId);
}
