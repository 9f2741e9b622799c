/**
 * `rewardbook export available-balances`: asks for the report through the same use case as the
 * API, runs it here with a worker of this process (a `serve` worker elsewhere may take it
 * instead; then this command just follows it), shows a progress bar on a terminal, and writes
 * the file to --output. With --notify-email, the worker also sends the "ready" email.
 */
import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Command } from 'commander';
import type { Db } from '../../db/database.js';
import { AppError } from '../../domain/errors.js';
import { cancelExport } from '../../exports/cancelExport.js';
import { registerEmailJobs } from '../../email/emailJobs.js';
import { createMailer } from '../../email/mailer.js';
import { createExport } from '../../exports/createExport.js';
import { registerExportJobs } from '../../exports/exportJobs.js';
import { findExport, type ExportRecord } from '../../exports/exports.repository.js';
import { readFile } from '../../files/readFile.js';
import { createJobRegistry, startWorker } from '../../jobs/index.js';
import { tenantOption, withTenant, type TenantOptions } from '../context.js';
import { line } from '../output.js';
import { createProgress, type Progress } from '../progress.js';

interface Options extends TenantOptions {
  format: string;
  unit?: string;
  program?: string;
  output: string;
  notifyEmail?: string;
}

const POLL_MS = 100;
/** How long the worker may go on after the report is ready, to send its email. */
const EMAIL_GRACE_MS = 10_000;

/** Refuses an --output that cannot be written before anything is asked for. */
async function checkOutput(output: string): Promise<string> {
  const path = resolve(output);
  const folder = await stat(dirname(path)).catch(() => null);
  const existing = await stat(path).catch(() => null);
  if (!folder?.isDirectory() || existing?.isDirectory()) {
    throw new AppError(
      'VALIDATION_FAILED',
      `--output "${output}" cannot be written: give a file path in an existing folder, such as ./balances.csv`,
      { output },
    );
  }
  return path;
}

/** Follows the export until it ends, drawing its progress. */
async function follow(db: Db, tenantId: number, exportId: number): Promise<ExportRecord> {
  let progress: Progress | null = null;
  for (;;) {
    const record = await findExport(db, tenantId, exportId);
    if (!record) throw new AppError('NOT_FOUND', `Export ${exportId} disappeared.`);
    const total = Number(record.progressTotal ?? 0);
    if (total > 0) {
      progress ??= createProgress({ label: 'participants', total });
      progress.update(Number(record.progressDone ?? 0));
    }
    if (record.status !== 'queued' && record.status !== 'running') {
      if (record.status === 'succeeded') progress?.update(total);
      progress?.finish();
      return record;
    }
    await sleep(POLL_MS);
  }
}

/** Waits (a while) for the "ready" email to leave the queue; says what became of it. */
async function settleEmail(db: Db, record: ExportRecord, to: string): Promise<string> {
  const deadline = Date.now() + EMAIL_GRACE_MS;
  for (;;) {
    const email = await db
      .selectFrom('emails')
      .select(['status', 'last_error'])
      .where('tenant_id', '=', record.tenant_id)
      .where('to_address', '=', to)
      .where('created_at', '>=', record.created_at)
      .orderBy('id', 'desc')
      .executeTakeFirst();
    if (email?.status === 'sent') return `emailed a download link to ${to}`;
    if (email?.status === 'kept') {
      return `kept the email to ${to} in the outbox (no SMTP_URL is set): rewardbook outbox list`;
    }
    if (email?.status === 'failed') return `the email to ${to} failed: ${email.last_error ?? ''}`;
    if (Date.now() > deadline) {
      const why = email?.last_error ? ` (${email.last_error})` : '';
      return `the email to ${to} is still queued${why}; \`rewardbook worker\` or \`serve\` sends it`;
    }
    await sleep(POLL_MS);
  }
}

async function writeOutput(db: Db, record: ExportRecord, path: string): Promise<void> {
  if (record.file_id === null) throw new AppError('NOT_FOUND', `Export ${record.id} has no file.`);
  const bytes = Readable.from(readFile(db, record.tenant_id, record.file_id));
  await pipeline(bytes, createWriteStream(path));
}

export function registerExportAvailableBalances(exportCommand: Command): void {
  exportCommand
    .command('available-balances')
    .description('the Available reward balances by user report, written to a file')
    .requiredOption('--format <format>', 'csv or xlsx')
    .requiredOption('--output <file>', 'where to write the report')
    .option('--unit <code>', 'only balances in this unit, such as CASH/USD')
    .option('--program <programId>', "only this program's rewards")
    .option('--notify-email <address>', 'also email a download link to this address')
    .addOption(tenantOption())
    .action((options: Options) =>
      withTenant(options, async ({ db, handle, config }, tenant) => {
        const path = await checkOutput(options.output);
        const created = await createExport(db, {
          tenantId: tenant.id,
          format: options.format,
          unit: options.unit,
          programId: options.program,
          notifyEmail: options.notifyEmail ?? null,
          actor: 'cli',
        });
        const registry = createJobRegistry();
        registerExportJobs(registry, { config });
        registerEmailJobs(registry, createMailer(config));
        const worker = startWorker({ handle, registry, pollMs: 50 });
        const interrupt = () => {
          process.stderr.write('\ninterrupted: cancelling the export\n');
          void cancelExport(db, tenant.id, created.id).catch(() => undefined);
        };
        process.once('SIGINT', interrupt);
        let record: ExportRecord;
        let emailed: string | null = null;
        try {
          record = await follow(db, tenant.id, created.id);
          if (record.status === 'succeeded' && created.notifyEmail) {
            emailed = await settleEmail(db, record, created.notifyEmail);
          }
        } finally {
          process.removeListener('SIGINT', interrupt);
          await worker.stop();
        }
        if (record.status !== 'succeeded') {
          const what =
            record.status === 'failed'
              ? `failed: ${record.error ?? 'no reason was recorded'}`
              : 'was cancelled; no file was written';
          throw new AppError('CONFLICT', `Export ${record.id} ${what}`, { exportId: record.id });
        }
        await writeOutput(db, record, path);
        const rows = Number(record.row_count ?? 0);
        await line(`exported ${rows} ${rows === 1 ? 'balance' : 'balances'} to ${options.output}`);
        if (emailed) await line(emailed);
      }),
    );
}
