import type { Command } from 'commander';
import { AppError } from '../../domain/errors.js';
import { tenantOption, withTenant, type TenantOptions } from '../context.js';
import { buildImportReport, printImportReport } from './importReport.js';

interface Options extends TenantOptions {
  json?: boolean;
}

/** An import id as typed on the command line. */
export function parseImportId(text: string): number {
  if (!/^\d{1,15}$/.test(text) || Number(text) < 1) {
    throw new AppError(
      'VALIDATION_FAILED',
      `"${text}" is not an import id; use the number from \`rewardbook imports list\``,
    );
  }
  return Number(text);
}

export function registerImportsShow(imports: Command): void {
  imports
    .command('show')
    .description('show an import: status, counts, totals per unit and the rows in error')
    .argument('<id>', 'the import id, as `imports list` shows it')
    .option('--json', 'print it as JSON, as `import update-balances --json` does')
    .addOption(tenantOption())
    .action((id: string, options: Options) =>
      withTenant(options, async ({ db }, tenant) => {
        const report = await buildImportReport(db, tenant.id, parseImportId(id));
        await printImportReport(report, !!options.json);
      }),
    );
}
