import { expect, it } from 'vitest';
import { describeEachDb } from '../../test/helpers/databases.js';
import { buildTenant, giveRewards } from '../../test/helpers/ledger.js';
import { createJobRegistry, enqueueJob, startWorker } from '../jobs/index.js';
import { registerLedgerJobs } from './ledgerJobs.js';
import { listRewards } from './listRewards.js';

describeEachDb('rewards.expire job', (get) => {
  it('writes EXPIRED on rewards past their expiry when the periodic job runs', async () => {
    const { handle } = get();
    const t = await buildTenant(handle.db);
    const [past, future] = await giveRewards(handle.db, t.id, [
      { amount: '1.00', dateExpires: '2001-01-01' },
      { amount: '1.00', dateExpires: '2099-01-01' },
    ]);
    const registry = createJobRegistry();
    registerLedgerJobs(registry);
    expect(registry.periodic.get('rewards.expire')?.everyMs).toBe(3_600_000);
    await enqueueJob(handle.db, { kind: 'rewards.expire', payload: {} });
    await startWorker({ handle, registry, exitWhenIdle: true, pollMs: 20 }).idle;
    const stored = await handle.db
      .selectFrom('rewards')
      .select(['reward_key', 'status'])
      .where('tenant_id', '=', t.id)
      .orderBy('reward_key')
      .execute();
    expect(new Map(stored.map((r) => [r.reward_key, r.status]))).toEqual(
      new Map([
        [past!, 'EXPIRED'],
        [future!, 'AVAILABLE'],
      ]),
    );
    expect((await listRewards(handle.db, t.id, {})).items).toHaveLength(2);
  });
});
