/**
 * The rows of the *Available reward balances by user* report, in batches of one page of
 * participants each: ordered by participant (id, i.e. creation order), then unit code.
 */
import { currencyOf } from '../domain/units.js';
import type { BalanceReportRow } from '../reports/format/columns.js';
import {
  balanceAggregates,
  participantNames,
  participantSpan,
  reportUnits,
  type BalanceAggregate,
  type BalanceScope,
  type ParticipantNames,
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

/** Joins a page's balances (participant, unit order) to its participants (id order). */
export function joinPage(
  aggregates: readonly BalanceAggregate[],
  people: readonly ParticipantNames[],
  units: ReadonlyMap<number, UnitColumns>,
  programCode: string | null,
): BalanceReportRow[] {
  const rows: BalanceReportRow[] = [];
  let p = 0;
  let person: ParticipantNames | undefined;
  let runStart = 0;
  for (const a of aggregates) {
    if (person?.id !== a.participantId) {
      sortRun(rows, runStart);
      runStart = rows.length;
      while (p < people.length && (people[p] as ParticipantNames).id < a.participantId) p++;
      person = people[p];
      // A reward's participant cannot vanish (foreign key): this would be a bug, not data.
      if (person?.id !== a.participantId) {
        throw new Error(`Participant ${a.participantId} is missing from its page`);
      }
    }
    const unit = units.get(a.unitId);
    if (!unit) throw new Error(`Unit ${a.unitId} of participant ${a.participantId} is unknown`);
    rows.push({
      firstName: person.firstName,
      lastName: person.lastName,
      email: person.email,
      userId: person.userId,
      accountId: person.accountId,
      programId: programCode,
      unit: unit.unit,
      unitName: unit.unitName,
      currency: unit.currency,
      decimals: unit.decimals,
      available: a.available,
      totalRedeemed: a.totalRedeemed,
      rewardCount: a.rewardCount,
      nextExpiry: a.nextExpiry,
    });
  }
  sortRun(rows, runStart);
  return rows;
}

/**
 * Yields the report's rows a page at a time (empty pages are skipped). On PostgreSQL the next
 * page is asked for before the current one is handed on, so the server computes it while this
 * process writes; on SQLite that would only keep two pages alive at once.
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
    const upTo = Math.min(after + pageIds, span.last);
    const page = Promise.all([
      balanceAggregates(reader, scope, now, after, upTo),
      participantNames(reader, scope.tenantId, after, upTo),
    ]);
    page.catch(() => undefined); // awaited below; this only keeps an abandoned one quiet
    return page;
  };
  let done = 0;
  let next: ReturnType<typeof fetchPage> | null = null;
  for (let after = span.first - 1; span.count > 0 && after < span.last; after += pageIds) {
    const [aggregates, people] = await (next ?? fetchPage(after));
    const more = after + pageIds < span.last;
    next = reader.prefetch && more ? fetchPage(after + pageIds) : null;
    done += people.length;
    const rows = joinPage(aggregates, people, units, options.programCode);
    if (rows.length > 0) yield rows;
    await options.onProgress?.(done, span.count);
    // SQLite answers synchronously, so without this an export would never let the event loop
    // run: the API in the same process and the job's lease renewal would wait for its end.
    await new Promise((resolve) => setImmediate(resolve));
  }
}
