import type { Command } from 'commander';
import type { Db } from '../../db/database.js';
import { listImportViews, type ImportView } from '../../imports/importViews.js';
import { tenantOption, withTenant, type TenantOptions } from '../context.js';
import { writeJsonArray } from '../output.js';
import { writeTable } from '../table.js';

interface Options extends TenantOptions {
  json?: boolean;
}

/** Every import of the tenant, newest first, a page at a time. */
async function* allImports(db: Db, tenantId: number): AsyncGenerator<ImportView> {
  let before: number | undefined;
  for (;;) {
    const page = await listImportViews(db, tenantId, { before, limit: 500 });
    yield* page;
    if (page.length < 500) return;
    before = page.at(-1)?.id;
  }
}

async function* asRows(imports: AsyncIterable<ImportView>) {
  for await (const i of imports) {
    yield [
      i.id,
      i.createdAt.slice(0, 19).replace('T', ' '),
      i.dryRun ? 'dry run' : 'apply',
      i.reversedAt ? `${i.status}, reversed` : i.status,
      `${i.progress.done}/${i.progress.total ?? '?'}`,
      i.summary?.redeemed ?? '',
      i.summary?.errors ?? '',
      i.fileName,
    ];
  }
}

export function registerImportsList(imports: Command): void {
  imports
    .command('list')
    .description('list the imports, newest first')
    .option('--json', 'print them as a JSON array (the API view of each import)')
    .addOption(tenantOption())
    .action((options: Options) =>
      withTenant(options, async ({ db }, tenant) => {
        const items = allImports(db, tenant.id);
        if (options.json) await writeJsonArray(items);
        else
          await writeTable(
            ['ID', 'CREATED', 'KIND', 'STATUS', 'ROWS', 'REDEEMED', 'ERRORS', 'FILE'],
            asRows(items),
            '(no imports yet: run `rewardbook import update-balances FILE`)',
          );
      }),
    );
}
