/** Planning a redemption: which rewards give how much, all of the amount or nothing. */
import { compareForRedemption, isRedeemable, remainingOf, type RewardState } from './rewards.js';

export interface PlanLine {
  rewardId: number;
  amount: number;
  /** True when this line takes everything the reward had left: it becomes REDEEMED. */
  exhausts: boolean;
}

export type RedemptionPlan =
  { ok: true; lines: PlanLine[]; available: number } | { ok: false; available: number };

/** The available amount of a balance made of these rewards at `now`. */
export function availableOf(rewards: readonly RewardState[], now: number): number {
  let total = 0;
  for (const reward of rewards) if (isRedeemable(reward, now)) total += remainingOf(reward);
  return total;
}

/**
 * Plans taking `amount` (> 0, minor units) from the rewards of one balance: redeemable rewards
 * only, in redemption order, each partly or wholly. When they hold less than `amount` the plan
 * fails and says how much was available.
 */
export function planRedemption(
  rewards: readonly RewardState[],
  amount: number,
  now: number,
): RedemptionPlan {
  const candidates = rewards.filter((r) => isRedeemable(r, now)).sort(compareForRedemption);
  let available = 0;
  for (const reward of candidates) available += remainingOf(reward);
  if (available < amount) return { ok: false, available };
  const lines: PlanLine[] = [];
  let left = amount;
  for (const reward of candidates) {
    if (left === 0) break;
    const remaining = remainingOf(reward);
    const take = Math.min(remaining, left);
    lines.push({ rewardId: reward.id, amount: take, exhausts: take === remaining });
    left -= take;
  }
  return { ok: true, lines, available };
}

/** Applies a plan's lines to reward states, returning the new states (input left unchanged). */
export function applyPlan<T extends RewardState>(
  rewards: readonly T[],
  lines: readonly PlanLine[],
): T[] {
  const taken = new Map(lines.map((l) => [l.rewardId, l] as const));
  return rewards.map((reward) => {
    const line = taken.get(reward.id);
    if (!line) return reward;
    const redeemed = reward.redeemed + line.amount;
    return {
      ...reward,
      redeemed,
      status: redeemed === reward.amount ? 'REDEEMED' : reward.status,
    };
  });
}
