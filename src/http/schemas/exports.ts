/** Schemas of /exports: asking for a report, following it, downloading and cancelling it. */
import { EXPORT_FORMATS, EXPORT_TYPE } from '../../exports/exportKinds.js';
import { described, errorResponses, programCode, recordId, unitCode } from './common.js';

const isoTime = (description: string) =>
  ({ type: ['string', 'null'], description, examples: ['2026-01-15T09:30:00.000Z'] }) as const;

export const exportSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer', examples: [12] },
    type: { type: 'string', enum: [EXPORT_TYPE] },
    format: { type: 'string', enum: [...EXPORT_FORMATS] },
    unit: { type: ['string', 'null'], description: 'The unit filter, or null for all units.' },
    programId: {
      type: ['string', 'null'],
      description: 'The program filter (its code is on every row), or null for all programs.',
    },
    status: { type: 'string', enum: ['queued', 'running', 'succeeded', 'failed', 'cancelled'] },
    progress: {
      type: 'object',
      description:
        "How far generation got: the tenant's participants looked at so far (done, estimated from the share of the participant list covered) of all of them (total).",
      properties: {
        percent: { type: 'integer', examples: [45] },
        done: { type: 'integer', examples: [450000] },
        total: { type: 'integer', examples: [1000000] },
      },
    },
    rowCount: {
      type: ['integer', 'null'],
      description: 'Balances in the report, once it succeeded.',
    },
    notifyEmail: {
      type: ['string', 'null'],
      description: 'Who is emailed when it is ready or fails; null: nobody.',
    },
    createdBy: { type: 'string', examples: ['api-key:ops-script'] },
    createdAt: { type: 'string', examples: ['2026-01-15T09:30:00.000Z'] },
    startedAt: isoTime('When generation started: the balances are as of this moment.'),
    finishedAt: isoTime('When it succeeded, failed or was cancelled.'),
    error: { type: ['string', 'null'], description: 'Why it failed.' },
    file: {
      type: ['object', 'null'],
      description: 'The report, once it exists and until it expires (FILE_RETENTION_DAYS).',
      properties: {
        name: { type: 'string', examples: ['available-reward-balances-2026-01-15-export-12.csv'] },
        size: { type: 'integer', description: 'Bytes.' },
        expiresAt: isoTime('When the stored report is deleted.'),
        downloadPath: { type: 'string', examples: ['/api/v1/exports/12/download'] },
      },
    },
  },
} as const;

export interface CreateExportBody {
  type: string;
  format: string;
  unit?: string;
  programId?: string;
  notifyEmail?: string;
}

export const createExportSchema = {
  tags: ['exports'],
  summary: 'Ask for a report',
  description:
    "Queues the *Available reward balances by user* report: one row per balance with an available amount above zero when generation starts, optionally for one unit and/or one program. It is generated in the background; follow it with GET /exports/{id}. When it is ready, `notifyEmail` (by default the admin who asked, or else the tenant's first admin) gets an email with a signed download link. 404 UNKNOWN_UNIT / UNKNOWN_PROGRAM for a filter this tenant does not have; nothing is created then.",
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['type', 'format'],
    properties: {
      type: { type: 'string', enum: [EXPORT_TYPE], description: 'The report to export.' },
      format: {
        type: 'string',
        enum: [...EXPORT_FORMATS],
        description: 'CSV (UTF-8 with BOM, CRLF) or XLSX (Excel).',
      },
      unit: { ...unitCode, description: 'Only balances in this unit.' },
      programId: { ...programCode, description: "Only this program's rewards." },
      notifyEmail: {
        type: 'string',
        minLength: 3,
        maxLength: 254,
        description: 'Who to email when the report is ready (or fails).',
        examples: ['ops@example.com'],
      },
    },
  },
  response: { 201: described(exportSchema, 'Queued.'), ...errorResponses },
} as const;

export const exportParams = {
  type: 'object',
  required: ['id'],
  properties: { id: recordId('The export id.') },
} as const;

export interface ExportListQuery {
  limit?: number;
  cursor?: number;
}

export const listExportsSchema = {
  tags: ['exports'],
  summary: 'List exports',
  description: 'Newest first, with status and progress.',
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: {
      limit: { type: 'integer', minimum: 1, maximum: 200, description: 'Items per page (50).' },
      cursor: recordId('The nextCursor of the previous page; omit for the first page.'),
    },
  },
  response: {
    200: {
      type: 'object',
      description: 'A page of exports.',
      properties: {
        items: { type: 'array', items: exportSchema },
        nextCursor: { type: ['integer', 'null'], description: 'null on the last page.' },
      },
    },
    ...errorResponses,
  },
} as const;

export const getExportSchema = {
  tags: ['exports'],
  summary: 'Get an export',
  params: exportParams,
  response: { 200: described(exportSchema, 'The export.'), ...errorResponses },
} as const;

export const cancelExportSchema = {
  tags: ['exports'],
  summary: 'Cancel an export',
  description:
    'A queued export is cancelled at once (200); a running one stops at its next page (202, status still running). 409 CONFLICT when it has already ended.',
  params: exportParams,
  response: {
    200: described(exportSchema, 'Cancelled.'),
    202: described(exportSchema, 'Cancelling: it stops shortly.'),
    ...errorResponses,
  },
} as const;

export const downloadExportSchema = {
  tags: ['exports'],
  summary: 'Download the report',
  description:
    'The report file as an attachment (text/csv or the .xlsx type). 409 CONFLICT while it is not ready (or failed); 404 once it expired.',
  params: exportParams,
  response: {
    200: { description: 'The file.', type: 'string', format: 'binary' },
    ...errorResponses,
  },
} as const;
