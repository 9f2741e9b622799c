import { expect, it } from 'vitest';
import { describeEachDb } from '../../test/helpers/databases.js';
import { buildTenant, ledgerViolations } from '../../test/helpers/ledger.js';
import { createRewards } from './createRewards.js';
import { listRewards } from './listRewards.js';

const options = { createMissing: true, source: 'CLI' as const, actor: 'test' };

describeEachDb('createRewards', (get) => {
  it('creates rewards, participants, units and programs; a repeated rewardId changes nothing', async () => {
    const { db } = get().handle;
    const tenant = await buildTenant(db);
    const input = [
      {
        rewardId: 'r-1',
        accountId: 'a1',
        userId: '000123',
        email: 'ann@example.com',
        firstName: 'Ann',
        programId: 'spring',
        unit: 'CASH/USD',
        amount: '10.50',
        dateGiven: '2026-01-02',
        dateExpires: '2027-01-01T00:00:00Z',
      },
      {
        rewardId: 'r-2',
        accountId: 'a1',
        userId: '000123',
        unit: 'POINT',
        amount: '70',
        redeemedAmount: '20',
      },
    ];
    expect((await createRewards(db, tenant.id, input, options)).map((r) => r.status)).toEqual([
      'created',
      'created',
    ]);
    const again = await createRewards(db, tenant.id, [{ ...input[0]!, amount: '99.00' }], options);
    expect(again.map((r) => r.status)).toEqual(['existing']);

    const { items } = await listRewards(db, tenant.id, {});
    expect(items).toMatchObject([
      {
        rewardId: 'r-1',
        userId: '000123',
        programId: 'spring',
        unit: 'CASH/USD',
        amount: '10.50',
        redeemedAmount: '0.00',
        status: 'AVAILABLE',
        dateGiven: '2026-01-02T00:00:00.000Z',
        dateExpires: '2027-01-01T00:00:00.000Z',
      },
      { rewardId: 'r-2', unit: 'POINT', amount: '70', redeemedAmount: '20', availableAmount: '50' },
    ]);
    expect(await ledgerViolations(db)).toEqual([]);
  });

  it('refuses bad rows one by one with a clear message and creates the rest', async () => {
    const { db } = get().handle;
    const tenant = await buildTenant(db);
    const base = { accountId: 'a', userId: 'u', unit: 'CASH/USD' };
    const results = await createRewards(
      db,
      tenant.id,
      [
        { ...base, rewardId: 'ok', amount: '1.00' },
        { ...base, rewardId: 'bad-amount', amount: '1,00' },
        { ...base, rewardId: 'too-precise', amount: '1.001' },
        { ...base, rewardId: 'bad-status', amount: '1', status: 'LOST' },
        { ...base, rewardId: 'bad-date', amount: '1', dateExpires: '31/12/2026' },
        { ...base, rewardId: 'over', amount: '1', redeemedAmount: '2' },
        { ...base, rewardId: 'no-user', userId: '', amount: '1' },
        { ...base, rewardId: 'bad-unit', unit: 'cash usd', amount: '1' },
      ],
      options,
    );
    expect(results.map((r) => [r.rewardId, r.status])).toEqual([
      ['ok', 'created'],
      ['bad-amount', 'error'],
      ['too-precise', 'error'],
      ['bad-status', 'error'],
      ['bad-date', 'error'],
      ['over', 'error'],
      ['no-user', 'error'],
      ['bad-unit', 'error'],
    ]);
    const messages = results.flatMap((r) => (r.status === 'error' ? [r.message] : []));
    expect(messages).toEqual([
      expect.stringContaining('decimal comma'),
      expect.stringContaining('more than 2 decimals'),
      expect.stringContaining('use one of PENDING, AVAILABLE'),
      expect.stringContaining('2026-12-31'),
      expect.stringContaining('at most the amount'),
      expect.stringContaining('userId must not be empty'),
      expect.stringContaining('not a valid unit code'),
    ]);
    expect((await listRewards(db, tenant.id, {})).items.map((r) => r.rewardId)).toEqual(['ok']);
  });

  it('refuses unknown units and programs when asked not to create them', async () => {
    const { db } = get().handle;
    const tenant = await buildTenant(db);
    const results = await createRewards(
      db,
      tenant.id,
      [{ rewardId: 'x', accountId: 'a', userId: 'u', unit: 'POINT', amount: '1' }],
      { ...options, createMissing: false },
    );
    expect(results[0]).toMatchObject({ status: 'error', code: 'UNKNOWN_UNIT' });
  });

  it('records what was redeemed before loading as a redemption, keeping the ledger balanced', async () => {
    const { db } = get().handle;
    const tenant = await buildTenant(db);
    await createRewards(
      db,
      tenant.id,
      [
        {
          rewardId: 'done',
          accountId: 'a',
          userId: 'u',
          unit: 'CENTS',
          amount: '500',
          status: 'REDEEMED',
        },
        {
          rewardId: 'part',
          accountId: 'a',
          userId: 'u',
          unit: 'CENTS',
          amount: '500',
          redeemedAmount: '1',
        },
      ],
      options,
    );
    const { items } = await listRewards(db, tenant.id, {});
    expect(items.map((r) => [r.status, r.redeemedAmount])).toEqual([
      ['REDEEMED', '500'],
      ['AVAILABLE', '1'],
    ]);
    expect(await ledgerViolations(db)).toEqual([]);
  });

  it('keeps tenants apart: the same rewardId in two tenants is two rewards', async () => {
    const { db } = get().handle;
    const [t1, t2] = [await buildTenant(db), await buildTenant(db)];
    const reward = { rewardId: 'same', accountId: 'a', userId: 'u', unit: 'POINT', amount: '5' };
    await createRewards(db, t1.id, [reward], options);
    expect((await createRewards(db, t2.id, [reward], options))[0]?.status).toBe('created');
    expect((await listRewards(db, t2.id, {})).items).toHaveLength(1);
  });

  it('creates 5,000 rewards for 5,000 participants in one call', async () => {
    const { db } = get().handle;
    const tenant = await buildTenant(db);
    const inputs = Array.from({ length: 5000 }, (_, i) => ({
      rewardId: `bulk-${i}`,
      accountId: 'acc',
      userId: `user-${i}`,
      email: `user-${i}@example.com`,
      unit: 'POINT',
      amount: '1',
    }));
    const results = await createRewards(db, tenant.id, inputs, options);
    expect(results.filter((r) => r.status === 'created')).toHaveLength(5000);
    const count = await db
      .selectFrom('participants')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tenant_id', '=', tenant.id)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(5000);
  });
});
