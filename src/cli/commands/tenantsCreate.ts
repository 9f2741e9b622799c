import type { Command } from 'commander';
import { createTenant } from '../../tenants/createTenant.js';
import { withDatabase } from '../context.js';
import { line } from '../output.js';

interface Options {
  name?: string;
  adminEmail?: string;
}

export function registerTenantsCreate(tenants: Command): void {
  tenants
    .command('create')
    .description('create a tenant (an organisation), optionally with its first admin')
    .argument('<slug>', 'short name: lower-case letters, digits and dashes, such as acme')
    .option('--name <name>', 'display name (default: the slug)')
    .option('--admin-email <email>', 'create an admin with this email and a generated password')
    .action((slug: string, options: Options) =>
      withDatabase(async ({ db, config }) => {
        const { tenant, admin } = await createTenant(db, {
          slug,
          name: options.name,
          adminEmail: options.adminEmail,
        });
        await line(`created tenant ${tenant.slug} (${tenant.name})`);
        if (!admin) return;
        await line(`admin:    ${admin.email}`);
        await line(`password: ${admin.password}`);
        await line(`sign in at ${config.publicUrl} — the password is shown only this once`);
      }),
    );
}
