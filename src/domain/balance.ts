/** Totals of one balance, computed from its rewards at a moment. */
import { effectiveStatus, isRedeemable, remainingOf, type RewardState } from './rewards.js';

export interface BalanceTotals {
  /** Given and not cancelled. */
  assigned: number;
  redeemed: number;
  /** Left on AVAILABLE, unexpired rewards: what can be redeemed now. */
  available: number;
  pending: number;
  /** Left unredeemed on rewards whose expiry has passed. */
  expired: number;
  cancelled: number;
  rewardCount: number;
  /** The soonest expiry among redeemable rewards, or null. */
  nextExpiry: number | null;
}

export function summarizeBalance(rewards: readonly RewardState[], now: number): BalanceTotals {
  const totals: BalanceTotals = {
    assigned: 0,
    redeemed: 0,
    available: 0,
    pending: 0,
    expired: 0,
    cancelled: 0,
    rewardCount: rewards.length,
    nextExpiry: null,
  };
  for (const reward of rewards) {
    const status = effectiveStatus(reward, now);
    totals.redeemed += reward.redeemed;
    if (status === 'CANCELLED') totals.cancelled += reward.amount;
    else totals.assigned += reward.amount;
    if (status === 'PENDING') totals.pending += reward.amount;
    if (status === 'EXPIRED') totals.expired += remainingOf(reward);
    if (isRedeemable(reward, now)) {
      totals.available += remainingOf(reward);
      const expires = reward.dateExpires;
      if (expires !== null && (totals.nextExpiry === null || expires < totals.nextExpiry)) {
        totals.nextExpiry = expires;
      }
    }
  }
  return totals;
}
