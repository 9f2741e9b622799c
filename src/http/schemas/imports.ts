import { IMPORT_TYPE } from '../../imports/startImport.js';
import { described, errorResponses, recordId } from './common.js';

const isoTime = (description: string) => ({ type: ['string', 'null'], description }) as const;

export const importSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer', examples: [12] },
    type: { type: 'string', enum: [IMPORT_TYPE] },
    dryRun: {
      type: 'boolean',
      description: 'A dry run validates and prices every row and changes nothing.',
    },
    status: {
      type: 'string',
      enum: ['queued', 'running', 'succeeded', 'failed', 'cancelled'],
      description:
        'succeeded: every row has an outcome (row errors included); failed: the file as a whole could not be imported (see error).',
    },
    fileName: { type: 'string', examples: ['balances.csv'] },
    sha256: { type: 'string', description: 'Hash of the uploaded bytes (repeat guard).' },
    actor: { type: 'string', examples: ['api-key:payroll-sync'] },
    createdAt: { type: 'string', description: 'ISO 8601 date-time.' },
    startedAt: isoTime('When a worker started it.'),
    finishedAt: isoTime('When it succeeded, failed or was cancelled.'),
    progress: {
      type: 'object',
      description: 'Rows with an outcome so far, of the total (null until the file is counted).',
      properties: {
        done: { type: 'integer', examples: [4000] },
        total: { type: ['integer', 'null'], examples: [10000] },
      },
    },
    summary: {
      type: ['object', 'null'],
      description: 'Counts by outcome and the amount redeemed per unit; null until finished.',
      properties: {
        rows: { type: 'integer' },
        redeemed: { type: 'integer' },
        skipped: { type: 'integer' },
        errors: { type: 'integer' },
        warnings: { type: 'integer' },
        totals: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              unit: { type: 'string', examples: ['CASH/USD'] },
              amount: { type: 'string', examples: ['1520.55'] },
              rows: { type: 'integer' },
            },
          },
        },
      },
    },
    error: {
      type: ['string', 'null'],
      description: 'Why the import failed as a whole, for a person to read.',
    },
    files: {
      type: 'object',
      description:
        'Download with GET /imports/{id}/files/{original|errors|results}. The error and results files are built from the uploaded file and the row outcomes as they download.',
      properties: {
        original: { type: 'integer', description: 'The uploaded file.' },
        errors: { type: 'boolean', description: 'True when rows failed (once it has succeeded).' },
        results: { type: 'boolean', description: 'True once it has succeeded.' },
      },
    },
    reversedAt: isoTime('When the import was reversed.'),
    reversedBy: { type: ['string', 'null'] },
  },
} as const;

const flagText = (description: string) =>
  ({ type: 'string', enum: ['true', 'false'], description }) as const;

export const uploadImportSchema = {
  tags: ['imports'],
  summary: 'Upload a file and start an import',
  description: `Uploads an *Available reward balances by user* report with valueToRedeem filled in, as CSV or .xlsx, and queues its import (202). Send multipart/form-data: the fields first, then the file (the file is stored as it streams in, so a field after it is refused), or the fields as query parameters. Files above the upload limit (UPLOAD_LIMIT_MB, 200 MB by default) are refused with 413 PAYLOAD_TOO_LARGE. A file identical to one already applied is refused with 409 REPEATED_FILE unless confirmRepeat is true.`,
  consumes: ['multipart/form-data'],
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: {
      type: { type: 'string', enum: [IMPORT_TYPE], description: 'Or the form field.' },
      dryRun: { type: 'boolean', description: 'Or the form field.' },
      confirmRepeat: { type: 'boolean', description: 'Or the form field.' },
      notifyEmail: { type: 'string', maxLength: 254, description: 'Or the form field.' },
    },
  },
  body: {
    type: 'object',
    required: ['type', 'file'],
    properties: {
      type: { type: 'string', enum: [IMPORT_TYPE], description: 'The import type.' },
      dryRun: flagText('true: validate and price every row, change nothing. Default false.'),
      confirmRepeat: flagText(
        'true: apply a file identical to one already applied (it redeems again). Default false.',
      ),
      notifyEmail: {
        type: 'string',
        description:
          'Who gets the email when it finishes; by default the admin who started it, or the tenant’s first admin.',
        examples: ['ops@example.com'],
      },
      file: {
        type: 'string',
        format: 'binary',
        description: 'The CSV or .xlsx file; last in the form.',
      },
    },
  },
  response: { 202: described(importSchema, 'Queued.'), ...errorResponses },
} as const;

export const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: recordId('The import id.') },
} as const;

export const listImportsSchema = {
  tags: ['imports'],
  summary: 'List imports',
  description: 'Newest first. Page with `before`: pass the nextBefore of the previous page.',
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: {
      before: recordId('Only ids below this one.'),
      limit: { type: 'integer', minimum: 1, maximum: 500, description: 'Items per page.' },
    },
  },
  response: {
    200: {
      type: 'object',
      description: 'A page of imports, newest first.',
      properties: {
        items: { type: 'array', items: importSchema },
        nextBefore: { type: ['integer', 'null'], description: 'null on the last page.' },
      },
    },
    ...errorResponses,
  },
} as const;

export const getImportSchema = {
  tags: ['imports'],
  summary: 'Get an import',
  description: 'Its status, progress and, once finished, its summary. Poll it to show progress.',
  params: idParams,
  response: { 200: described(importSchema, 'The import.'), ...errorResponses },
} as const;

export interface UploadQuery {
  type?: string;
  dryRun?: boolean;
  confirmRepeat?: boolean;
  notifyEmail?: string;
}

export interface PageQuery {
  before?: number;
  limit?: number;
}
