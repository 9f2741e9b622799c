/** An import's outcome in numbers: counts by outcome and the amount redeemed per unit. */
import type { Db } from '../db/database.js';
import { formatAmount } from '../domain/amounts.js';

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
  const counts = await db
    .selectFrom('import_rows')
    .select((eb) => ['outcome', eb.fn.countAll<number>().as('n')])
    .where('import_id', '=', importId)
    .groupBy('outcome')
    .execute();
  const warned = await db
    .selectFrom('import_rows')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('import_id', '=', importId)
    .where('warnings', 'is not', null)
    .executeTakeFirst();
  const totals = await db
    .selectFrom('import_rows as r')
    .innerJoin('units as u', (join) =>
      join.onRef('u.code', '=', 'r.unit_code').on('u.tenant_id', '=', tenantId),
    )
    .select((eb) => [
      'u.code as unit',
      'u.decimals as decimals',
      eb.fn.sum<number>('r.amount').as('amount'),
      eb.fn.countAll<number>().as('rows'),
    ])
    .where('r.import_id', '=', importId)
    .where('r.outcome', '=', 'redeemed')
    .groupBy(['u.code', 'u.decimals'])
    .orderBy('u.code')
    .execute();
  const by = (outcome: string) => Number(counts.find((c) => c.outcome === outcome)?.n ?? 0);
  return {
    rows: counts.reduce((sum, c) => sum + Number(c.n), 0),
    redeemed: by('redeemed'),
    skipped: by('skipped'),
    errors: by('error'),
    warnings: Number(warned?.n ?? 0),
    totals: totals.map((t) => ({
      unit: t.unit,
      amount: formatAmount(Number(t.amount), t.decimals),
      rows: Number(t.rows),
    })),
  };
}
