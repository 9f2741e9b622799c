/** Redeems an amount from one reward (the app's "redeem this reward"). */
import type { Db } from '../db/database.js';
import type { RedemptionSource } from '../db/schema.js';
import { formatAmount, parseRedeemAmount } from '../domain/amounts.js';
import { AppError } from '../domain/errors.js';
import { effectiveStatus, isRedeemable, remainingOf } from '../domain/rewards.js';
import { replayedRedemption } from './idempotency.js';
import { lockParticipant } from './participants.repository.js';
import type { RedeemOutcome } from './redeemBalance.js';
import { getRedemptionView, type RedemptionView } from './redemptionViews.js';
import { recordRedemption } from './redemptions.repository.js';
import { requireReward } from './rewards.repository.js';

export interface RedeemRewardInput {
  rewardId: string;
  /** Display text; empty means everything the reward has left. */
  amount?: string | null;
  source: RedemptionSource;
  actor: string;
  idempotencyKey?: string;
  requestHash?: string;
}

/** Errors: NOT_FOUND, REWARD_NOT_REDEEMABLE, INVALID_AMOUNT, INSUFFICIENT_BALANCE. */
export async function redeemReward(
  db: Db,
  tenantId: number,
  input: RedeemRewardInput,
): Promise<RedemptionView> {
  return (await redeemRewardOutcome(db, tenantId, input)).view;
}

/** `redeemReward`, also saying whether the answer is a replay of an idempotency key. */
export async function redeemRewardOutcome(
  db: Db,
  tenantId: number,
  input: RedeemRewardInput,
): Promise<RedeemOutcome> {
  const { id, replayed } = await db.transaction().execute(async (trx) => {
    const prior = await replayedRedemption(trx, tenantId, input.idempotencyKey, input.requestHash);
    if (prior !== null) return { id: prior, replayed: true };
    const located = await requireReward(trx, tenantId, input.rewardId);
    await lockParticipant(trx, located.participantId);
    const reward = await requireReward(trx, tenantId, input.rewardId);
    const now = Date.now();
    if (!isRedeemable(reward, now)) {
      const status = effectiveStatus(reward, now);
      throw new AppError(
        'REWARD_NOT_REDEEMABLE',
        `Reward ${reward.rewardId} is ${status}${status === 'AVAILABLE' ? ' with nothing left' : ''}; only AVAILABLE, unexpired rewards can be redeemed`,
        { rewardId: reward.rewardId, status },
      );
    }
    const left = remainingOf(reward);
    const parsed = input.amount?.trim()
      ? parseRedeemAmount(input.amount, reward.decimals)
      : ({ kind: 'amount', minor: left } as const);
    if (parsed.kind === 'none') {
      throw new AppError(
        'INVALID_AMOUNT',
        `"${input.amount}" is zero; enter an amount above zero`,
        {
          value: input.amount,
        },
      );
    }
    if (parsed.minor > left) {
      throw new AppError(
        'INSUFFICIENT_BALANCE',
        `Cannot redeem ${formatAmount(parsed.minor, reward.decimals)} ${reward.unit} from reward ${reward.rewardId}: only ${formatAmount(left, reward.decimals)} is left; nothing was redeemed`,
        { available: formatAmount(left, reward.decimals), rewardId: reward.rewardId },
      );
    }
    const id = await recordRedemption(
      trx,
      {
        tenantId,
        participantId: reward.participantId,
        unitId: reward.unitId,
        programId: reward.programDbId,
        amount: parsed.minor,
        source: input.source,
        actor: input.actor,
        idempotencyKey: input.idempotencyKey ?? null,
        requestHash: input.idempotencyKey ? (input.requestHash ?? null) : null,
      },
      [{ rewardId: reward.id, amount: parsed.minor, exhausts: parsed.minor === left }],
      now,
    );
    return { id, replayed: false };
  });
  return { view: await getRedemptionView(db, tenantId, id), replayed };
}
