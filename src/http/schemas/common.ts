/**
 * JSON-schema pieces shared by the routes. The route schemas validate requests, shape responses
 * and generate the OpenAPI document, so each field carries a description and an example.
 */

/** Registered with `app.addSchema`; responses refer to it as `{ $ref: 'Error#' }`. */
export const errorSchema = {
  $id: 'Error',
  type: 'object',
  description: 'Every error has this shape; `code` comes from one fixed list.',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'details'],
      properties: {
        code: { type: 'string', examples: ['UNKNOWN_UNIT'] },
        message: {
          type: 'string',
          description: 'What is wrong and what would be right, for a person to read.',
          examples: ['Unknown unit "CASH/EUR"; this tenant\'s units are: CASH/USD, POINT'],
        },
        details: {
          type: 'object',
          additionalProperties: true,
          description: 'Facts for programs, such as the field at fault or the known units.',
        },
      },
    },
  },
} as const;

export const errorResponses = {
  '4xx': { $ref: 'Error#', description: 'The request was refused; nothing was changed.' },
  '5xx': { $ref: 'Error#', description: 'The server failed; nothing was changed.' },
} as const;

/** A response schema with the description OpenAPI shows for that status. */
export const described = <T extends object>(schema: T, description: string) =>
  ({ ...schema, description }) as const;

export const text = (description: string, example: string, maxLength = 200) =>
  ({ type: 'string', description, examples: [example], maxLength }) as const;

export const requiredText = (description: string, example: string, maxLength = 200) =>
  ({ type: 'string', description, examples: [example], minLength: 1, maxLength }) as const;

export const nullableText = (description: string, example?: string) =>
  ({
    type: ['string', 'null'],
    description,
    maxLength: 200,
    ...(example === undefined ? {} : { examples: [example] }),
  }) as const;

export const amountText = (description: string, example = '10.50') =>
  ({
    type: 'string',
    description: `${description} A display string in the unit's decimals: digits, optionally "." and digits; no sign, grouping or exponent.`,
    examples: [example],
    maxLength: 40,
  }) as const;

export const accountId = requiredText(
  "The participant's account (organisation) identifier.",
  'acct-1001',
);
export const userId = requiredText(
  "The participant's user identifier within the account.",
  'user-42',
);
export const unitCode = requiredText(
  'A unit code of this tenant, such as CASH/USD or POINT.',
  'CASH/USD',
  64,
);
export const programCode = requiredText(
  'A program identifier of this tenant.',
  'spring-referral',
  128,
);

/** A database id in a path or query: a whole number that stays exact (ids are BIGINT). */
export const recordId = (description: string) =>
  ({
    type: 'integer',
    minimum: 1,
    maximum: Number.MAX_SAFE_INTEGER,
    description,
    examples: [41],
  }) as const;

export const pageQuery = {
  cursor: text('The nextCursor of the previous page; omit for the first page.', 'MTIz', 100),
  limit: {
    type: 'integer',
    minimum: 1,
    maximum: 1000,
    description: 'Items per page.',
    examples: [100],
  },
} as const;

export const idempotencyHeaders = {
  type: 'object',
  properties: {
    'idempotency-key': {
      type: 'string',
      minLength: 1,
      maxLength: 200,
      description:
        'Makes a retry safe: the same key with the same body returns the first result (200, Idempotent-Replayed: true); the same key with another body is refused with 409 IDEMPOTENCY_KEY_REUSED.',
      examples: ['0b6f6e0e-5d8a-4d53-9a53-3c1f1f5a2c77'],
    },
  },
} as const;

/** A page of items and the cursor of the next page (null on the last). */
export function pageOf(item: object) {
  return {
    type: 'object',
    required: ['items', 'nextCursor'],
    properties: {
      items: { type: 'array', items: item },
      nextCursor: {
        type: ['string', 'null'],
        description: 'Pass as `cursor` to get the next page; null on the last page.',
      },
    },
  } as const;
}
