import { expect, it } from 'vitest';
import { describeEachDb } from '../../../test/helpers/databases.js';
import type { Db } from '../../db/database.js';
import { buildLedger, runExportJobs } from '../../exports/testing.js';
import { buildTenantWithAdmin, signIn } from '../session/testing.js';
import { apiClient, buildTenant, useServer } from '../testing.js';

const request = { type: 'AVAILABLE_REWARD_BALANCES_BY_USER', format: 'CSV' };

async function counts(db: Db, tenantId: number) {
  const exports = await db
    .selectFrom('exports')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .execute();
  const jobs = await db
    .selectFrom('jobs')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('kind', '=', 'export.run')
    .execute();
  return { exports: exports.length, jobs: jobs.length };
}

describeEachDb('HTTP exports', (get) => {
  const { setUp } = useServer(get);

  it('queues an export with its job, then shows it generated, listed and downloadable', async () => {
    const { db, tenant, client } = await setUp();
    await buildLedger(db, tenant.id);
    const created = await client.post('/exports', {
      ...request,
      unit: 'CASH/USD',
      notifyEmail: 'ops@example.com',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      type: 'AVAILABLE_REWARD_BALANCES_BY_USER',
      format: 'CSV',
      unit: 'CASH/USD',
      programId: null,
      status: 'queued',
      progress: { percent: 0 },
      rowCount: null,
      notifyEmail: 'ops@example.com',
      createdBy: 'api-key:test-key',
      file: null,
    });
    expect(await counts(db, tenant.id)).toEqual({ exports: 1, jobs: 1 });
    const early = await client.get(`/exports/${created.body.id}/download`);
    expect(early.status).toBe(409);
    expect(early.body.error.message).toContain('is still queued');

    await runExportJobs(get().handle);
    const done = await client.get(`/exports/${created.body.id}`);
    expect(done.body).toMatchObject({
      status: 'succeeded',
      rowCount: 2,
      progress: { percent: 100 },
    });
    const listed = await client.get('/exports');
    expect(listed.body).toEqual({ items: [done.body], nextCursor: null });

    const download = await client.get(`/exports/${created.body.id}/download`);
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="${done.body.file.name}"; filename*=UTF-8''${done.body.file.name}`,
    );
    expect(Number(download.headers['content-length'])).toBe(done.body.file.size);
    const lines = (download.body as string).replace(/^\uFEFF/, '').split('\r\n');
    expect(lines.slice(1, -1)).toEqual([
      'Ana,Silva,ana@example.com,000123,acct-1,,CASH/USD,USD,USD,12.75,3.00,2,2099-01-31,',
      "'=SUM(A1),'+1,,u-2,acct-1,,CASH/USD,USD,USD,0.01,4.00,1,,",
    ]);
  });

  it('pages the list newest first', async () => {
    const { client } = await setUp();
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) ids.push((await client.post('/exports', request)).body.id);
    const first = await client.get('/exports?limit=2');
    expect(first.body.items.map((e: { id: number }) => e.id)).toEqual([ids[2], ids[1]]);
    const rest = await client.get(`/exports?limit=2&cursor=${first.body.nextCursor}`);
    expect(rest.body).toMatchObject({ items: [{ id: ids[0] }], nextCursor: null });
  });

  it('refuses bad requests with a clear error and creates nothing', async () => {
    const { db, tenant, client } = await setUp();
    await buildLedger(db, tenant.id);
    const cases: [object, number, string, string][] = [
      [{ ...request, unit: 'CASH/EUR' }, 404, 'UNKNOWN_UNIT', 'CASH/KWD, CASH/USD, POINT'],
      [{ ...request, programId: 'winter' }, 404, 'UNKNOWN_PROGRAM', 'spring, summer'],
      [
        { ...request, format: 'PDF' },
        422,
        'VALIDATION_FAILED',
        'body.format must be one of CSV, XLSX',
      ],
      [{ ...request, type: 'REWARDS' }, 422, 'VALIDATION_FAILED', 'body.type must be one of'],
      [{ format: 'CSV' }, 422, 'VALIDATION_FAILED', 'body.type is required'],
      [{ ...request, notifyEmail: 'not-an-address' }, 422, 'VALIDATION_FAILED', 'not an email'],
      [{ ...request, unitt: 'POINT' }, 422, 'VALIDATION_FAILED', 'body.unitt is not a field'],
    ];
    for (const [body, status, code, message] of cases) {
      const reply = await client.post('/exports', body);
      expect(reply.status, JSON.stringify(body)).toBe(status);
      expect(reply.body.error.code).toBe(code);
      expect(reply.body.error.message).toContain(message);
    }
    expect(await counts(db, tenant.id)).toEqual({ exports: 0, jobs: 0 });
  });

  it("answers 404 for another tenant's export, whatever the action", async () => {
    const { db, app, client } = await setUp();
    const { id } = (await client.post('/exports', request)).body;
    const { apiKey } = await buildTenant(db);
    const other = apiClient(app, apiKey);
    for (const reply of [
      await other.get(`/exports/${id}`),
      await other.get(`/exports/${id}/download`),
      await other.post(`/exports/${id}/cancel`),
    ]) {
      expect(reply.status).toBe(404);
      expect(reply.body.error).toMatchObject({
        code: 'NOT_FOUND',
        message: `Export ${id} does not exist.`,
      });
    }
    expect((await other.get('/exports')).body.items).toEqual([]);
    expect((await client.get(`/exports/${id}`)).body.status).toBe('queued');
  });

  it('cancels a queued export at once, and refuses to cancel it again', async () => {
    const { db, client } = await setUp();
    const { id } = (await client.post('/exports', request)).body;
    const cancelled = await client.post(`/exports/${id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ id, status: 'cancelled', file: null });
    const job = await db
      .selectFrom('exports as e')
      .innerJoin('jobs as j', 'j.id', 'e.job_id')
      .select('j.status')
      .where('e.id', '=', id)
      .executeTakeFirstOrThrow();
    expect(job.status).toBe('cancelled');
    const again = await client.post(`/exports/${id}/cancel`);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe(
      `Export ${id} has already been cancelled; there is nothing to cancel.`,
    );
    await runExportJobs(get().handle);
    expect((await client.get(`/exports/${id}`)).body.status).toBe('cancelled');
  });

  it("emails the tenant's first admin when the request names nobody", async () => {
    const { db, tenant, client } = await setUp();
    await db
      .insertInto('admins')
      .values({
        tenant_id: tenant.id,
        email: 'first@example.com',
        name: 'First',
        password_hash: null,
        created_at: Date.now(),
        removed_at: null,
      })
      .execute();
    const created = await client.post('/exports', request);
    expect(created.body.notifyEmail).toBe('first@example.com');
  });

  it("emails the signed-in admin who asked, and downloads through the admin's session", async () => {
    const { db, app: server } = await setUp();
    const { tenant, email } = await buildTenantWithAdmin(db);
    await buildLedger(db, tenant.id);
    const admin = await signIn(server, email);
    const created = await admin.post('exports', { ...request, unit: 'POINT' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ notifyEmail: email, createdBy: `admin:${email}` });
    await runExportJobs(get().handle);
    const download = await admin.get(`exports/${created.body.id}/download`);
    expect(download.status).toBe(200);
    expect(String(download.body).split('\r\n')[1]).toBe(
      'Ana,Silva,ana@example.com,000123,acct-1,,POINT,Point,,100,0,1,,',
    );
  });
});
