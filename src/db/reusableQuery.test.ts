import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDb } from '../../test/helpers/databases.js';
import { buildTenant } from '../../test/helpers/ledger.js';
import type { Db } from './database.js';
import { reusableQuery, type Param } from './reusableQuery.js';

interface UnitParams {
  tenantId: number;
  code: string;
}

const buildUnitByCode = (db: Db, p: Param<UnitParams>) =>
  db
    .selectFrom('units')
    .select(['code', 'decimals'])
    .where('tenant_id', '=', p('tenantId'))
    .where('code', '=', p('code'));

const unitByCode = reusableQuery(buildUnitByCode);

const addUnit = reusableQuery(
  (db, p: Param<UnitParams & { decimals: number }>) => sql<{ code: string; name: string }>`
    insert into units (tenant_id, code, name, decimals, created_at)
    values (${p('tenantId')}, ${p('code')}, ${p('code')}, ${p('decimals')}, 0)
    returning code, name`,
);

describeEachDb('reusableQuery', (get) => {
  const db = () => get().handle.db;

  it('answers each run with its own values, as the query built with them would', async () => {
    const tenant = await buildTenant(db());
    for (const [code, decimals] of [
      ['POINT', 0],
      ['CASH/USD', 2],
    ] as const) {
      expect(await addUnit(db(), { tenantId: tenant.id, code, decimals })).toEqual([
        { code, name: code },
      ]);
    }
    for (const code of ['POINT', 'CASH/USD', 'NONE']) {
      const built = await db()
        .selectFrom('units')
        .select(['code', 'decimals'])
        .where('tenant_id', '=', tenant.id)
        .where('code', '=', code)
        .execute();
      expect(await unitByCode(db(), { tenantId: tenant.id, code })).toEqual(built);
    }
  });

  it('runs inside a transaction on its connection', async () => {
    const tenant = await buildTenant(db());
    const rolledBack = new Error('roll back');
    await expect(
      db()
        .transaction()
        .execute(async (trx) => {
          await addUnit(trx, { tenantId: tenant.id, code: 'KWD', decimals: 3 });
          expect(await unitByCode(trx, { tenantId: tenant.id, code: 'KWD' })).toHaveLength(1);
          throw rolledBack;
        }),
    ).rejects.toBe(rolledBack);
    expect(await unitByCode(db(), { tenantId: tenant.id, code: 'KWD' })).toEqual([]);
  });

  it('applies plugins to results but keeps them out of the SQL it reuses for every caller', async () => {
    const tenant = await buildTenant(db());
    await addUnit(db(), { tenantId: tenant.id, code: 'PTS', decimals: 0 });
    let transformed = 0;
    const plugged = db().withPlugin({
      transformQuery: (args) => {
        throw new Error(`compiled with a plugin: ${args.node.kind}`);
      },
      transformResult: async (args) => {
        transformed++;
        return args.result;
      },
    });
    const fresh = reusableQuery(buildUnitByCode);
    expect(await fresh(plugged, { tenantId: tenant.id, code: 'PTS' })).toHaveLength(1);
    expect(transformed).toBe(1);
  });
});
