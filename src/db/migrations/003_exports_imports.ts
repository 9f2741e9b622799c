import type { Kysely } from 'kysely';
import { withId, type DialectName } from './columns.js';

export function exportsImportsMigration(dialect: DialectName) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await withId(db.schema.createTable('exports'), dialect)
        .addColumn('tenant_id', 'bigint', (c) => c.notNull().references('tenants.id'))
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('unit_id', 'bigint', (c) => c.references('units.id'))
        .addColumn('program_id', 'bigint', (c) => c.references('programs.id'))
        .addColumn('notify_email', 'text')
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('job_id', 'bigint', (c) => c.references('jobs.id'))
        .addColumn('file_id', 'bigint', (c) => c.references('files.id').onDelete('set null'))
        .addColumn('row_count', 'bigint')
        .addColumn('error', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('started_at', 'bigint')
        .addColumn('finished_at', 'bigint')
        .execute();
      await db.schema
        .createIndex('exports_tenant_id')
        .on('exports')
        .columns(['tenant_id', 'id'])
        .execute();

      await withId(db.schema.createTable('imports'), dialect)
        .addColumn('tenant_id', 'bigint', (c) => c.notNull().references('tenants.id'))
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('dry_run', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('notify_email', 'text')
        .addColumn('file_id', 'bigint', (c) => c.notNull().references('files.id'))
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('confirm_repeat', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('job_id', 'bigint', (c) => c.references('jobs.id'))
        .addColumn('total_rows', 'bigint')
        .addColumn('rows_done', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('summary', 'text')
        .addColumn('error_file_id', 'bigint', (c) => c.references('files.id').onDelete('set null'))
        .addColumn('results_file_id', 'bigint', (c) =>
          c.references('files.id').onDelete('set null'),
        )
        .addColumn('error', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('started_at', 'bigint')
        .addColumn('finished_at', 'bigint')
        .addColumn('reversed_at', 'bigint')
        .addColumn('reversed_by', 'text')
        .execute();
      await db.schema
        .createIndex('imports_tenant_id')
        .on('imports')
        .columns(['tenant_id', 'id'])
        .execute();
      await db.schema
        .createIndex('imports_tenant_sha256')
        .on('imports')
        .columns(['tenant_id', 'sha256'])
        .execute();

      await db.schema
        .createTable('import_rows')
        .addColumn('import_id', 'bigint', (c) => c.notNull().references('imports.id'))
        .addColumn('record_number', 'integer', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('unit_code', 'text')
        .addColumn('amount', 'bigint')
        .addColumn('message', 'text')
        .addColumn('warnings', 'text')
        .addColumn('cells', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('import_rows_pk', ['import_id', 'record_number'])
        .execute();
      await db.schema
        .createIndex('import_rows_outcome')
        .on('import_rows')
        .columns(['import_id', 'outcome', 'record_number'])
        .execute();

      await db.schema
        .createTable('import_chunks')
        .addColumn('import_id', 'bigint', (c) => c.notNull().references('imports.id'))
        .addColumn('chunk_no', 'integer', (c) => c.notNull())
        .addColumn('first_record', 'integer', (c) => c.notNull())
        .addColumn('last_record', 'integer', (c) => c.notNull())
        .addColumn('done_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('import_chunks_pk', ['import_id', 'chunk_no'])
        .execute();
    },
  };
}
