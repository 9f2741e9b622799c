import { REWARD_STATUSES } from '../../ledger/rewardInput.js';
import { described, errorResponses, pageOf, pageQuery, requiredText, text } from './common.js';
import { rewardInputSchema, rewardSchema } from './reward.js';

export type { RewardInputBody } from './reward.js';

const rewardIdParam = requiredText(
  'The reward\'s own identifier, chosen by the caller (URL-encode "/" as %2F).',
  'rw-2026-0001',
);

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

export interface RewardQuery {
  accountId?: string;
  userId?: string;
  unit?: string;
  programId?: string;
  status?: (typeof REWARD_STATUSES)[number];
  cursor?: string;
  limit?: number;
}
