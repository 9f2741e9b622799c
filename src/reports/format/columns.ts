/**
 * The columns of the *Available reward balances by user* report, shared by its CSV and Excel
 * writers. The names are the seed system's own, so its files and habits carry over.
 */

export const REPORT_COLUMNS = [
  'firstName',
  'lastName',
  'email',
  'userId',
  'accountId',
  'programId',
  'unit',
  'unitName',
  'currency',
  'availableValue',
  'totalRedeemedValue',
  'rewardCount',
  'nextExpiry',
  'valueToRedeem',
] as const;

export type ReportColumn = (typeof REPORT_COLUMNS)[number];

/** One balance as the writers receive it: amounts in minor units, times in epoch ms. */
export interface BalanceReportRow {
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly email: string | null;
  readonly userId: string;
  readonly accountId: string;
  /** Empty when the balance spans all programs. */
  readonly programId: string | null;
  readonly unit: string;
  readonly unitName: string;
  readonly currency: string | null;
  /** Fraction digits of the unit; amounts are written with exactly this many. */
  readonly decimals: number;
  readonly available: number;
  readonly totalRedeemed: number;
  readonly rewardCount: number;
  /** The soonest dateExpires among the balance's available rewards, or null if none expires. */
  readonly nextExpiry: number | null;
}

/** Rows arrive in batches (one per database page), which keeps the writers' loops tight. */
export type RowBatches =
  AsyncIterable<readonly BalanceReportRow[]> | Iterable<readonly BalanceReportRow[]>;

const DAY_MS = 86_400_000;
const dateCache = new Map<number, string>();

/** The UTC calendar date of an epoch-ms time as `YYYY-MM-DD`. */
export function formatReportDate(epochMs: number): string {
  const day = Math.floor(epochMs / DAY_MS);
  let text = dateCache.get(day);
  if (text === undefined) {
    // Reports repeat a few thousand distinct days at most; the cache spares 1M Date objects.
    if (dateCache.size >= 10_000) dateCache.clear();
    text = new Date(day * DAY_MS).toISOString().slice(0, 10);
    dateCache.set(day, text);
  }
  return text;
}
