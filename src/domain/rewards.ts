/** Pure rules about single rewards: which can be redeemed, and in what order. */
import type { RewardStatus } from '../db/schema.js';

export interface RewardState {
  id: number;
  amount: number;
  redeemed: number;
  status: RewardStatus;
  dateGiven: number;
  dateExpires: number | null;
}

export function remainingOf(reward: Pick<RewardState, 'amount' | 'redeemed'>): number {
  return reward.amount - reward.redeemed;
}

export function isExpired(reward: Pick<RewardState, 'dateExpires'>, now: number): boolean {
  return reward.dateExpires !== null && reward.dateExpires <= now;
}

/** AVAILABLE, not expired at `now` (whatever the stored status says), and something left. */
export function isRedeemable(reward: RewardState, now: number): boolean {
  return reward.status === 'AVAILABLE' && !isExpired(reward, now) && remainingOf(reward) > 0;
}

/** Redemption order: soonest expiry first (never-expiring last), then oldest given, then created. */
export function compareForRedemption(a: RewardState, b: RewardState): number {
  if (a.dateExpires !== b.dateExpires) {
    if (a.dateExpires === null) return 1;
    if (b.dateExpires === null) return -1;
    return a.dateExpires - b.dateExpires;
  }
  if (a.dateGiven !== b.dateGiven) return a.dateGiven - b.dateGiven;
  return a.id - b.id;
}

/**
 * The status a reward shows at `now`: AVAILABLE past its expiry reads as EXPIRED even before the
 * periodic sweep has written it.
 */
export function effectiveStatus(
  reward: Pick<RewardState, 'status' | 'dateExpires'>,
  now: number,
): RewardStatus {
  return reward.status === 'AVAILABLE' && isExpired(reward, now) ? 'EXPIRED' : reward.status;
}
