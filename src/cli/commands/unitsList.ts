import type { Command } from 'commander';
import { listUnits } from '../../ledger/units.repository.js';
import { tenantOption, withTenant, type TenantOptions } from '../context.js';
import { writeTable } from '../table.js';

export function registerUnitsList(units: Command): void {
  units
    .command('list')
    .description("list the tenant's reward units and their decimals")
    .addOption(tenantOption())
    .action((options: TenantOptions) =>
      withTenant(options, async ({ db }, tenant) => {
        const rows = await listUnits(db, tenant.id);
        await writeTable(
          ['CODE', 'NAME', 'DECIMALS'],
          rows.map((u) => [u.code, u.name, u.decimals]),
        );
      }),
    );
}
