import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDb } from '../../../test/helpers/databases.js';
import { loadConfig } from '../../config/config.js';
import type { Db } from '../../db/database.js';
import { claimJob } from '../../jobs/claimJob.js';
import { failJob } from '../../jobs/finishJob.js';
import type { JobKind } from '../../jobs/types.js';
import { enqueueTestJob } from '../../jobs/testing/helpers.js';
import { parseMetrics } from '../../ops/testing.js';
import { buildServer } from '../server.js';
import { buildTenant, testConfig, useServer } from '../testing.js';

const scrape = async (app: FastifyInstance) => {
  const reply = await app.inject({ url: '/metrics' });
  expect(reply.statusCode).toBe(200);
  expect(reply.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
  return parseMetrics(reply.body);
};

/** Adds an import of `rows` applied rows (files and imports rows written directly). */
async function addImport(db: Db, tenantId: number, rows: number, dryRun: boolean) {
  const now = Date.now();
  const file = await db
    .insertInto('files')
    .values({
      tenant_id: tenantId,
      purpose: 'upload',
      name: 'rows.csv',
      content_type: 'text/csv',
      size: 0,
      sha256: null,
      complete: 1,
      created_at: now,
      expires_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('imports')
    .values({
      tenant_id: tenantId,
      type: 'update-balances',
      dry_run: dryRun ? 1 : 0,
      status: 'succeeded',
      actor: 'test',
      file_id: file.id,
      file_name: 'rows.csv',
      sha256: randomBytes(8).toString('hex'),
      confirm_repeat: 0,
      rows_done: rows,
      created_at: now,
    })
    .execute();
}

describeEachDb('GET /metrics', (get) => {
  const { server, setUp } = useServer(get);

  it('counts jobs queued, running and failed per kind, from the database at scrape time', async () => {
    const { db } = await setUp();
    const kind = `metrics.test.${randomBytes(3).toString('hex')}`;
    const other = `${kind}.other`;
    const before = await scrape(server());
    expect(before.types.get('rewardbook_jobs')).toBe('gauge');
    expect(before.value('rewardbook_jobs', { status: 'queued', kind })).toBeUndefined();
    for (let n = 0; n < 4; n++) await enqueueTestJob(db, kind, { n });
    await enqueueTestJob(db, other, {});
    const running = await claimJob(db, 'metrics-test', [kind as JobKind], 60_000);
    const failing = await claimJob(db, 'metrics-test', [kind as JobKind], 60_000);
    await failJob(db, failing!.id, 'metrics-test', new Error('boom'));
    expect(running).toBeDefined();
    const after = await scrape(server());
    expect(after.value('rewardbook_jobs', { status: 'queued', kind })).toBe(2);
    expect(after.value('rewardbook_jobs', { status: 'running', kind })).toBe(1);
    expect(after.value('rewardbook_jobs', { status: 'failed', kind })).toBe(1);
    expect(after.value('rewardbook_jobs', { status: 'queued', kind: other })).toBe(1);
    expect(after.value('rewardbook_jobs', { status: 'running', kind: other })).toBe(0);
  });

  it('counts rows applied by imports, leaving dry runs out', async () => {
    const { db, tenant } = await setUp();
    const total = async () =>
      (await scrape(server())).value('rewardbook_import_rows_applied_total');
    const before = await total();
    expect(before).toBeGreaterThanOrEqual(0);
    await addImport(db, tenant.id, 7, false);
    await addImport(db, tenant.id, 5, true);
    expect(await total()).toBe(before! + 7);
  });

  it('times requests by method, route pattern and status class, never by raw URL', async () => {
    const { client } = await setUp();
    const labels = { method: 'GET', route: '/api/v1/redemptions/:id', status: '4xx' };
    const count = async () =>
      (await scrape(server())).value('rewardbook_http_request_duration_seconds_count', labels) ?? 0;
    const before = await count();
    expect((await client.get('/redemptions/987654')).status).toBe(404);
    expect((await client.get('/redemptions/987655')).status).toBe(404);
    await client.get('/units');
    await client.get('/no/such/route');
    const after = await scrape(server());
    expect(await count()).toBe(before + 2);
    const units = { method: 'GET', route: '/api/v1/units', status: '2xx' };
    expect(after.value('rewardbook_http_requests_total', units)).toBeGreaterThanOrEqual(1);
    const inf = after.value('rewardbook_http_request_duration_seconds_bucket', {
      ...units,
      le: '+Inf',
    });
    expect(inf).toBe(after.value('rewardbook_http_request_duration_seconds_count', units));
    expect(
      after.value('rewardbook_http_requests_total', {
        method: 'GET',
        route: 'unmatched',
        status: '4xx',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect([...after.values.keys()].join('\n')).not.toContain('987654');
  });

  it('shows no tenant data and needs no API key', async () => {
    const { db } = await setUp();
    const { tenant } = await buildTenant(db);
    const reply = await server().inject({ url: '/metrics' });
    expect(reply.statusCode).toBe(200);
    expect(reply.body).not.toContain(tenant.slug);
    expect(reply.body).not.toContain('acct-');
  });
});

describeEachDb('GET /metrics with METRICS_TOKEN', (get) => {
  let app: FastifyInstance | undefined;
  const token = 'metrics-token-0123456789';
  beforeAll(async () => {
    const config = testConfig({ metricsToken: token });
    app = await buildServer({ handle: get().handle, config, logger: false });
  });
  afterAll(() => app?.close());

  it('answers 401 without the token or with another, and the metrics with it', async () => {
    const none = await app!.inject({ url: '/metrics' });
    expect(none.statusCode).toBe(401);
    expect(none.json().error.message).toContain('METRICS_TOKEN');
    const { apiKey } = await buildTenant(get().handle.db);
    const withKey = (key: string) =>
      app!.inject({ url: '/metrics', headers: { authorization: `Bearer ${key}` } });
    expect((await withKey(apiKey)).statusCode).toBe(401);
    expect((await withKey(`${token}x`)).statusCode).toBe(401);
    const right = await withKey(token);
    expect(right.statusCode).toBe(200);
    expect(parseMetrics(right.body).types.get('rewardbook_http_requests_total')).toBe('counter');
  });
});

describe('METRICS_TOKEN', () => {
  const env = { SECRET_KEY: 'k'.repeat(40), DATABASE_URL: 'sqlite::memory:', DATA_DIR: '/tmp' };

  it('is off when unset or blank, and must be at least 16 characters when set', () => {
    expect(loadConfig(env).metricsToken).toBeNull();
    expect(loadConfig({ ...env, METRICS_TOKEN: '  ' }).metricsToken).toBeNull();
    expect(loadConfig({ ...env, METRICS_TOKEN: ' 0123456789abcdef ' }).metricsToken).toBe(
      '0123456789abcdef',
    );
    expect(() => loadConfig({ ...env, METRICS_TOKEN: 'short' })).toThrow(
      /METRICS_TOKEN must be at least 16 characters/,
    );
  });
});
