import type { RowOutcome } from '../../db/schema.js';
import { described, errorResponses, recordId } from './common.js';
import { idParams, importSchema } from './imports.js';

export const importRowSchema = {
  type: 'object',
  properties: {
    recordNumber: {
      type: 'integer',
      description: '1 = the first non-blank row after the header, in file order.',
    },
    outcome: { type: 'string', enum: ['redeemed', 'skipped', 'error'] },
    accountId: { type: ['string', 'null'] },
    userId: { type: ['string', 'null'] },
    unit: { type: ['string', 'null'] },
    programId: { type: ['string', 'null'] },
    valueToRedeem: { type: ['string', 'null'], description: 'As written in the file.' },
    amountRedeemed: {
      type: ['string', 'null'],
      description: 'What was (or, in a dry run, would be) redeemed, in the unit’s decimals.',
      examples: ['10.55'],
    },
    message: { type: ['string', 'null'], description: 'Why the row failed, for a person.' },
    warnings: { type: 'array', items: { type: 'string' } },
  },
} as const;

export const listImportRowsSchema = {
  tags: ['imports'],
  summary: 'List the row outcomes of an import',
  description:
    'In file order. `outcome=warning` lists the rows that have a warning (whatever their outcome). Page with `after`: pass the nextAfter of the previous page.',
  params: idParams,
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: {
      outcome: { type: 'string', enum: ['redeemed', 'skipped', 'error', 'warning'] },
      after: {
        type: 'integer',
        minimum: 0,
        maximum: Number.MAX_SAFE_INTEGER,
        description: 'Only records after this recordNumber.',
      },
      limit: { type: 'integer', minimum: 1, maximum: 1000, description: 'Rows per page.' },
    },
  },
  response: {
    200: {
      type: 'object',
      description: 'A page of row outcomes.',
      properties: {
        items: { type: 'array', items: importRowSchema },
        nextAfter: { type: ['integer', 'null'], description: 'null on the last page.' },
      },
    },
    ...errorResponses,
  },
} as const;

export const IMPORT_FILE_KINDS = ['original', 'errors', 'results'] as const;
export type ImportFileKind = (typeof IMPORT_FILE_KINDS)[number];

export const importFileSchema = {
  tags: ['imports'],
  summary: 'Download a file of an import',
  description:
    'original: the file as uploaded. errors: the rows in error as uploaded plus recordNumber and error columns, ready to fix and upload again (only when some rows failed). results: every row with its outcome. 404 when the import has no such file (yet).',
  params: {
    type: 'object',
    required: ['id', 'kind'],
    properties: {
      id: recordId('The import id.'),
      kind: { type: 'string', enum: IMPORT_FILE_KINDS },
    },
  },
  response: {
    200: {
      description: 'The file, as an attachment.',
      content: {
        'text/csv': { schema: { type: 'string', format: 'binary' } },
        'application/octet-stream': { schema: { type: 'string', format: 'binary' } },
      },
    },
    ...errorResponses,
  },
} as const;

export const reverseImportSchema = {
  tags: ['imports'],
  summary: 'Reverse an import',
  description:
    'Gives back exactly what a finished import redeemed, all of it or nothing, as reversal records. 409 when it is not finished, was a dry run, was already reversed (ALREADY_REVERSED), or a reward changed since so that restoring it would be wrong (REVERSAL_REFUSED, naming the reward).',
  params: idParams,
  response: {
    200: {
      type: 'object',
      description: 'Reversed.',
      properties: {
        reversedRedemptions: { type: 'integer', description: 'Redemptions given back.' },
        import: described(importSchema, 'The import, now with reversedAt.'),
      },
    },
    ...errorResponses,
  },
} as const;

export interface RowsQuery {
  outcome?: RowOutcome | 'warning';
  after?: number;
  limit?: number;
}
