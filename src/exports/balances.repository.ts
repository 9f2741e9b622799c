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
import { sql, type Expression, type SqlBool } from 'kysely';
import type { ReportReader } from './reportReader.js';

export interface BalanceScope {
  tenantId: number;
  unitId: number | null;
  programId: number | null;
}

export interface BalanceAggregate {
  participantId: number;
  unitId: number;
  available: number;
  totalRedeemed: number;
  rewardCount: number;
  nextExpiry: number | null;
}

export interface ParticipantNames {
  id: number;
  accountId: string;
  userId: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
}

/** The balances of the participants with ids in `(after, upTo]` that have something available. */
export async function balanceAggregates(
  reader: ReportReader,
  scope: BalanceScope,
  now: number,
  after: number,
  upTo: number,
): Promise<BalanceAggregate[]> {
  const redeemable = sql<SqlBool>`r.status = 'AVAILABLE' and (r.date_expires is null or r.date_expires > ${now})`;
  let query = reader.db
    .selectFrom('rewards as r')
    .select((eb) => {
      const available = eb.fn
        .sum<number>(eb('r.amount', '-', eb.ref('r.redeemed')))
        .filterWhere(redeemable);
      return [
        'r.participant_id as participantId',
        'r.unit_id as unitId',
        available.as('available'),
        eb.fn.sum<number>('r.redeemed').as('totalRedeemed'),
        eb.fn.countAll<number>().filterWhere(redeemable).as('rewardCount'),
        eb.fn.min<number | null>('r.date_expires').filterWhere(redeemable).as('nextExpiry'),
      ];
    })
    .where('r.tenant_id', '=', scope.tenantId)
    .where('r.participant_id', '>', after)
    .where('r.participant_id', '<=', upTo);
  if (scope.unitId !== null) query = query.where('r.unit_id', '=', scope.unitId);
  if (scope.programId !== null) query = query.where('r.program_id', '=', scope.programId);
  query = query
    .groupBy(['r.participant_id', 'r.unit_id'])
    .having(
      (eb) =>
        eb(
          eb.fn.sum(eb('r.amount', '-', eb.ref('r.redeemed'))).filterWhere(redeemable),
          '>',
          0,
        ) as Expression<SqlBool>,
    )
    .orderBy('r.participant_id')
    .orderBy('r.unit_id');
  // Number(): PostgreSQL's sums are numeric, which its driver may hand over as text.
  return (await reader.rows(query)).map((r) => ({
    participantId: Number(r[0]),
    unitId: Number(r[1]),
    available: Number(r[2]),
    totalRedeemed: Number(r[3]),
    rewardCount: Number(r[4]),
    nextExpiry: r[5] === null ? null : Number(r[5]),
  }));
}

/** The participants of the tenant with ids in `(after, upTo]`, in id order. */
export async function participantNames(
  reader: ReportReader,
  tenantId: number,
  after: number,
  upTo: number,
): Promise<ParticipantNames[]> {
  const query = reader.db
    .selectFrom('participants')
    .select(['id', 'account_id', 'user_id', 'email', 'first_name', 'last_name'])
    .where('tenant_id', '=', tenantId)
    .where('id', '>', after)
    .where('id', '<=', upTo)
    .orderBy('id');
  return (await reader.rows(query)).map((r) => ({
    id: Number(r[0]),
    accountId: r[1] as string,
    userId: r[2] as string,
    email: r[3] as string | null,
    firstName: r[4] as string | null,
    lastName: r[5] as string | null,
  }));
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
