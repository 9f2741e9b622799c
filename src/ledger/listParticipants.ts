import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { toIso } from '../domain/dates.js';
import { decodeCursor, encodeCursor } from './listRewards.js';

export interface ParticipantView {
  accountId: string;
  userId: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  createdAt: string;
}

export interface ParticipantQuery {
  /** Matches first or last name, email, userId or accountId, ignoring case. */
  q?: string;
  cursor?: string;
  limit?: number;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function listParticipants(db: Db, tenantId: number, query: ParticipantQuery) {
  const limit = Math.min(Math.max(query.limit ?? 50, 1), 500);
  let select = db
    .selectFrom('participants')
    .select(['id', 'account_id', 'user_id', 'email', 'first_name', 'last_name', 'created_at'])
    .where('tenant_id', '=', tenantId)
    .where('id', '>', decodeCursor(query.cursor))
    .orderBy('id')
    .limit(limit + 1);
  const q = query.q?.trim().toLowerCase();
  if (q) {
    const pattern = `%${escapeLike(q)}%`;
    select = select.where((eb) =>
      eb.or(
        (['first_name', 'last_name', 'email', 'user_id', 'account_id'] as const).map(
          (column) => sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`,
        ),
      ),
    );
  }
  const rows = await select.execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((r): ParticipantView => ({
      accountId: r.account_id,
      userId: r.user_id,
      email: r.email,
      firstName: r.first_name,
      lastName: r.last_name,
      createdAt: toIso(r.created_at) ?? '',
    })),
    nextCursor: rows.length > limit && last ? encodeCursor(last.id) : null,
  };
}
