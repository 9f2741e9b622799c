import type { Kysely } from 'kysely';
import { withId, type DialectName } from './columns.js';

export function ledgerMigration(dialect: DialectName) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await withId(db.schema.createTable('tenants'), dialect)
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();

      await withId(db.schema.createTable('admins'), dialect)
        .addColumn('tenant_id', 'bigint', (c) => c.notNull().references('tenants.id'))
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('removed_at', 'bigint')
        .addUniqueConstraint('admins_tenant_email', ['tenant_id', 'email'])
        .execute();

      await withId(db.schema.createTable('api_keys'), dialect)
        .addColumn('tenant_id', 'bigint', (c) => c.notNull().references('tenants.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('prefix', 'text', (c) => c.notNull())
        .addColumn('key_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('revoked_at', 'bigint')
        .execute();

      await withId(db.schema.createTable('programs'), dialect)
        .addColumn('tenant_id', 'bigint', (c) => c.notNull().references('tenants.id'))
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addUniqueConstraint('programs_tenant_code', ['tenant_id', 'code'])
        .execute();

      await withId(db.schema.createTable('units'), dialect)
        .addColumn('tenant_id', 'bigint', (c) => c.notNull().references('tenants.id'))
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('decimals', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addUniqueConstraint('units_tenant_code', ['tenant_id', 'code'])
        .execute();

      await withId(db.schema.createTable('participants'), dialect)
        .addColumn('tenant_id', 'bigint', (c) => c.notNull().references('tenants.id'))
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('email', 'text')
        .addColumn('first_name', 'text')
        .addColumn('last_name', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addUniqueConstraint('participants_tenant_account_user', [
          'tenant_id',
          'account_id',
          'user_id',
        ])
        .execute();
      await db.schema
        .createIndex('participants_tenant_user')
        .on('participants')
        .columns(['tenant_id', 'user_id'])
        .execute();

      await withId(db.schema.createTable('rewards'), dialect)
        .addColumn('tenant_id', 'bigint', (c) => c.notNull().references('tenants.id'))
        .addColumn('reward_key', 'text', (c) => c.notNull())
        .addColumn('participant_id', 'bigint', (c) => c.notNull().references('participants.id'))
        .addColumn('program_id', 'bigint', (c) => c.references('programs.id'))
        .addColumn('unit_id', 'bigint', (c) => c.notNull().references('units.id'))
        .addColumn('type', 'text', (c) => c.notNull().defaultTo('CREDIT'))
        .addColumn('amount', 'bigint', (c) => c.notNull())
        .addColumn('redeemed', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('date_given', 'bigint', (c) => c.notNull())
        .addColumn('date_expires', 'bigint')
        .addColumn('date_redeemed', 'bigint')
        .addColumn('date_cancelled', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addUniqueConstraint('rewards_tenant_key', ['tenant_id', 'reward_key'])
        .execute();
      await db.schema
        .createIndex('rewards_participant_unit')
        .on('rewards')
        .columns(['participant_id', 'unit_id', 'status'])
        .execute();
      await db.schema
        .createIndex('rewards_tenant_status_expires')
        .on('rewards')
        .columns(['tenant_id', 'status', 'date_expires'])
        .execute();

      await withId(db.schema.createTable('redemptions'), dialect)
        .addColumn('tenant_id', 'bigint', (c) => c.notNull().references('tenants.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('participant_id', 'bigint', (c) => c.notNull().references('participants.id'))
        .addColumn('unit_id', 'bigint', (c) => c.notNull().references('units.id'))
        .addColumn('program_id', 'bigint', (c) => c.references('programs.id'))
        .addColumn('amount', 'bigint', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('import_id', 'bigint')
        .addColumn('import_row', 'integer')
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('idempotency_key', 'text')
        .addColumn('request_hash', 'text')
        .addColumn('reverses_id', 'bigint', (c) => c.references('redemptions.id').unique())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addUniqueConstraint('redemptions_tenant_idempotency', ['tenant_id', 'idempotency_key'])
        .addUniqueConstraint('redemptions_import_row', ['import_id', 'import_row'])
        .execute();
      await db.schema
        .createIndex('redemptions_participant')
        .on('redemptions')
        .columns(['participant_id', 'id'])
        .execute();
      await db.schema
        .createIndex('redemptions_tenant_id')
        .on('redemptions')
        .columns(['tenant_id', 'id'])
        .execute();

      await withId(db.schema.createTable('redemption_lines'), dialect)
        .addColumn('redemption_id', 'bigint', (c) => c.notNull().references('redemptions.id'))
        .addColumn('reward_id', 'bigint', (c) => c.notNull().references('rewards.id'))
        .addColumn('amount', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('redemption_lines_redemption')
        .on('redemption_lines')
        .column('redemption_id')
        .execute();
      await db.schema
        .createIndex('redemption_lines_reward')
        .on('redemption_lines')
        .column('reward_id')
        .execute();
    },
  };
}
