import { Option, type Command } from 'commander';
import {
  iterateAvailableBalances,
  type AvailableBalance,
} from '../../ledger/listAvailableBalances.js';
import { tenantOption, withTenant, type TenantOptions } from '../context.js';
import { writeJsonArray } from '../output.js';
import { writeTable } from '../table.js';

async function* project(
  balances: AsyncIterable<AvailableBalance>,
): AsyncGenerator<AvailableBalance> {
  // Exactly the contract's fields, whatever the ledger's record may gain later.
  for await (const b of balances) {
    yield {
      accountId: b.accountId,
      userId: b.userId,
      unit: b.unit,
      availableValue: b.availableValue,
    };
  }
}

async function* asRows(balances: AsyncIterable<AvailableBalance>) {
  for await (const b of balances) yield [b.accountId, b.userId, b.unit, b.availableValue];
}

interface Options extends TenantOptions {
  format: 'json' | 'table';
}

export function registerBalances(program: Command): void {
  program
    .command('balances')
    .description('every balance with something available now, per (accountId, userId, unit)')
    .addOption(
      new Option('--format <format>', 'output format').choices(['json', 'table']).default('table'),
    )
    .addOption(tenantOption())
    .action((options: Options) =>
      withTenant(options, async ({ db }, tenant) => {
        const balances = project(iterateAvailableBalances(db, tenant.id));
        if (options.format === 'json') await writeJsonArray(balances);
        else await writeTable(['ACCOUNT ID', 'USER ID', 'UNIT', 'AVAILABLE'], asRows(balances));
      }),
    );
}
