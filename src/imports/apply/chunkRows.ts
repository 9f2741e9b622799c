/** A chunk's rows after their shape check, and the lookups both kinds of pricing share. */
import type { Db } from '../../db/database.js';
import { findZeroStripped } from './chunk.repository.js';
import { participantKey, type PricedRow } from './planRows.js';
import type { RowIntent, toIntent } from './rowIntent.js';

export type ShapedRow = ReturnType<typeof toIntent>;

export function intentsOf(shaped: readonly ShapedRow[]): RowIntent[] {
  const intents: RowIntent[] = [];
  for (const s of shaped) if (s.ok) intents.push(s.intent);
  return intents;
}

/** Rows with both ids are looked up; the rest fail on their shape already. */
export const lookedUp = (intents: readonly RowIntent[]) =>
  intents.filter((i) => i.accountId !== '' && i.userId !== '');

export function shapeError(s: ShapedRow & { ok: false }): PricedRow {
  return {
    intent: s.partial,
    outcome: 'error',
    amount: null,
    message: s.message,
    warnings: [],
    redemption: null,
  };
}

/** For rows naming no participant: existing ids that equal theirs but for leading zeros. */
export async function zeroStrippedOf(
  db: Db,
  tenantId: number,
  intents: readonly RowIntent[],
  participants: Map<string, number>,
): Promise<Map<string, { accountId: string; userId: string }>> {
  const unknown = intents.filter((i) => !participants.has(participantKey(i.accountId, i.userId)));
  return unknown.length > 0 ? findZeroStripped(db, tenantId, unknown) : new Map();
}
