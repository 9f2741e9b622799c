import { sql, type Kysely } from 'kysely';
import {
  countOutcomes,
  packOutcomes,
  type RowOutcomeRecord,
} from '../../imports/outcome/chunkOutcomes.js';
import type { RowOutcome } from '../schema.js';

interface LegacyRow {
  record_number: number;
  outcome: RowOutcome;
  account_id: string | null;
  user_id: string | null;
  program_code: string | null;
  value_text: string | null;
  unit_code: string | null;
  amount: number | string | null;
  message: string | null;
  warnings: string | null;
}

const COUNT_COLUMNS = ['redeemed_rows', 'skipped_rows', 'error_rows', 'warned_rows'] as const;

/**
 * Row outcomes move from one `import_rows` row each into their chunk's record (packed JSON plus
 * the chunk's counts and totals per unit): applying a million rows no longer writes a million
 * outcome rows and their two indexes. Outcomes already stored are packed into their chunks, then
 * `import_rows` is dropped.
 */
export function importChunkOutcomesMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .alterTable('import_chunks')
        .addColumn('outcomes', 'text', (c) => c.notNull().defaultTo('[]'))
        .execute();
      for (const column of COUNT_COLUMNS) {
        await db.schema
          .alterTable('import_chunks')
          .addColumn(column, 'integer', (c) => c.notNull().defaultTo(0))
          .execute();
      }
      await db.schema
        .alterTable('import_chunks')
        .addColumn('totals', 'text', (c) => c.notNull().defaultTo('{}'))
        .execute();

      const chunks = await sql<{
        import_id: number;
        chunk_no: number;
        first_record: number;
        last_record: number;
      }>`select import_id, chunk_no, first_record, last_record from import_chunks
         order by import_id, chunk_no`.execute(db);
      for (const chunk of chunks.rows) {
        const legacy = await sql<LegacyRow>`select record_number, outcome, account_id, user_id,
            program_code, value_text, unit_code, amount, message, warnings
          from import_rows where import_id = ${chunk.import_id}
            and record_number between ${chunk.first_record} and ${chunk.last_record}
          order by record_number`.execute(db);
        const rows: RowOutcomeRecord[] = legacy.rows.map((r) => ({
          recordNumber: Number(r.record_number),
          outcome: r.outcome,
          accountId: r.account_id,
          userId: r.user_id,
          programCode: r.program_code,
          valueText: r.value_text,
          unitCode: r.unit_code,
          amount: r.amount === null ? null : Number(r.amount),
          message: r.message,
          warnings: r.warnings ? (JSON.parse(r.warnings) as string[]) : [],
        }));
        const counts = countOutcomes(rows);
        await sql`update import_chunks set outcomes = ${packOutcomes(rows)},
            redeemed_rows = ${counts.redeemed}, skipped_rows = ${counts.skipped},
            error_rows = ${counts.errors}, warned_rows = ${counts.warned},
            totals = ${JSON.stringify(counts.totals)}
          where import_id = ${chunk.import_id} and chunk_no = ${chunk.chunk_no}`.execute(db);
      }
      await db.schema.dropTable('import_rows').execute();
    },
  };
}
