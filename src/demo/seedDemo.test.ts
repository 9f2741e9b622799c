import { expect, it } from 'vitest';
import { describeEachDb } from '../../test/helpers/databases.js';
import { authenticateApiKey } from '../auth/apiKeys.js';
import { verifyPassword } from '../auth/passwords.js';
import type { RewardStatus } from '../db/schema.js';
import { iterateRewards } from '../ledger/listRewards.js';
import { listPrograms } from '../ledger/programs.repository.js';
import { listUnits } from '../ledger/units.repository.js';
import { demoRewards } from './demoData.js';
import { DEMO_ADMIN, seedDemo } from './seedDemo.js';

const NOW = Date.parse('2026-03-01T12:00:00Z');

describeEachDb('seedDemo', (get) => {
  it('creates the demo tenant with its admin, units, programs and an API key', async () => {
    const { db } = get().handle;
    const seed = await seedDemo(db, { now: NOW });
    expect(seed.tenant).toMatchObject({ slug: 'demo', name: 'Demo Rewards' });
    expect(seed.rewards).toBe(demoRewards(NOW).length);
    expect(await authenticateApiKey(db, seed.apiKey)).toMatchObject({ tenantId: seed.tenant.id });
    const admin = await db
      .selectFrom('admins')
      .select('password_hash')
      .where('email', '=', DEMO_ADMIN.email)
      .executeTakeFirstOrThrow();
    expect(await verifyPassword('demo-admin', admin.password_hash ?? '')).toBe(true);
    expect((await listUnits(db, seed.tenant.id)).map((u) => [u.code, u.decimals])).toEqual([
      ['CASH/USD', 2],
      ['CENTS', 0],
      ['POINT', 0],
    ]);
    expect((await listPrograms(db, seed.tenant.id)).map((p) => p.code)).toEqual([
      'loyalty',
      'spring-referral',
    ]);
  });

  it('stores rewards in every status, some partly redeemed, some past expiry yet AVAILABLE', async () => {
    const { db } = get().handle;
    const stored = await db
      .selectFrom('rewards')
      .select(['status', 'amount', 'redeemed', 'date_expires'])
      .execute();
    const count = (status: RewardStatus) => stored.filter((r) => r.status === status).length;
    const expected = (status: string) => demoRewards(NOW).filter((r) => r.status === status).length;
    for (const status of ['PENDING', 'AVAILABLE', 'EXPIRED', 'CANCELLED'] as const) {
      expect(count(status)).toBe(expected(status));
      expect(count(status)).toBeGreaterThan(10);
    }
    expect(count('REDEEMED')).toBe(expected('REDEEMED'));
    const available = stored.filter((r) => r.status === 'AVAILABLE');
    expect(available.filter((r) => r.redeemed > 0 && r.redeemed < r.amount).length).toBeGreaterThan(
      10,
    );
    expect(
      available.filter((r) => r.date_expires !== null && r.date_expires < NOW).length,
    ).toBeGreaterThan(5);
    expect(
      available.filter((r) => r.date_expires !== null && r.date_expires > NOW).length,
    ).toBeGreaterThan(5);
  });

  it('has participants with identifiers and names that spreadsheets mangle', async () => {
    const { db } = get().handle;
    const rows = await db.selectFrom('participants').select(['user_id', 'first_name']).execute();
    expect(rows).toHaveLength(300);
    const userIds = rows.map((r) => r.user_id);
    expect(userIds).toEqual(expect.arrayContaining(['000123', '123456789012345678']));
    const names = rows.map((r) => r.first_name);
    expect(names).toEqual(expect.arrayContaining(['José', 'Zoë', 'Søren', '=Bob', '+Ann']));
  });

  it('is deterministic: the same rewards and amounts every run', async () => {
    const { db } = get().handle;
    const tenantId = (await db.selectFrom('tenants').select('id').executeTakeFirstOrThrow()).id;
    const listed = [];
    for await (const r of iterateRewards(db, tenantId))
      listed.push(`${r.rewardId} ${r.unit} ${r.amount}`);
    expect(listed).toEqual(demoRewards(NOW).map((r) => `${r.rewardId} ${r.unit} ${r.amount}`));
    expect(demoRewards(NOW + 12_345)).toEqual(demoRewards(NOW + 12_345));
  });

  it('refuses to seed a second time, saying why', async () => {
    const { db } = get().handle;
    await expect(seedDemo(db)).rejects.toMatchObject({
      code: 'DUPLICATE',
      message: expect.stringMatching(/already has a "demo" tenant/),
    });
  });
});
