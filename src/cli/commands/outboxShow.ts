import type { Command } from 'commander';
import { toIso } from '../../domain/dates.js';
import { AppError } from '../../domain/errors.js';
import { getOutboxMessage } from '../../email/outbox.js';
import { tenantOption, withTenant, type TenantOptions } from '../context.js';
import { write } from '../output.js';

function parseId(text: string): number {
  if (!/^[1-9]\d{0,15}$/.test(text.trim())) {
    throw new AppError(
      'VALIDATION_FAILED',
      `"${text}" is not an email id; use an ID from \`rewardbook outbox list\``,
    );
  }
  return Number(text);
}

export function registerOutboxShow(outbox: Command): void {
  outbox
    .command('show')
    .description('one email: its headers and its text part')
    .argument('<id>', 'the email id, from `outbox list`')
    .addOption(tenantOption())
    .action((id: string, options: TenantOptions) =>
      withTenant(options, async ({ db }, tenant) => {
        const email = await getOutboxMessage(db, tenant.id, parseId(id));
        const headers: [string, string | null][] = [
          ['Id', String(email.id)],
          ['To', email.to],
          ['Subject', email.subject],
          ['Status', email.status],
          ['Created', toIso(email.createdAt)],
          ['Sent', toIso(email.sentAt)],
          ['Last error', email.lastError],
        ];
        const shown = headers.filter((h): h is [string, string] => h[1] !== null);
        const head = shown.map(([name, value]) => `${`${name}:`.padEnd(12)}${value}`).join('\n');
        await write(`${head}\n\n${email.text.endsWith('\n') ? email.text : `${email.text}\n`}`);
      }),
    );
}
