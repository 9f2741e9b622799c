import { expect, it } from 'vitest';
import { describeEachDb } from '../../../test/helpers/databases.js';
import { ledgerCounts, useServer } from '../testing.js';

describeEachDb('HTTP units and programs', (get) => {
  const { setUp } = useServer(get);

  it('creates a unit from its URL-encoded code with default name and decimals', async () => {
    const { client } = await setUp();
    const usd = await client.put('/units/CASH%2FUSD');
    expect(usd.status).toBe(201);
    expect(usd.body).toEqual({ code: 'CASH/USD', name: 'USD', decimals: 2, currency: 'USD' });
    const jpy = await client.put('/units/CREDIT%2FJPY', { name: 'Yen credit' });
    expect(jpy.body).toEqual({
      code: 'CREDIT/JPY',
      name: 'Yen credit',
      decimals: 0,
      currency: 'JPY',
    });
    const gems = await client.put('/units/GEMS', { decimals: 3 });
    expect(gems.body).toMatchObject({ code: 'GEMS', decimals: 3, currency: null });
    const list = await client.get('/units');
    expect(list.body.items.map((u: { code: string }) => u.code)).toEqual([
      'CASH/USD',
      'CREDIT/JPY',
      'GEMS',
    ]);
  });

  it('updates a unit, and refuses to change decimals once rewards use it', async () => {
    const { client } = await setUp();
    await client.put('/units/POINT');
    const renamed = await client.put('/units/POINT', { name: 'Loyalty points', decimals: 1 });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Loyalty points', decimals: 1 });
    await client.post('/rewards', {
      rewardId: 'r',
      accountId: 'a',
      userId: 'u',
      unit: 'POINT',
      amount: '2.5',
    });
    const refused = await client.put('/units/POINT', { decimals: 0 });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('CONFLICT');
    expect((await client.get('/units')).body.items[0].decimals).toBe(1);
  });

  it('refuses an invalid unit code or decimals, creating nothing', async () => {
    const { db, tenant, client } = await setUp();
    const before = await ledgerCounts(db, tenant.id);
    const lower = await client.put('/units/cash%2Fusd');
    expect(lower.status).toBe(422);
    expect(lower.body.error.message).toContain('not a valid unit code');
    const decimals = await client.put('/units/POINT', { decimals: 12 });
    expect(decimals.status).toBe(422);
    expect(decimals.body.error.message).toContain('body.decimals must be <= 8');
    expect(await ledgerCounts(db, tenant.id)).toEqual(before);
  });

  it('creates programs; the same again answers 200, another name 409', async () => {
    const { client } = await setUp();
    const created = await client.post('/programs', { programId: 'spring', name: 'Spring 2026' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ programId: 'spring', name: 'Spring 2026' });
    const again = await client.post('/programs', { programId: 'spring', name: 'Spring 2026' });
    expect(again.status).toBe(200);
    const other = await client.post('/programs', { programId: 'spring', name: 'Autumn' });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('DUPLICATE');
    const bare = await client.post('/programs', { programId: 'autumn' });
    expect(bare.body).toEqual({ programId: 'autumn', name: 'autumn' });
    const list = await client.get('/programs');
    expect(list.body.items.map((p: { programId: string }) => p.programId)).toEqual([
      'autumn',
      'spring',
    ]);
    const invalid = await client.post('/programs', { programId: 'no spaces' });
    expect(invalid.status).toBe(422);
  });
});
