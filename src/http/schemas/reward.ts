/** The shape of a reward: as given (request) and as shown (response). */
import { REWARD_STATUSES } from '../../ledger/rewardInput.js';
import { accountId, amountText, nullableText, requiredText, unitCode, userId } from './common.js';

export const rewardInputSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['rewardId', 'accountId', 'userId', 'unit', 'amount'],
  properties: {
    rewardId: requiredText(
      'Your identifier for this reward, unique in the tenant; giving an existing one changes nothing.',
      'rw-2026-0001',
    ),
    accountId,
    userId,
    email: nullableText('Participant email; empty keeps the stored one.', 'ada@example.com'),
    firstName: nullableText('Participant first name; empty keeps the stored one.', 'Ada'),
    lastName: nullableText('Participant last name; empty keeps the stored one.', 'Lovelace'),
    programId: nullableText(
      'An existing program of this tenant; empty for none.',
      'spring-referral',
    ),
    unit: unitCode,
    amount: amountText('The reward amount, exact in the unit and above zero.', '25.00'),
    redeemedAmount: nullableText(
      'What was already redeemed before the reward reached rewardbook (at most amount).',
      '0.00',
    ),
    status: {
      type: ['string', 'null'],
      enum: [...REWARD_STATUSES, null],
      description: 'Initial status; AVAILABLE when empty.',
      examples: ['AVAILABLE'],
    },
    dateGiven: nullableText('ISO 8601 date or date-time; now when empty.', '2026-03-01'),
    dateExpires: nullableText('ISO 8601 date or date-time; empty: never expires.', '2026-12-31'),
  },
} as const;

export const rewardSchema = {
  type: 'object',
  properties: {
    rewardId: { type: 'string', examples: ['rw-2026-0001'] },
    accountId: { type: 'string' },
    userId: { type: 'string' },
    programId: { type: ['string', 'null'] },
    unit: { type: 'string', examples: ['CASH/USD'] },
    type: { type: 'string', examples: ['CREDIT'] },
    amount: { type: 'string', examples: ['25.00'] },
    redeemedAmount: { type: 'string', examples: ['10.00'] },
    availableAmount: {
      type: 'string',
      description: 'What can be redeemed from this reward now (0 unless AVAILABLE and unexpired).',
      examples: ['15.00'],
    },
    status: { type: 'string', enum: [...REWARD_STATUSES] },
    dateGiven: { type: 'string', description: 'ISO 8601 date-time.' },
    dateExpires: { type: ['string', 'null'] },
    dateRedeemed: { type: ['string', 'null'] },
    dateCancelled: { type: ['string', 'null'] },
    createdAt: { type: 'string' },
  },
} as const;

export interface RewardInputBody {
  rewardId: string;
  accountId: string;
  userId: string;
  email?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  programId?: string | null;
  unit: string;
  amount: string;
  redeemedAmount?: string | null;
  status?: string | null;
  dateGiven?: string | null;
  dateExpires?: string | null;
}
