import { Migrator, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely';
import type { DatabaseHandle } from './database.js';
import { ledgerMigration } from './migrations/001_ledger.js';
import { jobsFilesEmailMigration } from './migrations/002_jobs_files_email.js';
import { exportsImportsMigration } from './migrations/003_exports_imports.js';
import { jobCancelAndQueueLockMigration } from './migrations/004_job_cancel_and_queue_lock.js';
import { importRowIdentityMigration } from './migrations/005_import_row_identity.js';
import { rewardsTenantOrderMigration } from './migrations/006_rewards_tenant_order.js';
import { sessionsMigration } from './migrations/007_sessions.js';
import { importChunkOutcomesMigration } from './migrations/008_import_chunk_outcomes.js';
import type { DialectName } from './migrations/columns.js';

/** Versioned migrations in the order they apply; names never change once released. */
function migrationsFor(dialect: DialectName): Record<string, Migration> {
  return {
    '001_ledger': ledgerMigration(dialect),
    '002_jobs_files_email': jobsFilesEmailMigration(dialect),
    '003_exports_imports': exportsImportsMigration(dialect),
    '004_job_cancel_and_queue_lock': jobCancelAndQueueLockMigration(),
    '005_import_row_identity': importRowIdentityMigration(),
    '006_rewards_tenant_order': rewardsTenantOrderMigration(),
    '007_sessions': sessionsMigration(),
    '008_import_chunk_outcomes': importChunkOutcomesMigration(),
  };
}

/**
 * Brings the schema up to date. Kysely's migrator holds a row lock on its lock table while it
 * runs, so two processes starting at once on PostgreSQL apply each migration exactly once.
 */
export async function migrateToLatest(handle: DatabaseHandle): Promise<string[]> {
  return migrate(handle, (m) => m.migrateToLatest());
}

/** Brings the schema up to the named migration (tests of a migration over older data use it). */
export async function migrateUpTo(handle: DatabaseHandle, name: string): Promise<string[]> {
  return migrate(handle, (m) => m.migrateTo(name));
}

async function migrate(
  handle: DatabaseHandle,
  run: (migrator: Migrator) => Promise<MigrationResultSet>,
): Promise<string[]> {
  const provider: MigrationProvider = {
    getMigrations: () => Promise.resolve(migrationsFor(handle.dialect)),
  };
  const { error, results } = await run(new Migrator({ db: handle.db, provider }));
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${message}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
