import type { Command } from 'commander';
import { reverseImport } from '../../imports/reverseImport.js';
import { tenantOption, withTenant, type TenantOptions } from '../context.js';
import { line } from '../output.js';
import { parseImportId } from './importsShow.js';

export function registerImportsReverse(imports: Command): void {
  imports
    .command('reverse')
    .description('reverse a finished import: give back exactly what it redeemed, all or nothing')
    .argument('<id>', 'the import id, as `imports list` shows it')
    .addOption(tenantOption())
    .action((id: string, options: TenantOptions) =>
      withTenant(options, async ({ db }, tenant) => {
        const result = await reverseImport(db, tenant.id, parseImportId(id), {
          source: 'CLI',
          actor: 'cli',
        });
        await line(
          `reversed import ${result.importId}: ${result.reversedRedemptions} redemptions given back`,
        );
      }),
    );
}
