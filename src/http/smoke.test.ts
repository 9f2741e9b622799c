import { it } from 'vitest';
import { describeEachDb } from '../../test/helpers/databases.js';
import { apiClient, buildTenant, buildTestServer, giveRewards } from './testing.js';

describeEachDb('smoke', (get) => {
  it('runs', async () => {
    const { handle } = get();
    const app = await buildTestServer(handle);
    const { tenant, apiKey } = await buildTenant(handle.db);
    await giveRewards(handle.db, tenant.id, [{ amount: '10.00' }]);
    const c = apiClient(app, apiKey);
    const show = (label: string, r: unknown) =>
      console.log(label, JSON.stringify(r, null, 1).slice(0, 1500));
    show('units', await c.get('/units'));
    show('put unit', await c.put('/units/POINT', {}));
    show('put unit nobody', await c.put('/units/CASH%2FEUR'));
    show(
      'redeem',
      await c.post(
        '/redemptions',
        { accountId: 'acct-1', userId: 'user-1', unit: 'CASH/USD', amount: '1.50' },
        { 'idempotency-key': 'k1' },
      ),
    );
    show(
      'redeem again',
      await c.post(
        '/redemptions',
        { accountId: 'acct-1', userId: 'user-1', unit: 'CASH/USD', amount: '1.50' },
        { 'idempotency-key': 'k1' },
      ),
    );
    show(
      'redeem num',
      await c.post('/redemptions', {
        accountId: 'acct-1',
        userId: 'user-1',
        unit: 'CASH/USD',
        amount: 1.5,
      }),
    );
    show(
      'redeem extra',
      await c.post('/redemptions', {
        accountId: 'acct-1',
        userId: 'user-1',
        unit: 'CASH/USD',
        amount: '1',
        programld: 'x',
      }),
    );
    show(
      'redeem missing',
      await c.post('/redemptions', { accountId: 'acct-1', unit: 'CASH/USD', amount: '1' }),
    );
    show(
      'bad json',
      await app
        .inject({
          method: 'POST',
          url: '/api/v1/redemptions',
          headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
          payload: '{bad',
        })
        .then((r) => [r.statusCode, r.body]),
    );
    show(
      'text',
      await app
        .inject({
          method: 'POST',
          url: '/api/v1/redemptions',
          headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'text/plain' },
          payload: 'x',
        })
        .then((r) => [r.statusCode, r.body]),
    );
    show('limit', await c.get('/rewards?limit=abc'));
    show('rewards', await c.get('/rewards?limit=2'));
    show('participant', await c.get('/participants/acct-1/user-1'));
    show('put participant nobody', await c.put('/participants/acct-1/user-9'));
    show('nope', await c.get('/nope'));
    show('noauth', await apiClient(app, null).get('/units'));
    show('health', await app.inject({ url: '/health' }).then((r) => [r.statusCode, r.body]));
    show('root', await app.inject({ url: '/' }).then((r) => [r.statusCode, r.headers.location]));
    show(
      'docs',
      await app
        .inject({ url: '/api/docs' })
        .then((r) => [r.statusCode, r.headers.location, r.body.slice(0, 100)]),
    );
    const doc = await app.inject({ url: '/api/docs/json' });
    console.log(doc.statusCode, doc.body.slice(0, 6000));
    await app.close();
  });
});
