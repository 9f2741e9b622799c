import type { Kysely } from 'kysely';
import { binaryType, withId, type DialectName } from './columns.js';

export function jobsFilesEmailMigration(dialect: DialectName) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await withId(db.schema.createTable('jobs'), dialect)
        .addColumn('tenant_id', 'bigint', (c) => c.references('tenants.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('queue_key', 'text')
        .addColumn('run_at', 'bigint', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('max_attempts', 'integer', (c) => c.notNull())
        .addColumn('locked_by', 'text')
        .addColumn('locked_until', 'bigint')
        .addColumn('progress_done', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('progress_total', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('last_error', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('finished_at', 'bigint')
        .execute();
      await db.schema
        .createIndex('jobs_status_run_at')
        .on('jobs')
        .columns(['status', 'run_at'])
        .execute();
      await db.schema
        .createIndex('jobs_queue_key')
        .on('jobs')
        .columns(['queue_key', 'status'])
        .execute();

      await withId(db.schema.createTable('files'), dialect)
        .addColumn('tenant_id', 'bigint', (c) => c.notNull().references('tenants.id'))
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('size', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('sha256', 'text')
        .addColumn('complete', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint')
        .execute();
      await db.schema.createIndex('files_expires_at').on('files').column('expires_at').execute();
      await db.schema
        .createIndex('files_tenant_sha256')
        .on('files')
        .columns(['tenant_id', 'sha256'])
        .execute();

      await db.schema
        .createTable('file_chunks')
        .addColumn('file_id', 'bigint', (c) =>
          c.notNull().references('files.id').onDelete('cascade'),
        )
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('data', binaryType(dialect), (c) => c.notNull())
        .addPrimaryKeyConstraint('file_chunks_pk', ['file_id', 'seq'])
        .execute();

      await withId(db.schema.createTable('emails'), dialect)
        .addColumn('tenant_id', 'bigint', (c) => c.references('tenants.id'))
        .addColumn('to_address', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('text_body', 'text', (c) => c.notNull())
        .addColumn('html_body', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('sent_at', 'bigint')
        .addColumn('last_error', 'text')
        .execute();
      await db.schema
        .createIndex('emails_tenant_id')
        .on('emails')
        .columns(['tenant_id', 'id'])
        .execute();
    },
  };
}
