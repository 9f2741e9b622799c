import type { Command } from 'commander';
import { listPrograms } from '../../ledger/programs.repository.js';
import { tenantOption, withTenant, type TenantOptions } from '../context.js';
import { writeTable } from '../table.js';

export function registerProgramsList(programs: Command): void {
  programs
    .command('list')
    .description("list the tenant's programs")
    .addOption(tenantOption())
    .action((options: TenantOptions) =>
      withTenant(options, async ({ db }, tenant) => {
        const rows = await listPrograms(db, tenant.id);
        await writeTable(
          ['PROGRAM ID', 'NAME'],
          rows.map((p) => [p.code, p.name]),
        );
      }),
    );
}
