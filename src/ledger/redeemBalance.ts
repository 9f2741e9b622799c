/** Redeems an amount from a balance: the same rule for the API, the app and the CLI. */
import type { Db } from '../db/database.js';
import type { RedemptionSource } from '../db/schema.js';
import { formatAmount, parseRedeemAmount } from '../domain/amounts.js';
import { AppError } from '../domain/errors.js';
import { planRedemption } from '../domain/plan.js';
import { keyReused, replayedRedemption } from './idempotency.js';
import { lockParticipant, requireParticipant } from './participants.repository.js';
import { requireProgram } from './programs.repository.js';
import { getRedemptionView, presentRedemption, type RedemptionView } from './redemptionViews.js';
import { lockRedeemableBalance, type RedeemableBalance } from './redeemableBalance.repository.js';
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

/** A redemption's view, and whether an idempotency key had already produced it (a replay). */
export interface RedeemOutcome {
  view: RedemptionView;
  replayed: boolean;
}

/** Errors: INVALID_AMOUNT, UNKNOWN_UNIT, UNKNOWN_PROGRAM, UNKNOWN_PARTICIPANT,
 * INSUFFICIENT_BALANCE, IDEMPOTENCY_KEY_REUSED. All of the amount is redeemed, or nothing. */
export async function redeemBalance(
  db: Db,
  tenantId: number,
  input: RedeemBalanceInput,
): Promise<RedemptionView> {
  return (await redeemBalanceOutcome(db, tenantId, input)).view;
}

/** `redeemBalance`, also saying whether the answer is a replay of an idempotency key. */
export async function redeemBalanceOutcome(
  db: Db,
  tenantId: number,
  input: RedeemBalanceInput,
): Promise<RedeemOutcome> {
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
  return typeof outcome === 'number'
    ? { view: await getRedemptionView(db, tenantId, outcome), replayed: true }
    : { view: outcome, replayed: false };
}

function zeroAmount(amount: string): AppError {
  return new AppError(
    'INVALID_AMOUNT',
    `"${amount}" is zero, so there is nothing to redeem; enter an amount above zero`,
    { value: amount },
  );
}

/** The new redemption's view, or the id of the one an idempotency key already produced. */
async function redeemInTransaction(
  trx: Db,
  tenantId: number,
  input: RedeemBalanceInput,
): Promise<RedemptionView | number> {
  // The usual case in one query; when it finds nothing, the lookups one by one say why.
  const balance =
    (await lockRedeemableBalance(trx, tenantId, input)) ??
    (await lookUpBalance(trx, tenantId, input));
  if (typeof balance === 'number') return balance;
  if (balance.prior) return checkedReplay(input, balance.prior);
  const { unit, participant, program, rewards } = balance;
  const parsed = parseRedeemAmount(input.amount, unit.decimals);
  if (parsed.kind === 'none') throw zeroAmount(input.amount);
  const now = Date.now();
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

/**
 * The balance looked up one query at a time, when the single query found nothing: a replay,
 * or the first missing thing in the order errors have always been reported (unit, program,
 * amount, participant), or a balance without AVAILABLE rewards (which the plan then refuses).
 */
async function lookUpBalance(
  trx: Db,
  tenantId: number,
  input: RedeemBalanceInput,
): Promise<RedeemableBalance | number> {
  const replayed = await replayedRedemption(trx, tenantId, input.idempotencyKey, input.requestHash);
  if (replayed !== null) return replayed;
  const unit = await requireUnit(trx, tenantId, input.unit);
  const program = input.programId ? await requireProgram(trx, tenantId, input.programId) : null;
  if (parseRedeemAmount(input.amount, unit.decimals).kind === 'none') {
    throw zeroAmount(input.amount);
  }
  const participant = await requireParticipant(trx, tenantId, input.accountId, input.userId);
  await lockParticipant(trx, participant.id);
  const rewards = await selectAvailableRewardStates(
    trx,
    participant.id,
    unit.id,
    program?.id ?? null,
  );
  return { unit, participant, program, rewards, prior: null };
}

/** The replayed redemption's id, unless the key came with a different request. */
function checkedReplay(
  input: RedeemBalanceInput,
  prior: { id: number; requestHash: string | null },
): number {
  if (prior.requestHash !== (input.requestHash ?? null))
    throw keyReused(input.idempotencyKey ?? '', prior.id);
  return prior.id;
}
