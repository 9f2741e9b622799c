/** Presenters: ledger records as the API, CLI and reports show them (amounts as display text). */
import { formatAmount } from '../domain/amounts.js';
import { toIso } from '../domain/dates.js';
import { effectiveStatus, isRedeemable, remainingOf } from '../domain/rewards.js';
import type { RewardRecord } from './rewards.repository.js';

export interface RewardView {
  rewardId: string;
  accountId: string;
  userId: string;
  programId: string | null;
  unit: string;
  type: string;
  amount: string;
  redeemedAmount: string;
  availableAmount: string;
  status: string;
  dateGiven: string;
  dateExpires: string | null;
  dateRedeemed: string | null;
  dateCancelled: string | null;
  createdAt: string;
}

export function presentReward(r: RewardRecord, now: number): RewardView {
  return {
    rewardId: r.rewardId,
    accountId: r.accountId,
    userId: r.userId,
    programId: r.programId,
    unit: r.unit,
    type: r.type,
    amount: formatAmount(r.amount, r.decimals),
    redeemedAmount: formatAmount(r.redeemed, r.decimals),
    availableAmount: formatAmount(isRedeemable(r, now) ? remainingOf(r) : 0, r.decimals),
    status: effectiveStatus(r, now),
    dateGiven: toIso(r.dateGiven) ?? '',
    dateExpires: toIso(r.dateExpires),
    dateRedeemed: toIso(r.dateRedeemed),
    dateCancelled: toIso(r.dateCancelled),
    createdAt: toIso(r.createdAt) ?? '',
  };
}
