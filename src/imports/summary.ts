/** An import's outcome in numbers: counts by outcome and the amount redeemed per unit. */
import type { Db } from '../db/database.js';
import { formatAmount } from '../domain/amounts.js';
import { unitDecimals } from './imports.repository.js';
import { importCounts } from './outcome/outcomes.repository.js';

export interface ImportSummary {
  rows: number;
  redeemed: number;
  skipped: number;
  errors: number;
  warnings: number;
  totals: { unit: string; amount: string; rows: number }[];
}

export async function summarizeImport(
  db: Db,
  tenantId: number,
  importId: number,
): Promise<ImportSummary> {
  const counts = await importCounts(db, importId);
  const decimals = await unitDecimals(db, tenantId);
  return {
    rows: counts.redeemed + counts.skipped + counts.errors,
    redeemed: counts.redeemed,
    skipped: counts.skipped,
    errors: counts.errors,
    warnings: counts.warned,
    totals: Object.entries(counts.totals)
      .filter(([unit]) => decimals.has(unit))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([unit, [amount, rows]]) => ({
        unit,
        amount: formatAmount(amount, decimals.get(unit) ?? 0),
        rows,
      })),
  };
}
