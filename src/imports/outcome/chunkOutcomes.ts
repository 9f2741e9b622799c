/**
 * The row outcomes of one import chunk, packed into the chunk's own record: one JSON text of
 * compact arrays plus the chunk's counts and totals. A million-row import then writes a few
 * hundred chunk records instead of a million outcome rows, and listings skip whole chunks by
 * their counts (a page of errors reads only chunks that have errors). Pure.
 */
import type { RowOutcome } from '../../db/schema.js';

export interface RowOutcomeRecord {
  recordNumber: number;
  outcome: RowOutcome;
  accountId: string | null;
  userId: string | null;
  programCode: string | null;
  /** valueToRedeem as uploaded. */
  valueText: string | null;
  unitCode: string | null;
  /** Minor units redeemed (redeemed rows, and the rows a dry run would redeem). */
  amount: number | null;
  message: string | null;
  warnings: string[];
}

/** What a chunk record holds besides its outcomes: counts, and amount and rows per unit code. */
export interface ChunkCounts {
  redeemed: number;
  skipped: number;
  errors: number;
  warned: number;
  /** `{ unitCode: [amount in minor units, rows] }` over redeemed rows. */
  totals: Record<string, [number, number]>;
}

type Packed = [
  number,
  'r' | 's' | 'e',
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
  number | null,
  string | null,
  string[] | 0,
];

const CODE = { redeemed: 'r', skipped: 's', error: 'e' } as const;
const OUTCOME = { r: 'redeemed', s: 'skipped', e: 'error' } as const;

export function packOutcomes(rows: readonly RowOutcomeRecord[]): string {
  const packed: Packed[] = rows.map((r) => [
    r.recordNumber,
    CODE[r.outcome],
    r.accountId,
    r.userId,
    r.programCode,
    r.valueText,
    r.unitCode,
    r.amount,
    r.message,
    r.warnings.length > 0 ? r.warnings : 0,
  ]);
  return JSON.stringify(packed);
}

export function unpackOutcomes(text: string): RowOutcomeRecord[] {
  return (JSON.parse(text) as Packed[]).map((p) => ({
    recordNumber: p[0],
    outcome: OUTCOME[p[1]],
    accountId: p[2],
    userId: p[3],
    programCode: p[4],
    valueText: p[5],
    unitCode: p[6],
    amount: p[7],
    message: p[8],
    warnings: p[9] === 0 ? [] : p[9],
  }));
}

export function countOutcomes(rows: readonly RowOutcomeRecord[]): ChunkCounts {
  const counts: ChunkCounts = { redeemed: 0, skipped: 0, errors: 0, warned: 0, totals: {} };
  for (const row of rows) {
    if (row.warnings.length > 0) counts.warned += 1;
    if (row.outcome === 'skipped') counts.skipped += 1;
    else if (row.outcome === 'error') counts.errors += 1;
    else {
      counts.redeemed += 1;
      const unit = row.unitCode ?? '';
      const total = (counts.totals[unit] ??= [0, 0]);
      total[0] += row.amount ?? 0;
      total[1] += 1;
    }
  }
  return counts;
}

/** Adds `more` into `into` (for an import's summary over its chunks). */
export function addCounts(into: ChunkCounts, more: ChunkCounts): ChunkCounts {
  into.redeemed += more.redeemed;
  into.skipped += more.skipped;
  into.errors += more.errors;
  into.warned += more.warned;
  for (const [unit, [amount, rows]] of Object.entries(more.totals)) {
    const total = (into.totals[unit] ??= [0, 0]);
    total[0] += amount;
    total[1] += rows;
  }
  return into;
}

/** Which rows a listing asks for: one outcome, the warned rows, or all. */
export type OutcomeFilter = RowOutcome | 'warning' | undefined;

export function matchesFilter(row: RowOutcomeRecord, filter: OutcomeFilter): boolean {
  if (filter === undefined) return true;
  if (filter === 'warning') return row.warnings.length > 0;
  return row.outcome === filter;
}
