/**
 * The queries behind the balances report. A report is read a page of participants at a time
 * (`id` in `(after, upTo]`), each page its own short query, so memory stays flat whatever the
 * number of rows; the reader (reportReader.ts) keeps the pages to one snapshot.
 *
 * Per balance (participant, unit; narrowed to one program when the report is):
 * - available: sum of `amount − redeemed` over its redeemable rewards, those `AVAILABLE` and not
 *   expired at `now` (dateExpires empty or later);
 * - totalRedeemed: sum of `redeemed` over all its rewards, whatever their status, so it says how
 *   much of the balance has been paid out so far;
 * - rewardCount: the number of its redeemable rewards, the ones the available amount comes from;
 * - nextExpiry: the soonest dateExpires among its redeemable rewards (null if none expires).
 */
import { sql, type SqlBool } from 'kysely';
import type { ReportReader } from './reportReader.js';

export interface BalanceScope {
  tenantId: number;
  unitId: number | null;
  programId: number | null;
}

/**
 * One balance of a page, as a tuple in select order: a report of a million rows allocates one
 * array per row here and one row object in balanceRows.ts, nothing in between.
 */
export type BalanceTuple = [
  participantId: number,
  unitId: number,
  available: number,
  totalRedeemed: number,
  rewardCount: number,
  nextExpiry: number | null,
  accountId: string,
  userId: string,
  email: string | null,
  firstName: string | null,
  lastName: string | null,
];

/**
 * The balances with something available of the participants with ids in `(after, upTo]`, with
 * the participants' names, ordered by participant then unit id.
 */
export async function balancePage(
  reader: ReportReader,
  scope: BalanceScope,
  now: number,
  after: number,
  upTo: number,
): Promise<BalanceTuple[]> {
  const redeemable = sql<SqlBool>`r.status = 'AVAILABLE' and (r.date_expires is null or r.date_expires > ${now})`;
  let balances = reader.db
    .selectFrom('rewards as r')
    .select((eb) => [
      'r.participant_id as participantId',
      'r.unit_id as unitId',
      eb.fn
        .sum<number>(eb('r.amount', '-', eb.ref('r.redeemed')))
        .filterWhere(redeemable)
        .as('available'),
      eb.fn.sum<number>('r.redeemed').as('totalRedeemed'),
      eb.fn.countAll<number>().filterWhere(redeemable).as('rewardCount'),
      eb.fn.min<number | null>('r.date_expires').filterWhere(redeemable).as('nextExpiry'),
    ])
    .where('r.tenant_id', '=', scope.tenantId)
    .where('r.participant_id', '>', after)
    .where('r.participant_id', '<=', upTo);
  if (scope.unitId !== null) balances = balances.where('r.unit_id', '=', scope.unitId);
  if (scope.programId !== null) balances = balances.where('r.program_id', '=', scope.programId);
  const query = reader.db
    .selectFrom(balances.groupBy(['r.participant_id', 'r.unit_id']).as('b'))
    .innerJoin('participants as p', 'p.id', 'b.participantId')
    .select([
      'b.participantId',
      'b.unitId',
      'b.available',
      'b.totalRedeemed',
      'b.rewardCount',
      'b.nextExpiry',
      'p.account_id',
      'p.user_id',
      'p.email',
      'p.first_name',
      'p.last_name',
    ])
    .where('b.available', '>', 0)
    // Redundant with the join, but it lets PostgreSQL merge two id-ordered ranges instead of
    // looking each participant up (a third faster).
    .where('p.id', '>', after)
    .where('p.id', '<=', upTo)
    .orderBy('b.participantId')
    .orderBy('b.unitId');
  const rows = (await reader.rows(query)) as BalanceTuple[];
  if (reader.dialect === 'postgres') {
    // Sums of bigints are numeric there; make sure they are numbers whatever the driver's parsers.
    for (const row of rows) {
      row[2] = Number(row[2]);
      row[3] = Number(row[3]);
      row[4] = Number(row[4]);
      row[5] = row[5] === null ? null : Number(row[5]);
    }
  }
  return rows;
}

export interface ParticipantSpan {
  /** Lowest and highest participant id of the tenant (0 and 0 when it has none). */
  first: number;
  last: number;
  count: number;
}

/** The id range the report walks through, and how many participants it holds (for progress). */
export async function participantSpan(
  reader: ReportReader,
  tenantId: number,
): Promise<ParticipantSpan> {
  const query = reader.db
    .selectFrom('participants')
    .select((eb) => [
      eb.fn.min('id').as('first'),
      eb.fn.max('id').as('last'),
      eb.fn.countAll().as('count'),
    ])
    .where('tenant_id', '=', tenantId);
  const [row = []] = await reader.rows(query);
  return { first: Number(row[0] ?? 0), last: Number(row[1] ?? 0), count: Number(row[2] ?? 0) };
}

/** The tenant's units by id, as the report shows them. */
export async function reportUnits(
  reader: ReportReader,
  tenantId: number,
): Promise<Map<number, { code: string; name: string; decimals: number }>> {
  const query = reader.db
    .selectFrom('units')
    .select(['id', 'code', 'name', 'decimals'])
    .where('tenant_id', '=', tenantId);
  const rows = await reader.rows(query);
  return new Map(
    rows.map((r) => [
      Number(r[0]),
      { code: r[1] as string, name: r[2] as string, decimals: Number(r[3]) },
    ]),
  );
}
