import type { Command } from 'commander';
import { AppError } from '../../domain/errors.js';
import { MAX_DECIMALS } from '../../domain/units.js';
import { ensureUnit, updateUnit } from '../../ledger/units.repository.js';
import { tenantOption, withTenant, type TenantOptions } from '../context.js';
import { line } from '../output.js';

interface Options extends TenantOptions {
  name?: string;
  decimals?: string;
}

function parseDecimals(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text.trim()) || Number(text) > MAX_DECIMALS) {
    throw new AppError(
      'VALIDATION_FAILED',
      `--decimals "${text}" must be a whole number from 0 to ${MAX_DECIMALS}, such as 2`,
      { field: 'decimals' },
    );
  }
  return Number(text);
}

export function registerUnitsSet(units: Command): void {
  units
    .command('set')
    .description('create a unit, or rename it or change its decimals (while no reward uses it)')
    .argument('<code>', 'unit code, such as POINT or CASH/USD')
    .option('--name <name>', 'display name')
    .option('--decimals <digits>', `fraction digits balances are shown in (0 to ${MAX_DECIMALS})`)
    .addOption(tenantOption())
    .action((code: string, options: Options) =>
      withTenant(options, async ({ db }, tenant) => {
        const decimals = parseDecimals(options.decimals);
        await ensureUnit(db, tenant.id, code.trim());
        const unit = await updateUnit(db, tenant.id, code.trim(), { name: options.name, decimals });
        await line(`unit ${unit.code}: name "${unit.name}", ${unit.decimals} decimals`);
      }),
    );
}
