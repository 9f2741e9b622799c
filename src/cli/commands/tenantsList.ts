import type { Command } from 'commander';
import { listTenants } from '../../tenants/tenants.repository.js';
import { withDatabase } from '../context.js';
import { writeTable } from '../table.js';

export function registerTenantsList(tenants: Command): void {
  tenants
    .command('list')
    .description('list the tenants')
    .action(() =>
      withDatabase(async ({ db }) => {
        const rows = await listTenants(db);
        await writeTable(
          ['SLUG', 'NAME'],
          rows.map((t) => [t.slug, t.name]),
          '(no tenants yet: run `rewardbook tenants create SLUG`)',
        );
      }),
    );
}
