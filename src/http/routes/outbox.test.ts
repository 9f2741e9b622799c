import { expect, it } from 'vitest';
import { describeEachDb } from '../../../test/helpers/databases.js';
import { buildJobRegistry } from '../../app/jobRegistry.js';
import { buildLedger } from '../../exports/testing.js';
import { startWorker } from '../../jobs/worker.js';
import { apiClient, buildTenant, testConfig, useServer } from '../testing.js';

describeEachDb('HTTP outbox', (get) => {
  const { setUp } = useServer(get);

  it('keeps report emails in the outbox when no SMTP server is set, and shows them', async () => {
    const { db, app, tenant, client } = await setUp();
    await buildLedger(db, tenant.id);
    const request = { type: 'AVAILABLE_REWARD_BALANCES_BY_USER', format: 'CSV' };
    await client.post('/exports', { ...request, notifyEmail: 'a@example.com' });
    await client.post('/exports', { ...request, notifyEmail: 'b@example.com', unit: 'POINT' });
    const registry = buildJobRegistry(testConfig({ smtpUrl: null }));
    await startWorker({ handle: get().handle, registry, pollMs: 5, exitWhenIdle: true }).idle;

    const page = await client.get('/outbox?limit=1');
    expect(page.status).toBe(200);
    expect(page.body.items).toEqual([
      {
        id: expect.any(Number),
        to: 'b@example.com',
        subject: 'Your report is ready: Available reward balances by user',
        status: 'kept',
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        sentAt: null,
        lastError: null,
      },
    ]);
    const rest = await client.get(`/outbox?cursor=${page.body.nextCursor}`);
    expect(rest.body).toMatchObject({ items: [{ to: 'a@example.com' }], nextCursor: null });

    const message = await client.get(`/outbox/${page.body.items[0].id}`);
    expect(message.body.text).toContain('Unit:           POINT');
    expect(message.body.text).toMatch(
      /Download report: http:\/\/localhost:3000\/download\?resource=file%3A\d+&tenant=\d+&expires=\d+&sig=\S+/,
    );
    expect(message.body.html).toContain('>Download report</a>');

    const other = apiClient(app, (await buildTenant(db)).apiKey);
    expect((await other.get('/outbox')).body.items).toEqual([]);
    const hidden = await other.get(`/outbox/${page.body.items[0].id}`);
    expect(hidden.status).toBe(404);
    expect(hidden.body.error.code).toBe('NOT_FOUND');
  });

  it('refuses a page size out of range', async () => {
    const { client } = await setUp();
    const reply = await client.get('/outbox?limit=0');
    expect(reply.status).toBe(422);
    expect(reply.body.error.message).toContain('query.limit');
  });
});
