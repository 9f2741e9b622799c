import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../../test/helpers/databases.js';
import { runJobs } from '../../imports/testing.js';
import { buildServer } from '../server.js';
import { buildTenant, giveRewards, testConfig, useServer } from '../testing.js';
import { multipartBody, reportCsv, storedCounts, uploadFile } from './importsTesting.js';

const LIMIT = 2048;
const small = testConfig({ uploadLimitBytes: LIMIT });

describeEachDb('HTTP import uploads', (get) => {
  const { setUp, server } = useServer(get);
  let limited: FastifyInstance | undefined;
  beforeAll(async () => {
    limited = await buildServer({ handle: get().handle, config: small, logger: false });
  });
  afterAll(async () => {
    await limited?.close();
  });
  const file = reportCsv([{ userId: 'u1', value: '1.00' }]);

  it('refuses a file over the upload limit with 413 naming it, keeping nothing', async () => {
    const { db, tenant, apiKey } = await setUp();
    const app = limited as FastifyInstance;
    const rows = Array.from({ length: 100 }, (_, i) => ({ userId: `u${i}`, value: '1.00' }));
    const over = reportCsv(rows); // a few KB: read as it streams, then refused
    expect(over.length).toBeGreaterThan(LIMIT);
    const streamed = await uploadFile(app, apiKey, { content: over });
    expect([streamed.status, streamed.body.error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    expect(streamed.body.error.message).toContain('larger than the 2 KB upload limit');
    expect(streamed.body.error.message).toContain('UPLOAD_LIMIT_MB');
    expect(streamed.body.error.details).toEqual({ limitBytes: LIMIT });
    const huge = await uploadFile(app, apiKey, { content: Buffer.alloc(200_000, 0x41) });
    expect([huge.status, huge.body.error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    expect(await storedCounts(db, tenant.id)).toEqual({ files: 0, imports: 0 });
    const fits = await uploadFile(app, apiKey, { content: file });
    expect(fits.status).toBe(202);
  });

  it('refuses a wrong or missing type, bad flags and misplaced fields with 422', async () => {
    const { db, tenant, apiKey } = await setUp();
    const app = server();
    const wrong = await uploadFile(app, apiKey, { content: file }, { type: 'CREATE_REWARDS' });
    expect([wrong.status, wrong.body.error.code]).toEqual([422, 'VALIDATION_FAILED']);
    expect(wrong.body.error.message).toBe(
      'type "CREATE_REWARDS" is not an import type rewardbook accepts; the accepted type is UPDATE_USER_REWARD_BALANCES',
    );
    const body = multipartBody({}, { content: file });
    const missing = await app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': body.contentType },
      payload: body.payload,
    });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().error.message).toContain('type is required');
    const flag = await uploadFile(app, apiKey, { content: file }, { dryRun: 'yes' });
    expect(flag.body.error.message).toBe('dryRun must be true or false; got "yes"');
    const late = await uploadFile(
      app,
      apiKey,
      { content: file },
      {},
      { after: { dryRun: 'true' } },
    );
    expect([late.status, late.body.error.code]).toEqual([422, 'VALIDATION_FAILED']);
    expect(late.body.error.message).toContain('dryRun comes after the file');
    const unknown = await uploadFile(app, apiKey, { content: file }, { dry_run: 'true' });
    expect(unknown.body.error.message).toContain('dry_run is not a field this endpoint accepts');
    const email = await uploadFile(app, apiKey, { content: file }, { notifyEmail: 'nope' });
    expect(email.body.error.message).toContain('not an email address');
    const noFile = multipartBody({ type: 'UPDATE_USER_REWARD_BALANCES' }, null);
    const empty = await app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': noFile.contentType },
      payload: noFile.payload,
    });
    expect(empty.json().error.message).toContain('The form has no file');
    for (const [contentType, payload] of [
      ['application/json', '{"type":"UPDATE_USER_REWARD_BALANCES"}'],
      ['text/csv', file],
    ] as const) {
      const reply = await app.inject({
        method: 'POST',
        url: '/api/v1/imports',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': contentType },
        payload,
      });
      expect([reply.statusCode, reply.json().error.code], contentType).toEqual([
        400,
        'MALFORMED_REQUEST',
      ]);
      expect(reply.json().error.message).toContain('multipart/form-data');
    }
    expect(await storedCounts(db, tenant.id)).toEqual({ files: 0, imports: 0 });
  });

  it('takes the fields as query parameters too', async () => {
    const { apiKey, client } = await setUp();
    const body = multipartBody({}, { content: file });
    const reply = await server().inject({
      method: 'POST',
      url: '/api/v1/imports?type=UPDATE_USER_REWARD_BALANCES&dryRun=true&notifyEmail=ops%40example.com',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': body.contentType },
      payload: body.payload,
    });
    expect(reply.statusCode).toBe(202);
    expect(reply.json()).toMatchObject({ dryRun: true, status: 'queued' });
    const listed = await client.get('/imports');
    expect(listed.body.items).toHaveLength(1);
  });

  it('imports an .xlsx workbook', async () => {
    const { db, tenant, apiKey, client } = await setUp();
    await giveRewards(db, tenant.id, [{ userId: '000123', amount: '20.00' }]);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Balances');
    sheet.addRow(['userId', 'accountId', 'unit', 'availableValue', 'valueToRedeem']);
    sheet.addRow(['000123', 'acct-1', 'CASH/USD', 20, 12.5]);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const reply = await uploadFile(server(), apiKey, {
      content: xlsx,
      filename: 'balances.xlsx',
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
    expect(reply.status).toBe(202);
    await runJobs(get().handle, testConfig());
    const done = await client.get(`/imports/${reply.body.id}`);
    expect(done.body).toMatchObject({ status: 'succeeded', summary: { redeemed: 1, errors: 0 } });
    const balance = await client.get('/balances?accountId=acct-1&userId=000123');
    expect(balance.body.items[0].available).toBe('7.50');
  });

  it("answers 404 for another tenant's import on every endpoint, changing nothing", async () => {
    const a = await setUp();
    await giveRewards(a.db, a.tenant.id, [{ userId: 'u1', amount: '5.00' }]);
    const { body } = await uploadFile(server(), a.apiKey, {
      content: reportCsv([
        { userId: 'u1', value: '1.00' },
        { userId: 'zz', value: '1' },
      ]),
    });
    await runJobs(get().handle, testConfig());
    const b = await setUp();
    const attempts = [
      await b.client.get(`/imports/${body.id}`),
      await b.client.get(`/imports/${body.id}/rows`),
      await b.client.get(`/imports/${body.id}/files/original`),
      await b.client.get(`/imports/${body.id}/files/errors`),
      await b.client.get(`/imports/${body.id}/files/results`),
      await b.client.post(`/imports/${body.id}/reverse`),
    ];
    for (const reply of attempts) {
      expect([reply.status, reply.body.error.code]).toEqual([404, 'NOT_FOUND']);
    }
    expect((await b.client.get('/imports')).body.items).toEqual([]);
    expect((await a.client.get(`/imports/${body.id}`)).body.reversedAt).toBeNull();
    const other = await buildTenant(a.db);
    expect(await storedCounts(a.db, other.tenant.id)).toEqual({ files: 0, imports: 0 });
  });

  it('documents the multipart upload and every import route in OpenAPI', async () => {
    const doc = (await server().inject({ url: '/api/docs/json' })).json();
    const upload = doc.paths['/api/v1/imports'].post;
    const form = upload.requestBody.content['multipart/form-data'].schema;
    expect(form.required).toEqual(['type', 'file']);
    expect(form.properties.file).toMatchObject({ type: 'string', format: 'binary' });
    expect(upload.responses['202']).toBeDefined();
    for (const path of ['/{id}', '/{id}/rows', '/{id}/files/{kind}']) {
      expect(doc.paths[`/api/v1/imports${path}`].get.summary).toBeTruthy();
    }
    expect(doc.paths['/api/v1/imports/{id}/reverse'].post.summary).toBeTruthy();
  });
});
