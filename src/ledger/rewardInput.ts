/** Validating a reward given through the API, the CLI load or the demo: pure, per row. */
import type { RewardStatus } from '../db/schema.js';
import { parseExactAmount } from '../domain/amounts.js';
import { parseIsoDate, parseOptionalIsoDate } from '../domain/dates.js';
import { AppError } from '../domain/errors.js';
import { normaliseParticipant, type ParticipantInput } from './participants.repository.js';

export const REWARD_STATUSES: readonly RewardStatus[] = [
  'PENDING',
  'AVAILABLE',
  'REDEEMED',
  'EXPIRED',
  'CANCELLED',
];

export interface RewardInput extends ParticipantInput {
  rewardId: string;
  programId?: string | null;
  unit: string;
  amount: string;
  redeemedAmount?: string | null;
  status?: string | null;
  dateGiven?: string | null;
  dateExpires?: string | null;
}

export interface ValidReward {
  rewardId: string;
  participant: Required<ParticipantInput>;
  programId: string | null;
  unit: string;
  amount: number;
  redeemed: number;
  status: RewardStatus;
  dateGiven: number;
  dateExpires: number | null;
}

export function parseStatus(text: string | null | undefined): RewardStatus {
  const status = (text?.trim() || 'AVAILABLE').toUpperCase();
  if (!REWARD_STATUSES.includes(status as RewardStatus)) {
    throw new AppError(
      'VALIDATION_FAILED',
      `status "${text}" is not a reward status; use one of ${REWARD_STATUSES.join(', ')}`,
      { field: 'status' },
    );
  }
  return status as RewardStatus;
}

/** Checks one reward against the decimals of its unit; throws AppError on the first problem. */
export function validateReward(input: RewardInput, decimals: number, now: number): ValidReward {
  const rewardId = input.rewardId?.trim() ?? '';
  if (!rewardId || rewardId.length > 200) {
    throw new AppError('VALIDATION_FAILED', 'rewardId must be 1 to 200 characters', {
      field: 'rewardId',
    });
  }
  const status = parseStatus(input.status);
  const amount = parseExactAmount(input.amount ?? '', decimals);
  const redeemedText = input.redeemedAmount?.trim();
  let redeemed = redeemedText ? parseExactAmount(redeemedText, decimals, true) : 0;
  if (status === 'REDEEMED' && !redeemedText) redeemed = amount;
  if (redeemed > amount) {
    throw new AppError(
      'VALIDATION_FAILED',
      `redeemedAmount ${redeemedText} is more than amount ${input.amount}; it can be at most the amount`,
      { field: 'redeemedAmount' },
    );
  }
  if (status === 'REDEEMED' && redeemed !== amount) {
    throw new AppError(
      'VALIDATION_FAILED',
      `status REDEEMED needs redeemedAmount equal to amount (${input.amount}); use AVAILABLE for a partly redeemed reward`,
      { field: 'status' },
    );
  }
  if (status === 'CANCELLED' && redeemed > 0) {
    throw new AppError(
      'VALIDATION_FAILED',
      'a CANCELLED reward cannot have a redeemedAmount; leave redeemedAmount empty or use another status',
      { field: 'status' },
    );
  }
  const dateGiven = input.dateGiven?.trim() ? parseIsoDate(input.dateGiven, 'dateGiven') : now;
  const dateExpires = parseOptionalIsoDate(input.dateExpires, 'dateExpires');
  return {
    rewardId,
    participant: normaliseParticipant(input),
    programId: input.programId?.trim() || null,
    unit: input.unit?.trim() ?? '',
    amount,
    redeemed,
    // Nothing left on an AVAILABLE reward means it is fully redeemed.
    status: status === 'AVAILABLE' && redeemed === amount ? 'REDEEMED' : status,
    dateGiven,
    dateExpires,
  };
}
