/** Schemas of /outbox: the emails rewardbook sent or keeps (when no SMTP server is set). */
import { described, errorResponses, recordId } from './common.js';

const entry = {
  id: { type: 'integer', examples: [7] },
  to: { type: 'string', examples: ['ops@example.com'] },
  subject: {
    type: 'string',
    examples: ['Your report is ready: Available reward balances by user'],
  },
  status: {
    type: 'string',
    enum: ['queued', 'sent', 'kept', 'failed'],
    description:
      'queued: waiting to be delivered; sent: the SMTP server took it; kept: no SMTP server is set, so it stays here; failed: delivery gave up (see lastError).',
  },
  createdAt: { type: 'string', examples: ['2026-01-15T09:30:00.000Z'] },
  sentAt: { type: ['string', 'null'] },
  lastError: { type: ['string', 'null'], description: 'Why the last delivery attempt failed.' },
} as const;

export const outboxEntrySchema = { type: 'object', properties: entry } as const;

export const outboxMessageSchema = {
  type: 'object',
  properties: {
    ...entry,
    text: { type: 'string', description: 'The plain-text part.' },
    html: { type: 'string', description: 'The HTML part.' },
  },
} as const;

export interface OutboxListQuery {
  limit?: number;
  cursor?: number;
}

export const listOutboxSchema = {
  tags: ['outbox'],
  summary: 'List emails',
  description: "The tenant's emails, newest first, without their bodies.",
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
      description: 'A page of emails.',
      properties: {
        items: { type: 'array', items: outboxEntrySchema },
        nextCursor: { type: ['integer', 'null'], description: 'null on the last page.' },
      },
    },
    ...errorResponses,
  },
} as const;

export const getOutboxMessageSchema = {
  tags: ['outbox'],
  summary: 'Get an email',
  description: 'One email with its text and HTML parts.',
  params: { type: 'object', required: ['id'], properties: { id: recordId('The email id.') } },
  response: { 200: described(outboxMessageSchema, 'The email.'), ...errorResponses },
} as const;
