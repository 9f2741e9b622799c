import type { Db } from '../db/database.js';
import { AppError } from '../domain/errors.js';
import { registerJobHandler, type JobRegistry } from '../jobs/registry.js';
import { errorText } from '../jobs/sql.js';
import type { Mailer } from './mailer.js';
import './queueEmail.js';

/**
 * A refused recipient (5xx to RCPT TO) will be refused again: fail at once. Anything else (server
 * down, timeouts, authentication, temporary 4xx) may pass later: retry.
 */
function classify(error: unknown, to: string): unknown {
  const e = error as { command?: unknown; responseCode?: unknown; response?: unknown };
  if (e.command === 'RCPT TO' && typeof e.responseCode === 'number' && e.responseCode >= 500) {
    return new AppError(
      'VALIDATION_FAILED',
      `The mail server refused the address ${to}: ${String(e.response ?? e.responseCode)}`,
    );
  }
  return error;
}

function noteError(db: Db, emailId: number, error: unknown) {
  return db
    .updateTable('emails')
    .set({ last_error: errorText(error) })
    .where('id', '=', emailId)
    .execute();
}

/** Registers `email.send`: delivers a queued email through `mailer`, retrying on failure. */
export function registerEmailJobs(
  registry: JobRegistry,
  mailer: Mailer,
  options: { retryDelayMs?: (attempt: number) => number } = {},
): void {
  registerJobHandler(registry, 'email.send', {
    retryDelayMs: options.retryDelayMs,
    async perform({ emailId }, ctx) {
      const row = await ctx.db
        .selectFrom('emails')
        .selectAll()
        .where('id', '=', emailId)
        .executeTakeFirst();
      if (!row) throw new AppError('NOT_FOUND', `Email ${emailId} does not exist.`);
      if (row.status !== 'queued') return; // an earlier run delivered it
      const email = {
        id: row.id,
        createdAt: row.created_at,
        to: row.to_address,
        subject: row.subject,
        text: row.text_body,
        html: row.html_body,
      };
      let outcome: 'sent' | 'kept';
      try {
        outcome = await mailer.deliver(email);
      } catch (error) {
        // Shown in the outbox while the job waits to try again.
        await noteError(ctx.db, emailId, error).catch(() => undefined);
        throw classify(error, row.to_address);
      }
      await ctx.transaction((trx) =>
        trx
          .updateTable('emails')
          .set({
            status: outcome,
            sent_at: outcome === 'sent' ? Date.now() : null,
            last_error: null,
          })
          .where('id', '=', emailId)
          .where('status', '=', 'queued')
          .execute(),
      );
    },
    async onFailed({ emailId }, error, { trx }) {
      await trx
        .updateTable('emails')
        .set({ status: 'failed', last_error: errorText(error) })
        .where('id', '=', emailId)
        .where('status', '=', 'queued')
        .execute();
    },
  });
}
