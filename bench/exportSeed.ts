/**
 * Bulk data for the export benchmark: `participants` participants with three rewards each (one
 * partly redeemed and never expiring, one untouched that expires later, one fully redeemed), so
 * every participant has exactly one balance row. Built with set-based SQL, not the ledger API,
 * which would take far longer than the export being measured.
 */
import { sql } from 'kysely';
import type { DatabaseHandle } from '../src/db/database.js';

const DAY_MS = 86_400_000;
const UNITS = [
  { code: 'CASH/USD', name: 'Cash', decimals: 2 },
  { code: 'POINT', name: 'Points', decimals: 0 },
  { code: 'CASH/KWD', name: 'Cash (KWD)', decimals: 3 },
];
const PROGRAMS = ['spring', 'summer', 'autumn'];

export interface SeededTenant {
  tenantId: number;
  participants: number;
  rewards: number;
}

async function catalog(handle: DatabaseHandle, now: number) {
  const db = handle.db;
  const tenant = await db
    .insertInto('tenants')
    .values({ slug: `bench-${now}`, name: 'Bench', created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const units: number[] = [];
  for (const u of UNITS) {
    const row = await db
      .insertInto('units')
      .values({ tenant_id: tenant.id, ...u, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    units.push(row.id);
  }
  const programs: number[] = [];
  for (const code of PROGRAMS) {
    const row = await db
      .insertInto('programs')
      .values({ tenant_id: tenant.id, code, name: code, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    programs.push(row.id);
  }
  return { tenantId: tenant.id, units, programs };
}

/** The SQL expression picking the i-th id of `ids` (i counts from 0) by `index % ids.length`. */
function pick(ids: number[], index: ReturnType<typeof sql>) {
  const cases = ids.map((id, n) => sql`when ${sql.lit(n)} then ${sql.lit(id)}`);
  return sql`case (${index}) % ${sql.lit(ids.length)} ${sql.join(cases, sql` `)} end`;
}

export async function seedExportBench(
  handle: DatabaseHandle,
  participants: number,
): Promise<SeededTenant> {
  const now = Date.now();
  const { tenantId, units, programs } = await catalog(handle, now);
  const pg = handle.dialect === 'postgres';
  const n = sql.lit(participants);
  const series = pg
    ? sql`select generate_series(1::bigint, ${n}) as i`
    : sql`with recursive s(i) as (select 1 union all select i + 1 from s where i < ${n}) select i from s`;
  const pad = pg ? sql`lpad(i::text, 9, '0')` : sql`printf('%09d', i)`;
  const text = (expr: ReturnType<typeof sql>) => (pg ? sql`(${expr})::text` : sql`(${expr})`);
  // The rows are valid by construction; checking three foreign keys per reward would triple
  // the time the set-up takes.
  handle.sqlite?.pragma('foreign_keys = OFF');
  await handle.db.transaction().execute(async (trx) => {
    if (pg) await sql`set local session_replication_role = replica`.execute(trx);
    await sql`
      insert into participants
        (tenant_id, account_id, user_id, email, first_name, last_name, created_at, updated_at)
      select ${sql.lit(tenantId)}, 'acct-' || ${text(sql`i % 5000`)}, ${pad},
             'user' || ${text(sql`i`)} || '@example.com', 'First' || ${text(sql`i % 997`)},
             case when i % 101 = 0 then '=HYPERLINK("x")' else 'Last' || ${text(sql`i % 773`)} end,
             ${sql.lit(now)}, ${sql.lit(now)}
      from (${series}) s`.execute(trx);
    const first = await trx
      .selectFrom('participants')
      .select((eb) => eb.fn.min<number>('id').as('id'))
      .where('tenant_id', '=', tenantId)
      .executeTakeFirstOrThrow();
    const base = sql.lit(Number(first.id) - 1);
    const amount = sql`(1000 + (i * 7 + k * 13) % 100000)`;
    await sql`
      insert into rewards
        (tenant_id, reward_key, participant_id, program_id, unit_id, type, amount, redeemed,
         status, date_given, date_expires, date_redeemed, date_cancelled, created_at)
      select ${sql.lit(tenantId)}, 'rw-' || ${text(sql`i`)} || '-' || ${text(sql`k`)}, ${base} + i,
             ${pick(programs, sql`i + k`)}, ${pick(units, sql`i`)}, 'CREDIT', ${amount},
             case k when 0 then ${amount} / 4 when 2 then ${amount} else 0 end,
             case k when 2 then 'REDEEMED' else 'AVAILABLE' end,
             ${sql.lit(now - 30 * DAY_MS)},
             case k when 1 then ${sql.lit(now)} + (i % 700 + 1) * ${sql.lit(DAY_MS)} else null end,
             case k when 2 then ${sql.lit(now - DAY_MS)} else null end,
             null, ${sql.lit(now)}
      from (${series}) s cross join (select 0 as k union all select 1 union all select 2) ks
      order by i, k`.execute(trx);
  });
  handle.sqlite?.pragma('foreign_keys = ON');
  // Fresh statistics, as a database that has lived a while would have. On PostgreSQL also the
  // vacuum that autovacuum would otherwise start on these new rows in the middle of the runs.
  await (pg ? sql`vacuum analyze` : sql`analyze`).execute(handle.db);
  return { tenantId, participants, rewards: participants * 3 };
}
