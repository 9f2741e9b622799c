import { REWARD_STATUSES } from '../../ledger/rewardInput.js';
import {
  accountId,
  amountText,
  described,
  errorResponses,
  nullableText,
  pageOf,
  pageQuery,
  requiredText,
  text,
  unitCode,
  userId,
} from './common.js';

const rewardIdParam = requiredText(
  'The reward\'s own identifier, chosen by the caller (URL-encode "/" as %2F).',
  'rw-2026-0001',
);

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

export const createRewardSchema = {
  tags: ['rewards'],
  summary: 'Give a reward',
  description:
    'Creates one reward. The unit and program must exist (see /units and /programs); the participant is created or updated. Idempotent by rewardId: an existing rewardId answers 200 with the stored reward, unchanged.',
  body: rewardInputSchema,
  response: {
    200: described(rewardSchema, 'A reward with this rewardId existed already; it is unchanged.'),
    201: described(rewardSchema, 'Created.'),
    ...errorResponses,
  },
} as const;

const bulkResultSchema = {
  type: 'object',
  properties: {
    index: { type: 'integer', description: 'Position in the request, from 0.' },
    rewardId: { type: 'string' },
    status: { type: 'string', enum: ['created', 'existing', 'error'] },
    code: { type: 'string', description: 'For errors: the error code.' },
    message: { type: 'string', description: 'For errors: what is wrong with the row.' },
  },
} as const;

export const BULK_MAX = 10_000;

export const bulkRewardsSchema = {
  tags: ['rewards'],
  summary: 'Give many rewards',
  description: `Creates up to ${BULK_MAX.toLocaleString('en')} rewards, each row on its own: a refused row is reported and the others are created. Answers 200 with one result per row, in request order.`,
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['rewards'],
    properties: {
      rewards: { type: 'array', minItems: 1, maxItems: BULK_MAX, items: rewardInputSchema },
    },
  },
  response: {
    200: {
      type: 'object',
      description: 'One result per row, in request order.',
      properties: {
        count: { type: 'integer', description: 'Rows received.' },
        created: { type: 'integer' },
        existing: { type: 'integer' },
        errors: { type: 'integer' },
        results: { type: 'array', items: bulkResultSchema },
      },
    },
    ...errorResponses,
  },
} as const;

export const listRewardsSchema = {
  tags: ['rewards'],
  summary: 'List rewards',
  description: 'Rewards in creation order, filtered, a page at a time.',
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: {
      accountId: text("Only this account's rewards.", 'acct-1001'),
      userId: text("Only this user's rewards.", 'user-42'),
      unit: text('Only rewards in this unit.', 'CASH/USD', 64),
      programId: text("Only this program's rewards.", 'spring-referral', 128),
      status: { type: 'string', enum: [...REWARD_STATUSES], description: 'Stored status.' },
      ...pageQuery,
    },
  },
  response: { 200: described(pageOf(rewardSchema), 'A page of rewards.'), ...errorResponses },
} as const;

export const rewardParams = {
  type: 'object',
  required: ['rewardId'],
  properties: { rewardId: rewardIdParam },
} as const;

export const getRewardSchema = {
  tags: ['rewards'],
  summary: 'Get a reward',
  params: rewardParams,
  response: { 200: described(rewardSchema, 'The reward.'), ...errorResponses },
} as const;

export const cancelRewardSchema = {
  tags: ['rewards'],
  summary: 'Cancel a reward',
  description:
    'Cancels a reward that has nothing redeemed (409 REWARD_NOT_CANCELLABLE otherwise: reverse its redemptions first). Cancelling twice is harmless.',
  params: rewardParams,
  response: { 200: described(rewardSchema, 'The cancelled reward.'), ...errorResponses },
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

export interface RewardQuery {
  accountId?: string;
  userId?: string;
  unit?: string;
  programId?: string;
  status?: (typeof REWARD_STATUSES)[number];
  cursor?: string;
  limit?: number;
}
