import type { Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import type { EmailStatus, EmailTable } from '../db/schema.js';
import { AppError } from '../domain/errors.js';

/** An email as the outbox lists it (without its bodies). */
export interface OutboxEntry {
  id: number;
  to: string;
  subject: string;
  status: EmailStatus;
  createdAt: number;
  sentAt: number | null;
  lastError: string | null;
}

export interface OutboxMessage extends OutboxEntry {
  text: string;
  html: string;
}

export interface OutboxPage {
  items: OutboxEntry[];
  /** Pass back as `cursor` for the next (older) page; null on the last page. */
  nextCursor: number | null;
}

const summaryColumns = [
  'id',
  'to_address',
  'subject',
  'status',
  'created_at',
  'sent_at',
  'last_error',
] as const;

type SummaryRow = Pick<Selectable<EmailTable>, (typeof summaryColumns)[number]>;

function toEntry(row: SummaryRow): OutboxEntry {
  return {
    id: row.id,
    to: row.to_address,
    subject: row.subject,
    status: row.status,
    createdAt: row.created_at,
    sentAt: row.sent_at,
    lastError: row.last_error,
  };
}

/** A tenant's emails, newest first, a page at a time. */
export async function listOutbox(
  db: Db,
  tenantId: number,
  options: { limit?: number; cursor?: number | null } = {},
): Promise<OutboxPage> {
  const limit = options.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) {
    throw new AppError(
      'VALIDATION_FAILED',
      `limit must be a whole number from 1 to 200; got ${limit}`,
      {
        field: 'limit',
      },
    );
  }
  let query = db
    .selectFrom('emails')
    .select(summaryColumns)
    .where('tenant_id', '=', tenantId)
    .orderBy('id', 'desc')
    .limit(limit + 1);
  if (options.cursor != null) query = query.where('id', '<', options.cursor);
  const rows = await query.execute();
  const items = rows.slice(0, limit).map(toEntry);
  return { items, nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
}

/** One email of `tenantId` with both parts; another tenant's email is NOT_FOUND. */
export async function getOutboxMessage(
  db: Db,
  tenantId: number,
  emailId: number,
): Promise<OutboxMessage> {
  const row = await db
    .selectFrom('emails')
    .selectAll()
    .where('id', '=', emailId)
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', `Email ${emailId} does not exist.`, { emailId });
  return { ...toEntry(row), text: row.text_body, html: row.html_body };
}
