import type { Db } from '../db/database.js';
import { AppError } from '../domain/errors.js';
import { enqueueJob } from '../jobs/enqueueJob.js';
import { inTransaction } from '../jobs/sql.js';

declare module '../jobs/types.js' {
  interface JobPayloads {
    /** Delivers one row of `emails`. */
    'email.send': { emailId: number };
  }
}

/** With 2^n s backoff capped at 15 min, 20 attempts cover about three hours of mail server outage. */
export const EMAIL_MAX_ATTEMPTS = 20;

export interface NewEmail {
  /** null for emails that belong to no tenant (none yet). */
  tenantId: number | null;
  to: string;
  subject: string;
  text: string;
  html: string;
}

const ADDRESS = /^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>"]+$/;

/**
 * Records an email and queues the job that delivers it, atomically (in the caller's transaction
 * when given one). Returns the email's id.
 */
export async function queueEmail(db: Db, email: NewEmail, now = Date.now()): Promise<number> {
  const to = email.to.trim();
  if (!ADDRESS.test(to)) {
    throw new AppError(
      'VALIDATION_FAILED',
      `"${email.to}" is not an email address; give one address such as admin@example.com.`,
      { field: 'to' },
    );
  }
  return inTransaction(db, async (trx) => {
    const { id } = await trx
      .insertInto('emails')
      .values({
        tenant_id: email.tenantId,
        to_address: to,
        subject: email.subject,
        text_body: email.text,
        html_body: email.html,
        status: 'queued',
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await enqueueJob(
      trx,
      {
        kind: 'email.send',
        payload: { emailId: id },
        tenantId: email.tenantId,
        maxAttempts: EMAIL_MAX_ATTEMPTS,
      },
      now,
    );
    return id;
  });
}
