/**
 * Pricing one chunk of a dry run on balance totals (balanceTotals.ts). Its read does not depend
 * on earlier chunks (what they took is applied when pricing), so it can start before the chunk
 * before it is priced.
 */
import type { Db } from '../../db/database.js';
import {
  needsRewards,
  priceOnTotals,
  type BalanceTotal,
  type DryRunUses,
} from './balanceTotals.js';
import { findParticipantTotals, loadAvailableRewards } from './chunk.repository.js';
import { lookedUp, shapeError, zeroStrippedOf, type ShapedRow } from './chunkRows.js';
import type { LookupContext, PricedRow } from './planRows.js';
import type { RowIntent } from './rowIntent.js';

/** A dry-run chunk's participants, their balance totals, and ids mangled by a spreadsheet. */
export interface TotalsRead {
  participants: Map<string, number>;
  totals: Map<string, BalanceTotal>;
  zeroStripped: Map<string, { accountId: string; userId: string }>;
}

export async function readTotals(
  db: Db,
  tenantId: number,
  intents: readonly RowIntent[],
  now: number,
): Promise<TotalsRead> {
  const needLookup = lookedUp(intents);
  const { participants, totals } = await findParticipantTotals(db, tenantId, needLookup, now);
  const zeroStripped = await zeroStrippedOf(db, tenantId, needLookup, participants);
  return { participants, totals, zeroStripped };
}

/** Prices a dry-run chunk's rows in file order, after what earlier rows took (`uses`). */
export async function priceDryRunChunk(
  db: Db,
  lookups: Pick<LookupContext, 'now' | 'units' | 'programs'>,
  uses: DryRunUses,
  chunk: { shaped: readonly ShapedRow[]; intents: readonly RowIntent[] },
  read: TotalsRead,
): Promise<PricedRow[]> {
  const ctx = {
    now: lookups.now,
    units: lookups.units,
    programs: lookups.programs,
    ...read,
    uses,
    storedRewards: new Map(),
  };
  const mixed = needsRewards(chunk.intents, ctx);
  if (mixed.length > 0) ctx.storedRewards = await loadAvailableRewards(db, mixed);
  return chunk.shaped.map((s) => (s.ok ? priceOnTotals(s.intent, ctx) : shapeError(s)));
}
