import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../../test/helpers/databases.js';
import { buildJobRegistry } from '../../app/jobRegistry.js';
import { startSmtpServer, type TestSmtpServer } from '../../email/testing/smtpServer.js';
import { downloadUrlFor } from '../../exports/downloadUrl.js';
import { buildLedger } from '../../exports/testing.js';
import { enqueueJob } from '../../jobs/enqueueJob.js';
import { startWorker } from '../../jobs/worker.js';
import { buildTenant, testConfig, useServer, type Reply } from '../testing.js';

const DAY_MS = 86_400_000;

/** The body of a raw message, quoted-printable decoded. */
function decoded(raw: string): string {
  return raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

describeEachDb('downloads and report emails', (get) => {
  const { setUp } = useServer(get);
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterAll(() => smtp.close());

  /** Runs every job (exports, email over the test SMTP server) until none is left. */
  async function runAllJobs() {
    const config = testConfig({ smtpUrl: smtp.url });
    const registry = buildJobRegistry(config);
    await startWorker({ handle: get().handle, registry, pollMs: 5, exitWhenIdle: true }).idle;
  }

  async function readyReport() {
    const ctx = await setUp();
    await buildLedger(ctx.db, ctx.tenant.id);
    const to = `ops-${ctx.tenant.id}@example.com`;
    const { body } = await ctx.client.post('/exports', {
      type: 'AVAILABLE_REWARD_BALANCES_BY_USER',
      format: 'XLSX',
      programId: 'spring',
      notifyEmail: to,
    });
    await runAllJobs();
    const view = (await ctx.client.get(`/exports/${body.id}`)).body;
    const fileId = (
      await ctx.db
        .selectFrom('exports')
        .select('file_id')
        .where('id', '=', body.id)
        .executeTakeFirstOrThrow()
    ).file_id!;
    const message = smtp.messages.find((m) => m.to.includes(to));
    return { ...ctx, view, fileId, message };
  }

  const open = async (
    app: Awaited<ReturnType<typeof setUp>>['app'],
    url: string,
  ): Promise<Reply> => {
    const { pathname, search } = new URL(url);
    const response = await app.inject({ method: 'GET', url: pathname + search });
    const json = response.headers['content-type']?.toString().includes('json');
    return {
      status: response.statusCode,
      headers: response.headers,
      body: json ? JSON.parse(response.body) : response.rawPayload,
    };
  };

  it('emails a signed link that downloads the report without signing in', async () => {
    const { app, apiKey, view, message } = await readyReport();
    expect(view).toMatchObject({ status: 'succeeded', rowCount: 2, format: 'XLSX' });
    if (!message) throw new Error('no email arrived');
    expect(message.raw).toMatch(
      /^Subject: Your report is ready: Available reward balances by user$/m,
    );
    const body = decoded(message.raw);
    expect(body).toContain('Format:         Excel (.xlsx)');
    expect(body).toContain('Program:        spring');
    expect(body).toContain('Rows:           2 balances');
    const url = /Download report: (http:\/\/localhost:3000\/download\?\S+)/.exec(body)?.[1];
    if (!url) throw new Error(`no link in:\n${body}`);
    expect(body).toMatch(/The link works until \d{4}-\d\d-\d\d \d\d:\d\d UTC/);

    const viaLink = await open(app, url);
    expect(viaLink.status).toBe(200);
    expect(viaLink.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(viaLink.headers['content-disposition']).toContain(`filename="${view.file.name}"`);
    expect(viaLink.body.length).toBe(view.file.size);
    const path = `/api/v1/exports/${view.id}/download`;
    const viaApi = await app.inject({
      method: 'GET',
      url: path,
      headers: { authorization: `Bearer ${apiKey}` },
    });
    expect(viaApi.statusCode).toBe(200);
    expect(viaApi.rawPayload.equals(viaLink.body)).toBe(true);
    // The API path itself still needs a key; only the signed link does without.
    expect((await app.inject({ method: 'GET', url: path })).statusCode).toBe(401);
  });

  it('refuses a tampered link (403) and an expired one (410) in the error shape', async () => {
    const { app, tenant, fileId } = await readyReport();
    const good = new URL(downloadUrlFor(testConfig(), tenant.id, fileId).url);
    for (const [name, value] of [
      ['resource', `file:${fileId + 1}`],
      ['tenant', String(tenant.id + 1)],
      ['expires', String(Number(good.searchParams.get('expires')) + DAY_MS)],
      ['sig', 'A'.repeat(43)],
    ] as const) {
      const forged = new URL(good);
      forged.searchParams.set(name, value);
      const reply = await open(app, forged.toString());
      expect(reply.status, name).toBe(403);
      expect(reply.body.error).toMatchObject({ code: 'LINK_INVALID', details: {} });
      expect(reply.body.error.message).toContain('not valid');
    }
    const cut = await open(app, `${good.origin}${good.pathname}?resource=file:${fileId}`);
    expect(cut.status).toBe(403);

    const old = downloadUrlFor(testConfig(), tenant.id, fileId, Date.now() - 8 * DAY_MS);
    const expired = await open(app, old.url);
    expect(expired.status).toBe(410);
    expect(expired.body.error.code).toBe('LINK_EXPIRED');
    expect(expired.body.error.message).toMatch(
      /^This download link expired on .* UTC; ask for a new report\.$/,
    );
  });

  it('answers 404 for a link to a file that is gone or belongs to another tenant', async () => {
    const { app, db, tenant, fileId } = await readyReport();
    const other = await buildTenant(db);
    const wrongTenant = await open(app, downloadUrlFor(testConfig(), other.tenant.id, fileId).url);
    expect(wrongTenant.status).toBe(404);
    expect(wrongTenant.body.error.code).toBe('NOT_FOUND');
    await db.deleteFrom('files').where('id', '=', fileId).execute();
    const gone = await open(app, downloadUrlFor(testConfig(), tenant.id, fileId).url);
    expect(gone.status).toBe(404);
    expect(gone.body.error.message).toContain('does not exist');
  });

  it('emails why a report could not be created', async () => {
    const { db, tenant, client } = await setUp();
    const to = `fail-${tenant.id}@example.com`;
    // A stored request the job refuses (as a format dropped in a later version would be).
    const { id } = await db
      .insertInto('exports')
      .values({
        tenant_id: tenant.id,
        type: 'AVAILABLE_REWARD_BALANCES_BY_USER',
        format: 'PDF',
        unit_id: null,
        program_id: null,
        notify_email: to,
        actor: 'test',
        status: 'queued',
        job_id: null,
        file_id: null,
        row_count: null,
        error: null,
        created_at: Date.now(),
        started_at: null,
        finished_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await enqueueJob(db, { kind: 'export.run', payload: { exportId: id }, tenantId: tenant.id });
    await runAllJobs();
    const view = (await client.get(`/exports/${id}`)).body;
    expect(view).toMatchObject({ status: 'failed', file: null });
    expect(view.error).toBe(
      'Unknown format "PDF"; a report can be exported as CSV or XLSX (Excel)',
    );
    const message = smtp.messages.find((m) => m.to.includes(to));
    if (!message) throw new Error('no failure email arrived');
    expect(message.raw).toMatch(/^Subject: Your report could not be created$/m);
    expect(decoded(message.raw)).toContain(`Why: ${view.error}`);
  });
});
