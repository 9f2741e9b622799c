/**
 * `rewardbook import update-balances FILE`: uploads a filled-in *Available reward balances by
 * user* report through the same use case as the API, runs it to its end here, and prints the
 * outcome. Exits 0 when the import finished (rows in error included: they are its outcome) and
 * 1 when it failed as a whole, or was refused (a repeated file, an unreadable path).
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { AppError } from '../../domain/errors.js';
import { uploadImport } from '../../imports/uploadImport.js';
import { tenantOption, withTenant, type TenantOptions } from '../context.js';
import { buildImportReport, printImportReport } from './importReport.js';
import { runImportToEnd } from './importRun.js';

interface Options extends TenantOptions {
  dryRun?: boolean;
  confirmRepeat?: boolean;
  json?: boolean;
}

async function checkReadable(path: string): Promise<void> {
  const info = await stat(path).catch(() => null);
  if (!info?.isFile()) {
    throw new AppError(
      'UNREADABLE_FILE',
      `Cannot read "${path}": give the path of the report (CSV or .xlsx) with valueToRedeem filled in`,
      { path },
    );
  }
}

export function registerImportUpdateBalances(importCommand: Command): void {
  importCommand
    .command('update-balances')
    .description(
      'import a filled-in "Available reward balances by user" report (CSV or .xlsx): redeems each row\'s valueToRedeem',
    )
    .argument('<file>', 'the report, as exported, with valueToRedeem filled in')
    .option('--dry-run', 'validate and price every row, change nothing')
    .option('--confirm-repeat', 'apply a file identical to one already applied (redeems again)')
    .option('--json', 'print the outcome as JSON (counts, totals per unit, rows in error)')
    .addOption(tenantOption())
    .action((file: string, options: Options) =>
      withTenant(options, async ({ db, handle, config }, tenant) => {
        await checkReadable(file);
        const id = await uploadImport(db, config, {
          tenantId: tenant.id,
          fileName: basename(file),
          source: createReadStream(file),
          dryRun: options.dryRun === true,
          confirmRepeat: options.confirmRepeat === true,
          actor: 'cli',
        });
        const imp = await runImportToEnd(handle, config, tenant.id, id);
        await printImportReport(await buildImportReport(db, tenant.id, id), !!options.json);
        if (imp.status !== 'succeeded') {
          process.stderr.write(
            `error: import ${id} ${imp.status}: ${imp.error ?? 'no reason was recorded'}\n`,
          );
          process.exitCode = 1;
        }
      }),
    );
}
