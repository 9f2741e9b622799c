/**
 * The rows of the *Available reward balances by user* report, in batches of one page of
 * participants each: ordered by participant (id, i.e. creation order), then unit code.
 */
import { currencyOf } from '../domain/units.js';
import type { BalanceReportRow } from '../reports/format/columns.js';
import {
  balancePage,
  participantSpan,
  reportUnits,
  type BalanceScope,
  type BalanceTuple,
} from './balances.repository.js';
import type { ReportReader } from './reportReader.js';

/** Participant ids per page: small pages keep the rows alive between collections few, so memory stays low. */
export const PAGE_IDS = 2_500;

export interface BalanceRowsOptions {
  scope: BalanceScope;
  /** The program code written on every row of a report for one program, else null. */
  programCode: string | null;
  /** The moment the report is as of: rewards expiring at or before it are not available. */
  now: number;
  pageIds?: number;
  /** Called after each page with the participants looked at so far and their total. */
  onProgress?: (done: number, total: number) => Promise<void>;
}

interface UnitColumns {
  unit: string;
  unitName: string;
  currency: string | null;
  decimals: number;
}

/** Code-point order, the same on both databases whatever their collation. */
const byUnit = (a: BalanceReportRow, b: BalanceReportRow) =>
  a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0;

/** Rows come per participant in unit-id order; a participant with several units is re-sorted. */
function sortRun(rows: BalanceReportRow[], start: number): void {
  if (rows.length - start < 2) return;
  const run = rows.slice(start).sort(byUnit);
  for (let i = 0; i < run.length; i++) rows[start + i] = run[i] as BalanceReportRow;
}

/** A page's balances (participant, then unit id order) as report rows (participant, unit code). */
export function toReportRows(
  page: readonly BalanceTuple[],
  units: ReadonlyMap<number, UnitColumns>,
  programCode: string | null,
): BalanceReportRow[] {
  const rows: BalanceReportRow[] = [];
  let runStart = 0;
  let participant = 0;
  for (const b of page) {
    if (b[0] !== participant) {
      sortRun(rows, runStart);
      runStart = rows.length;
      participant = b[0];
    }
    const unit = units.get(b[1]);
    if (!unit) throw new Error(`Unit ${b[1]} of participant ${b[0]} is unknown`);
    rows.push({
      firstName: b[9],
      lastName: b[10],
      email: b[8],
      userId: b[7],
      accountId: b[6],
      programId: programCode,
      unit: unit.unit,
      unitName: unit.unitName,
      currency: unit.currency,
      decimals: unit.decimals,
      available: b[2],
      totalRedeemed: b[3],
      rewardCount: b[4],
      nextExpiry: b[5],
    });
  }
  sortRun(rows, runStart);
  return rows;
}

/**
 * Yields the report's rows a page at a time (empty pages are skipped). On PostgreSQL the next
 * pages are asked for before the current one is handed on, so the server computes them while
 * this process writes; on SQLite that would only keep more pages alive at once.
 */
export async function* balanceRowBatches(
  reader: ReportReader,
  options: BalanceRowsOptions,
): AsyncGenerator<BalanceReportRow[]> {
  const { scope, now } = options;
  const pageIds = options.pageIds ?? PAGE_IDS;
  const units = new Map<number, UnitColumns>();
  for (const [id, u] of await reportUnits(reader, scope.tenantId)) {
    units.set(id, {
      unit: u.code,
      unitName: u.name,
      currency: currencyOf(u.code),
      decimals: u.decimals,
    });
  }
  const span = await participantSpan(reader, scope.tenantId);
  const fetchPage = (after: number) => {
    const page = balancePage(reader, scope, now, after, Math.min(after + pageIds, span.last));
    page.catch(() => undefined); // awaited below; this only keeps an abandoned one quiet
    return page;
  };
  const ids = span.last - span.first + 1;
  const ahead: Promise<BalanceTuple[]>[] = [];
  let asked = span.first - 1; // pages up to here have been asked for
  const askUpTo = (count: number) => {
    while (ahead.length < count && asked < span.last) {
      ahead.push(fetchPage(asked));
      asked += pageIds;
    }
  };
  for (let after = span.first - 1; span.count > 0 && after < span.last; after += pageIds) {
    askUpTo(1);
    const page = await (ahead.shift() as Promise<BalanceTuple[]>);
    askUpTo(reader.prefetch);
    const more = after + pageIds < span.last;
    const rows = toReportRows(page, units, options.programCode);
    // Participants looked at, estimated from the share of the tenant's id range covered.
    const done = more
      ? Math.floor((span.count * (after + pageIds - span.first + 1)) / ids)
      : span.count;
    if (rows.length > 0) yield rows;
    await options.onProgress?.(done, span.count);
    // SQLite answers synchronously, so without this an export would never let the event loop
    // run: the API in the same process and the job's lease renewal would wait for its end.
    await new Promise((resolve) => setImmediate(resolve));
  }
}
