import { afterEach, expect, it } from 'vitest';
import { describeEachDb } from '../../test/helpers/databases.js';
import { createJobRegistry } from '../jobs/registry.js';
import { createTestTenant, waitFor } from '../jobs/testing/helpers.js';
import { startWorker } from '../jobs/worker.js';
import type { Db } from '../db/database.js';
import { registerEmailJobs } from './emailJobs.js';
import { createMailer, type Mailer } from './mailer.js';
import { queueEmail } from './queueEmail.js';
import { renderEmail } from './renderEmail.js';
import { startSmtpServer, unusedPort, type TestSmtpServer } from './testing/smtpServer.js';

const MAIL_FROM = 'rewardbook <no-reply@rb.example.com>';
const quick = { retryDelayMs: () => 100 };
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function mailerFor(smtpUrl: string | null): Mailer {
  const mailer = createMailer({ smtpUrl, mailFrom: MAIL_FROM });
  cleanups.push(() => mailer.close());
  return mailer;
}

async function server(options: Parameters<typeof startSmtpServer>[0] = {}) {
  const smtp = await startSmtpServer(options);
  cleanups.push(() => smtp.close());
  return smtp;
}

async function queueReport(db: Db, tenantId: number, to = 'admin@example.com') {
  const parts = renderEmail({
    title: 'Your report is ready',
    paragraphs: ['It has 12 rows & 3 units.'],
    action: { label: 'Download', url: 'https://rb.example.com/download?sig=abc' },
  });
  return queueEmail(db, { tenantId, to, subject: 'Report ready: balances', ...parts });
}

const emailRow = (db: Db, id: number) =>
  db.selectFrom('emails').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

const jobOf = (db: Db, emailId: number) =>
  db
    .selectFrom('jobs')
    .selectAll()
    .where('kind', '=', 'email.send')
    .where('payload', '=', JSON.stringify({ emailId }))
    .executeTakeFirstOrThrow();

function runWorker(handle: Parameters<typeof startWorker>[0]['handle'], mailer: Mailer) {
  const registry = createJobRegistry();
  registerEmailJobs(registry, mailer, quick);
  return startWorker({ handle, registry, pollMs: 10, exitWhenIdle: true });
}

function expectDelivered(smtp: TestSmtpServer, emailId: number) {
  expect(smtp.messages).toHaveLength(1);
  const [message] = smtp.messages;
  expect(message!.to).toEqual(['admin@example.com']);
  expect(message!.from).toBe('no-reply@rb.example.com');
  expect(message!.raw).toMatch(/^Subject: Report ready: balances$/m);
  expect(message!.raw).toMatch(/^To: admin@example\.com$/m);
  expect(message!.raw).toMatch(/^From: rewardbook <no-reply@rb\.example\.com>$/m);
  expect(message!.raw).toMatch(
    new RegExp(`^Message-ID: <email-${emailId}-\\d+@rb\\.example\\.com>$`, 'm'),
  );
  expect(message!.raw).toMatch(/^Content-Type: multipart\/alternative;/m);
  expect(message!.raw).toMatch(/^Content-Type: text\/plain; charset=utf-8$/m);
  expect(message!.raw).toMatch(/^Content-Type: text\/html; charset=utf-8$/m);
  expect(message!.raw).toContain('It has 12 rows & 3 units.');
  expect(message!.raw).toContain('It has 12 rows &amp; 3 units.');
}

describeEachDb('email delivery', (get) => {
  it('sends a queued email over SMTP with both parts and the right headers', async () => {
    const { handle } = get();
    const smtp = await server();
    const tenantId = await createTestTenant(handle.db);
    const emailId = await queueReport(handle.db, tenantId);
    await runWorker(handle, mailerFor(smtp.url)).idle;
    expectDelivered(smtp, emailId);
    expect(await emailRow(handle.db, emailId)).toMatchObject({ status: 'sent', last_error: null });
    expect((await emailRow(handle.db, emailId)).sent_at).toBeGreaterThan(0);
  });

  it('keeps retrying while the mail server is down, and delivers once it is up', async () => {
    const { handle } = get();
    const port = await unusedPort();
    const tenantId = await createTestTenant(handle.db);
    const emailId = await queueReport(handle.db, tenantId);
    const worker = runWorker(handle, mailerFor(`smtp://127.0.0.1:${port}`));
    await waitFor(
      async () => (await jobOf(handle.db, emailId)).attempts >= 2,
      'two failed attempts',
    );
    const waiting = await emailRow(handle.db, emailId);
    expect(waiting).toMatchObject({ status: 'queued' });
    expect(waiting.last_error).toMatch(/ECONNREFUSED|connect/i);

    const smtp = await server({ port });
    await worker.idle;
    expectDelivered(smtp, emailId);
    expect(await emailRow(handle.db, emailId)).toMatchObject({ status: 'sent', last_error: null });
    expect(await jobOf(handle.db, emailId)).toMatchObject({ status: 'succeeded' });
  });

  it('marks the email failed once every attempt has failed', async () => {
    const { handle } = get();
    const port = await unusedPort();
    const tenantId = await createTestTenant(handle.db);
    const emailId = await queueReport(handle.db, tenantId);
    const registry = createJobRegistry();
    registerEmailJobs(registry, mailerFor(`smtp://127.0.0.1:${port}`), { retryDelayMs: () => 1 });
    await startWorker({ handle, registry, pollMs: 5, exitWhenIdle: true }).idle;
    const email = await emailRow(handle.db, emailId);
    expect(email.status).toBe('failed');
    expect(email.last_error).toMatch(/ECONNREFUSED|connect/i);
    expect(await jobOf(handle.db, emailId)).toMatchObject({ status: 'failed', attempts: 20 });
  });

  it('fails at once when the server refuses the recipient', async () => {
    const { handle } = get();
    const smtp = await server({ refuse: ['gone@example.com'] });
    const tenantId = await createTestTenant(handle.db);
    const emailId = await queueReport(handle.db, tenantId, 'gone@example.com');
    await runWorker(handle, mailerFor(smtp.url)).idle;
    const email = await emailRow(handle.db, emailId);
    expect(email.status).toBe('failed');
    expect(email.last_error).toContain('refused the address gone@example.com');
    expect(await jobOf(handle.db, emailId)).toMatchObject({ status: 'failed', attempts: 1 });
  });

  it('keeps the email in the outbox when no SMTP server is configured', async () => {
    const { handle } = get();
    const tenantId = await createTestTenant(handle.db);
    const emailId = await queueReport(handle.db, tenantId);
    await runWorker(handle, mailerFor(null)).idle;
    expect(await emailRow(handle.db, emailId)).toMatchObject({ status: 'kept', sent_at: null });
  });

  it('queues neither the email nor its job when the transaction rolls back', async () => {
    const { handle } = get();
    const tenantId = await createTestTenant(handle.db);
    await expect(
      handle.db.transaction().execute(async (trx) => {
        await queueReport(trx, tenantId, 'rollback@example.com');
        throw new Error('export request failed');
      }),
    ).rejects.toThrow('export request failed');
    const emails = await handle.db
      .selectFrom('emails')
      .select('id')
      .where('to_address', '=', 'rollback@example.com')
      .execute();
    expect(emails).toEqual([]);
    const jobs = await handle.db
      .selectFrom('jobs')
      .select('id')
      .where('kind', '=', 'email.send')
      .where('tenant_id', '=', tenantId)
      .execute();
    expect(jobs).toEqual([]);
  });

  it('refuses an address that is not one email address', async () => {
    const { handle } = get();
    const parts = { subject: 's', text: 't', html: 'h', tenantId: null };
    for (const to of ['', 'admin', 'a@b.com, c@d.com', 'a@b.com\nBcc: x@y.com']) {
      await expect(queueEmail(handle.db, { ...parts, to })).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
      });
    }
  });
});
