import {
  accountId,
  described,
  errorResponses,
  nullableText,
  pageOf,
  pageQuery,
  text,
  userId,
} from './common.js';

export const balanceSchema = {
  type: 'object',
  description: "One balance: a participant's rewards in one unit (all programs, or one).",
  properties: {
    accountId: { type: 'string' },
    userId: { type: 'string' },
    unit: { type: 'string', examples: ['CASH/USD'] },
    unitName: { type: 'string', examples: ['USD'] },
    decimals: { type: 'integer', examples: [2] },
    programId: { type: ['string', 'null'], description: 'Null: the balance spans all programs.' },
    available: {
      type: 'string',
      description: 'Left on AVAILABLE, unexpired rewards: what can be redeemed now.',
      examples: ['14.50'],
    },
    assigned: { type: 'string', description: 'Given and not cancelled.', examples: ['40.00'] },
    redeemed: { type: 'string', examples: ['25.50'] },
    pending: { type: 'string', description: 'On PENDING rewards.', examples: ['0.00'] },
    expired: {
      type: 'string',
      description: 'Left unredeemed on expired rewards.',
      examples: ['0.00'],
    },
    cancelled: { type: 'string', description: 'On cancelled rewards.', examples: ['0.00'] },
    rewardCount: { type: 'integer', examples: [3] },
    nextExpiry: {
      type: ['string', 'null'],
      description: 'Soonest expiry among redeemable rewards.',
    },
  },
} as const;

const profileProperties = {
  accountId: { type: 'string', examples: ['acct-1001'] },
  userId: { type: 'string', examples: ['user-42'] },
  email: { type: ['string', 'null'], examples: ['ada@example.com'] },
  firstName: { type: ['string', 'null'], examples: ['Ada'] },
  lastName: { type: ['string', 'null'], examples: ['Lovelace'] },
} as const;

const participantWithBalances = {
  type: 'object',
  properties: {
    ...profileProperties,
    balances: {
      type: 'array',
      items: balanceSchema,
      description: 'One per unit the participant has rewards in.',
    },
  },
} as const;

export const participantParams = {
  type: 'object',
  required: ['accountId', 'userId'],
  properties: {
    accountId: { ...accountId, description: 'The account identifier (URL-encode "/" as %2F).' },
    userId: { ...userId, description: 'The user identifier (URL-encode "/" as %2F).' },
  },
} as const;

export const listParticipantsSchema = {
  tags: ['participants'],
  summary: 'List participants',
  description:
    'Participants in creation order, a page at a time; `q` searches names, email and ids.',
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: {
      q: text('Matches first or last name, email, userId or accountId, ignoring case.', 'lovelace'),
      ...pageQuery,
      limit: { ...pageQuery.limit, maximum: 500 },
    },
  },
  response: {
    200: described(
      pageOf({
        type: 'object',
        properties: {
          ...profileProperties,
          createdAt: { type: 'string', description: 'ISO 8601.' },
        },
      }),
      'A page of participants.',
    ),
    ...errorResponses,
  },
} as const;

export const putParticipantSchema = {
  tags: ['participants'],
  summary: 'Create or update a participant',
  description:
    'Creates the participant, or updates the fields given. An empty or absent field keeps what is stored. 201 when created, 200 when updated.',
  params: participantParams,
  body: {
    type: ['object', 'null'],
    additionalProperties: false,
    properties: {
      email: nullableText('Email address.', 'ada@example.com'),
      firstName: nullableText('First name.', 'Ada'),
      lastName: nullableText('Last name.', 'Lovelace'),
    },
  },
  response: {
    200: described(participantWithBalances, 'Updated.'),
    201: described(participantWithBalances, 'Created.'),
    ...errorResponses,
  },
} as const;

export const getParticipantSchema = {
  tags: ['participants'],
  summary: 'Get a participant and balances',
  params: participantParams,
  response: { 200: described(participantWithBalances, 'The participant.'), ...errorResponses },
} as const;

export const getBalancesSchema = {
  tags: ['balances'],
  summary: "A participant's balances",
  description:
    "One balance per unit with every total (assigned, redeemed, available, pending, expired, cancelled). With `unit`, only that unit (listed even when empty); with `programId`, only that program's rewards.",
  querystring: {
    type: 'object',
    additionalProperties: false,
    required: ['accountId', 'userId'],
    properties: {
      accountId,
      userId,
      unit: text('Only this unit.', 'CASH/USD', 64),
      programId: text("Only this program's rewards.", 'spring-referral', 128),
    },
  },
  response: {
    200: {
      type: 'object',
      description: 'The balances.',
      properties: { items: { type: 'array', items: balanceSchema } },
    },
    ...errorResponses,
  },
} as const;

export interface ParticipantParams {
  accountId: string;
  userId: string;
}

export interface ParticipantBody {
  email?: string | null;
  firstName?: string | null;
  lastName?: string | null;
}
