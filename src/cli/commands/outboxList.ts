import { Option, type Command } from 'commander';
import { toIso } from '../../domain/dates.js';
import { AppError } from '../../domain/errors.js';
import { listOutbox } from '../../email/outbox.js';
import { tenantOption, withTenant, type TenantOptions } from '../context.js';
import { line } from '../output.js';
import { writeTable } from '../table.js';

interface Options extends TenantOptions {
  limit: string;
  format: 'json' | 'table';
}

function parseLimit(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || n < 1 || n > 200) {
    throw new AppError(
      'VALIDATION_FAILED',
      `--limit "${text}" must be a whole number from 1 to 200, such as 20`,
    );
  }
  return n;
}

export function registerOutboxList(outbox: Command): void {
  outbox
    .command('list')
    .description("the tenant's latest emails, newest first (sent, kept in the outbox, or failed)")
    .option('--limit <n>', 'how many', '50')
    .addOption(
      new Option('--format <format>', 'output format').choices(['json', 'table']).default('table'),
    )
    .addOption(tenantOption())
    .action((options: Options) =>
      withTenant(options, async ({ db }, tenant) => {
        const { items } = await listOutbox(db, tenant.id, { limit: parseLimit(options.limit) });
        const rows = items.map((e) => ({
          ...e,
          createdAt: toIso(e.createdAt),
          sentAt: toIso(e.sentAt),
        }));
        if (options.format === 'json') {
          await line(JSON.stringify(rows, null, 2));
          return;
        }
        await writeTable(
          ['ID', 'TO', 'SUBJECT', 'STATUS', 'CREATED'],
          rows.map((e) => [
            e.id,
            e.to,
            e.subject,
            e.status,
            e.createdAt?.slice(0, 19).replace('T', ' '),
          ]),
        );
      }),
    );
}
