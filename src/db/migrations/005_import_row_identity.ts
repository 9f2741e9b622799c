import type { Kysely } from 'kysely';

/**
 * Each import row keeps the identifiers and value it was read with, so outcomes can be listed
 * and filtered without re-reading the file; `cells` is then kept only for rows in error.
 */
export function importRowIdentityMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      for (const column of ['account_id', 'user_id', 'program_code', 'value_text']) {
        await db.schema.alterTable('import_rows').addColumn(column, 'text').execute();
      }
    },
  };
}
