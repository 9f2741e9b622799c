import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  testDialects,
  type TestDatabase,
} from '../../../test/helpers/databases.js';
import { listImportRows } from '../../imports/importViews.js';
import { summarizeImport } from '../../imports/summary.js';
import { migrateToLatest, migrateUpTo } from '../migrate.js';

for (const dialect of testDialects) {
  describe(`008_import_chunk_outcomes over stored outcomes [${dialect}]`, () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await createTestDatabase(dialect, { migrate: false });
      await migrateUpTo(database.handle, '007_sessions');
    });
    afterAll(async () => database.drop());

    it('packs each chunk’s rows into it, keeps every outcome, and drops import_rows', async () => {
      const db = database.handle.db;
      const now = Date.now();
      await sql`insert into tenants (slug, name, created_at) values ('t', 'T', ${now})`.execute(db);
      await sql`insert into units (tenant_id, code, name, decimals, created_at)
        values (1, 'CASH/USD', 'Cash', 2, ${now})`.execute(db);
      await sql`insert into files (tenant_id, purpose, name, content_type, size, sha256, created_at,
          expires_at) values (1, 'import', 'f.csv', 'text/csv', 0, 'x', ${now}, null)`.execute(db);
      await sql`insert into imports (tenant_id, type, dry_run, status, actor, file_id, file_name,
          sha256, rows_done, created_at)
        values (1, 'UPDATE_USER_REWARD_BALANCES', 0, 'succeeded', 'a', 1, 'f.csv', 'x', 3, ${now})`.execute(
        db,
      );
      await sql`insert into import_chunks (import_id, chunk_no, first_record, last_record, done_at)
        values (1, 1, 1, 2, ${now}), (1, 2, 3, 3, ${now})`.execute(db);
      await sql`insert into import_rows (import_id, record_number, outcome, account_id, user_id,
          program_code, value_text, unit_code, amount, message, warnings, cells) values
        (1, 1, 'redeemed', 'a', 'u1', null, '1.50', 'CASH/USD', 150, null, ${JSON.stringify(['changed'])}, ''),
        (1, 2, 'error', 'a', 'u2', null, 'x', 'CASH/USD', null, 'not a number', null, '["a"]'),
        (1, 3, 'skipped', 'a', 'u3', null, '', 'CASH/USD', null, null, null, '')`.execute(db);

      expect(await migrateToLatest(database.handle)).toContain('008_import_chunk_outcomes');
      const tables = (await db.introspection.getTables()).map((t) => t.name);
      expect(tables).not.toContain('import_rows');

      const { items } = await listImportRows(db, 1, 1, {});
      expect(items.map((r) => [r.recordNumber, r.outcome, r.amountRedeemed, r.message])).toEqual([
        [1, 'redeemed', '1.50', null],
        [2, 'error', null, 'not a number'],
        [3, 'skipped', null, null],
      ]);
      expect(items[0]?.warnings).toEqual(['changed']);
      expect((await listImportRows(db, 1, 1, { outcome: 'error' })).items).toHaveLength(1);
      expect(await summarizeImport(db, 1, 1)).toEqual({
        rows: 3,
        redeemed: 1,
        skipped: 1,
        errors: 1,
        warnings: 1,
        totals: [{ unit: 'CASH/USD', amount: '1.50', rows: 1 }],
      });
    });
  });
}
