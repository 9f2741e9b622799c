/** Redeems an amount from a balance: the same rule for the API, the app and the CLI. */
import type { Db } from '../db/database.js';
import type { RedemptionSource } from '../db/schema.js';
import { formatAmount, parseRedeemAmount } from '../domain/amounts.js';
import { AppError } from '../domain/errors.js';
import { planRedemption } from '../domain/plan.js';
import { replayedRedemption } from './idempotency.js';
import {
  findAndLockBalanceOwner,
  lockParticipant,
  requireParticipant,
} from './participants.repository.js';
import { requireProgram } from './programs.repository.js';
import { getRedemptionView, presentRedemption, type RedemptionView } from './redemptionViews.js';
import { recordRedemption } from './redemptions.repository.js';
import { selectAvailableRewardStates } from './rewards.repository.js';
import { requireUnit } from './units.repository.js';

export interface RedeemBalanceInput {
  accountId: string;
  userId: string;
  unit: string;
  /** Narrows the balance to one program's rewards; absent or empty: all programs. */
  programId?: string | null;
  /** Display text in the unit, e.g. "10.55"; extra decimals are truncated. */
  amount: string;
  source: RedemptionSource;
  actor: string;
  idempotencyKey?: string;
  requestHash?: string;
}

/** Errors: INVALID_AMOUNT, UNKNOWN_UNIT, UNKNOWN_PROGRAM, UNKNOWN_PARTICIPANT,
 * INSUFFICIENT_BALANCE, IDEMPOTENCY_KEY_REUSED. All of the amount is redeemed, or nothing. */
export async function redeemBalance(
  db: Db,
  tenantId: number,
  input: RedeemBalanceInput,
): Promise<RedemptionView> {
  const outcome = await db
    .transaction()
    .execute((trx) => redeemInTransaction(trx, tenantId, input))
    .catch(async (error: unknown) => {
      // Two requests with one new key racing on PostgreSQL: the loser hits the unique key and
      // answers with the winner's redemption, as a retry would.
      const winner = await replayedRedemption(
        db,
        tenantId,
        input.idempotencyKey,
        input.requestHash,
      );
      if (winner === null) throw error;
      return winner;
    });
  // A new redemption is presented from what its transaction wrote; a replay is read back.
  return typeof outcome === 'number' ? getRedemptionView(db, tenantId, outcome) : outcome;
}

/** The new redemption's view, or the id of the one an idempotency key already produced. */
async function redeemInTransaction(
  trx: Db,
  tenantId: number,
  input: RedeemBalanceInput,
): Promise<RedemptionView | number> {
  const replayed = await replayedRedemption(trx, tenantId, input.idempotencyKey, input.requestHash);
  if (replayed !== null) return replayed;
  // One query finds (and locks) the usual case; the lookups below only name what is missing,
  // in the order the errors have always been reported: unit, program, amount, participant.
  const owner = await findAndLockBalanceOwner(
    trx,
    tenantId,
    input.unit,
    input.accountId,
    input.userId,
  );
  const unit = owner?.unit ?? (await requireUnit(trx, tenantId, input.unit));
  const program = input.programId ? await requireProgram(trx, tenantId, input.programId) : null;
  const parsed = parseRedeemAmount(input.amount, unit.decimals);
  if (parsed.kind === 'none') {
    throw new AppError(
      'INVALID_AMOUNT',
      `"${input.amount}" is zero, so there is nothing to redeem; enter an amount above zero`,
      { value: input.amount },
    );
  }
  let participant = owner?.participant;
  if (!participant) {
    // Created since the first query, or unknown (which throws).
    participant = await requireParticipant(trx, tenantId, input.accountId, input.userId);
    await lockParticipant(trx, participant.id);
  }
  const now = Date.now();
  const rewards = await selectAvailableRewardStates(
    trx,
    participant.id,
    unit.id,
    program?.id ?? null,
  );
  const plan = planRedemption(rewards, parsed.minor, now);
  if (!plan.ok) {
    const available = formatAmount(plan.available, unit.decimals);
    const asked = formatAmount(parsed.minor, unit.decimals);
    throw new AppError(
      'INSUFFICIENT_BALANCE',
      `Cannot redeem ${asked} ${unit.code}: only ${available} is available${program ? ` in program ${program.code}` : ''}; nothing was redeemed`,
      { available, requested: asked, unit: unit.code },
    );
  }
  const id = await recordRedemption(
    trx,
    {
      tenantId,
      participantId: participant.id,
      unitId: unit.id,
      programId: program?.id ?? null,
      amount: parsed.minor,
      source: input.source,
      actor: input.actor,
      idempotencyKey: input.idempotencyKey ?? null,
      requestHash: input.idempotencyKey ? (input.requestHash ?? null) : null,
    },
    plan.lines,
    now,
  );
  const rewardKeys = new Map(rewards.map((r) => [r.id, r.rewardKey]));
  return presentRedemption(
    {
      id,
      kind: 'REDEEM',
      accountId: participant.account_id,
      userId: participant.user_id,
      unit: unit.code,
      decimals: unit.decimals,
      programId: program?.code ?? null,
      amount: parsed.minor,
      source: input.source,
      importId: null,
      importRow: null,
      actor: input.actor,
      createdAt: now,
      reversesId: null,
      reversedById: null,
    },
    plan.lines.map((l) => ({ rewardId: rewardKeys.get(l.rewardId) ?? '', amount: l.amount })),
  );
}
