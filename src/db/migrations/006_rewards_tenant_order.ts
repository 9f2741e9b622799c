import type { Kysely } from 'kysely';

/** Listing a tenant's rewards in creation order pages by (tenant_id, id) without a sort. */
export function rewardsTenantOrderMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createIndex('rewards_tenant_id_id')
        .on('rewards')
        .columns(['tenant_id', 'id'])
        .execute();
    },
  };
}
