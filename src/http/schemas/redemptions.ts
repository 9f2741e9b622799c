import {
  accountId,
  amountText,
  described,
  errorResponses,
  idempotencyHeaders,
  nullableText,
  recordId,
  text,
  unitCode,
  userId,
} from './common.js';
import { rewardParams } from './rewards.js';

export const redemptionSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer', examples: [41] },
    kind: {
      type: 'string',
      enum: ['REDEEM', 'REVERSAL'],
      description: 'A REVERSAL gives back what the redemption `reversesId` took.',
    },
    accountId: { type: 'string' },
    userId: { type: 'string' },
    unit: { type: 'string', examples: ['CASH/USD'] },
    programId: { type: ['string', 'null'] },
    amount: { type: 'string', examples: ['10.55'] },
    source: { type: 'string', enum: ['API', 'UI', 'CLI', 'IMPORT'] },
    importId: { type: ['integer', 'null'] },
    importRow: { type: ['integer', 'null'] },
    actor: { type: 'string', examples: ['api-key:payroll-sync'] },
    createdAt: { type: 'string', description: 'ISO 8601 date-time.' },
    reversesId: { type: ['integer', 'null'] },
    reversedById: {
      type: ['integer', 'null'],
      description: 'The reversal of this redemption, if any.',
    },
    lines: {
      type: 'array',
      description: 'What was taken from (or, for a reversal, given back to) each reward.',
      items: {
        type: 'object',
        properties: {
          rewardId: { type: 'string' },
          amount: { type: 'string', examples: ['10.55'] },
        },
      },
    },
  },
} as const;

const redemptionResponses = {
  200: described(redemptionSchema, 'A replay of an earlier request with this Idempotency-Key.'),
  201: described(redemptionSchema, 'Redeemed.'),
  ...errorResponses,
} as const;

export const redeemBalanceSchema = {
  tags: ['redemptions'],
  summary: 'Redeem from a balance',
  description:
    "Redeems an amount from a participant's balance in a unit (optionally one program's): rewards soonest to expire first, all of the amount or nothing (409 INSUFFICIENT_BALANCE says how much is available). Digits beyond the unit's decimals are truncated. Send an Idempotency-Key to make retries safe.",
  headers: idempotencyHeaders,
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['accountId', 'userId', 'unit', 'amount'],
    properties: {
      accountId,
      userId,
      unit: unitCode,
      programId: nullableText(
        'Narrow the balance to this program; empty: all programs.',
        'spring-referral',
      ),
      amount: amountText('The amount to redeem, above zero.', '10.55'),
    },
  },
  response: redemptionResponses,
} as const;

export const redeemRewardSchema = {
  tags: ['rewards'],
  summary: 'Redeem from one reward',
  description:
    'Redeems from this reward only; without an amount, everything it has left. Send an Idempotency-Key to make retries safe.',
  headers: idempotencyHeaders,
  params: rewardParams,
  body: {
    type: ['object', 'null'],
    additionalProperties: false,
    properties: {
      amount: {
        ...amountText('The amount to redeem; empty: all that is left.', '5.00'),
        type: ['string', 'null'],
      },
    },
  },
  response: redemptionResponses,
} as const;

const idParams = {
  type: 'object',
  required: ['id'],
  properties: {
    id: recordId('The redemption id.'),
  },
} as const;

export const listRedemptionsSchema = {
  tags: ['redemptions'],
  summary: 'List redemptions',
  description:
    'Redemptions and reversals, newest first. Page with `before`: pass the nextBefore of the previous page.',
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: {
      accountId: text("Only this account's redemptions.", 'acct-1001'),
      userId: text("Only this user's redemptions.", 'user-42'),
      unit: text('Only redemptions in this unit.', 'CASH/USD', 64),
      importId: recordId('Only those made by this import.'),
      before: recordId('Only ids below this one.'),
      limit: {
        type: 'integer',
        minimum: 1,
        maximum: 1000,
        description: 'Items per page.',
        examples: [100],
      },
    },
  },
  response: {
    200: {
      type: 'object',
      description: 'A page of redemptions, newest first.',
      properties: {
        items: { type: 'array', items: redemptionSchema },
        nextBefore: {
          type: ['integer', 'null'],
          description: 'Pass as `before` for the next page; null on the last page.',
        },
      },
    },
    ...errorResponses,
  },
} as const;

export const getRedemptionSchema = {
  tags: ['redemptions'],
  summary: 'Get a redemption',
  params: idParams,
  response: { 200: described(redemptionSchema, 'The redemption.'), ...errorResponses },
} as const;

export const reverseRedemptionSchema = {
  tags: ['redemptions'],
  summary: 'Reverse a redemption',
  description:
    'Gives back exactly what the redemption took, as a new REVERSAL record (the original is never edited). 409 ALREADY_REVERSED when it was reversed before.',
  params: idParams,
  response: { 201: described(redemptionSchema, 'The reversal.'), ...errorResponses },
} as const;

export interface RedeemBalanceBody {
  accountId: string;
  userId: string;
  unit: string;
  programId?: string | null;
  amount: string;
}

export interface RedemptionQuery {
  accountId?: string;
  userId?: string;
  unit?: string;
  importId?: number;
  before?: number;
  limit?: number;
}

export interface IdempotencyHeaders {
  'idempotency-key'?: string;
}
