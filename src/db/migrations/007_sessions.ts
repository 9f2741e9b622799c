import type { Kysely } from 'kysely';

/**
 * Admin sessions of the web app. The id is the SHA-256 of the cookie's random token, so a
 * database leak does not leak usable sessions; the CSRF token is sent back on every change.
 */
export function sessionsMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('admin_id', 'bigint', (c) => c.notNull().references('admins.id'))
        .addColumn('tenant_id', 'bigint', (c) => c.notNull().references('tenants.id'))
        .addColumn('csrf_token', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('revoked_at', 'bigint')
        .execute();
      await db.schema.createIndex('sessions_admin').on('sessions').column('admin_id').execute();
    },
  };
}
