import { sql, type Kysely } from 'kysely';

/**
 * Jobs: a cancel request for a running job (its handler stops at its next progress report),
 * and a guarantee, not just a check, that jobs sharing a queue key run one at a time: two
 * workers claiming different jobs of one key at once cannot both commit.
 */
export function jobCancelAndQueueLockMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .alterTable('jobs')
        .addColumn('cancel_requested', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .createIndex('jobs_one_running_per_queue_key')
        .on('jobs')
        .column('queue_key')
        .unique()
        .where(sql.ref('status'), '=', 'running')
        .where(sql.ref('queue_key'), 'is not', null)
        .execute();
    },
  };
}
