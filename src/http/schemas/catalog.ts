/** Schemas of the tenant's catalog: its units and programs. */
import { MAX_DECIMALS } from '../../domain/units.js';
import { described, errorResponses, programCode, text } from './common.js';

export const unitSchema = {
  type: 'object',
  properties: {
    code: { type: 'string', examples: ['CASH/USD'] },
    name: { type: 'string', examples: ['USD'] },
    decimals: {
      type: 'integer',
      description: 'Fraction digits in which balances are shown and redeemed.',
      examples: [2],
    },
    currency: {
      type: ['string', 'null'],
      description: 'The ISO 4217 currency the code names (`…/USD`), or null.',
      examples: ['USD'],
    },
  },
} as const;

export const listUnitsSchema = {
  tags: ['units'],
  summary: 'List units',
  response: {
    200: {
      type: 'object',
      description: 'The units.',
      properties: { items: { type: 'array', items: unitSchema } },
    },
    ...errorResponses,
  },
} as const;

export const putUnitSchema = {
  tags: ['units'],
  summary: 'Create or update a unit',
  description:
    'Creates the unit with default name and decimals (a `…/<ISO 4217>` code uses the currency\'s minor digits, others 0) overridden by the body, or updates an existing unit. The code holds a "/", so send it URL-encoded: PUT /api/v1/units/CASH%2FUSD. Decimals can change only while no reward uses the unit (409 CONFLICT). 201 when created, 200 when updated.',
  params: {
    type: 'object',
    required: ['code'],
    properties: {
      code: {
        type: 'string',
        minLength: 1,
        maxLength: 64,
        description:
          'Upper-case letters, digits and _, optionally "/" and a second word (URL-encoded as %2F).',
        examples: ['CASH/USD'],
      },
    },
  },
  body: {
    type: ['object', 'null'],
    additionalProperties: false,
    properties: {
      name: text('A display name.', 'US dollars', 100),
      decimals: {
        type: 'integer',
        minimum: 0,
        maximum: MAX_DECIMALS,
        description: 'Fraction digits; only while no reward uses the unit.',
        examples: [2],
      },
    },
  },
  response: {
    200: described(unitSchema, 'Updated.'),
    201: described(unitSchema, 'Created.'),
    ...errorResponses,
  },
} as const;

export const programSchema = {
  type: 'object',
  properties: {
    programId: { type: 'string', examples: ['spring-referral'] },
    name: { type: 'string', examples: ['Spring referral 2026'] },
  },
} as const;

export const listProgramsSchema = {
  tags: ['programs'],
  summary: 'List programs',
  response: {
    200: {
      type: 'object',
      description: 'The programs.',
      properties: { items: { type: 'array', items: programSchema } },
    },
    ...errorResponses,
  },
} as const;

export const createProgramSchema = {
  tags: ['programs'],
  summary: 'Create a program',
  description:
    'Creates a program. Idempotent by programId: 201 when created, 200 when it exists with the same name, 409 DUPLICATE when it exists with another name.',
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['programId'],
    properties: {
      programId: {
        ...programCode,
        description: 'Letters, digits, "_", ".", ":" or "-", up to 128.',
      },
      name: text('A display name; the programId when empty.', 'Spring referral 2026'),
    },
  },
  response: {
    200: described(programSchema, 'It existed already with this name.'),
    201: described(programSchema, 'Created.'),
    ...errorResponses,
  },
} as const;
