import { expect, it } from 'vitest';
import { describeEachDb } from '../../test/helpers/databases.js';
import { buildTenant } from '../../test/helpers/ledger.js';
import { cachedApiKeyLookup } from './apiKeyCache.js';
import { createApiKey, hashKey, revokeApiKey } from './apiKeys.js';

describeEachDb('cachedApiKeyLookup', (get) => {
  const db = () => get().handle.db;
  /** A lookup over a clock the test moves, and a count of the queries it sent. */
  const build = () => {
    const clock = { ms: 1_000_000 };
    let queries = 0;
    const counting = db().withPlugin({
      transformQuery: (args) => {
        queries++;
        return args.node;
      },
      transformResult: async (args) => args.result,
    });
    const lookUp = cachedApiKeyLookup(counting, { ttlMs: 1_000, now: () => clock.ms });
    return { lookUp, clock, queries: () => queries };
  };
  /** Revokes as another process would: in the database only, unknown to this process. */
  const revokeElsewhere = (id: number) =>
    db().updateTable('api_keys').set({ revoked_at: Date.now() }).where('id', '=', id).execute();

  it('looks a key up once per ttl, and a revocation elsewhere is seen within the ttl', async () => {
    const tenant = await buildTenant(db());
    const { key, info } = await createApiKey(db(), tenant.id, 'k');
    const { lookUp, clock, queries } = build();
    const expected = { tenantId: tenant.id, keyId: info.id, name: 'k' };
    expect(await Promise.all([lookUp(key), lookUp(key)])).toEqual([expected, expected]);
    expect(queries()).toBe(1);
    await revokeElsewhere(info.id);
    clock.ms += 999;
    expect(await lookUp(key)).toEqual(expected);
    expect(queries()).toBe(1);
    clock.ms += 1;
    expect(await lookUp(key)).toBeNull();
    expect(queries()).toBe(2);
  });

  it('refuses a key revoked in this process at once, and forgets lookups begun before', async () => {
    const tenant = await buildTenant(db());
    const first = await createApiKey(db(), tenant.id, 'first');
    const second = await createApiKey(db(), tenant.id, 'second');
    const { lookUp } = build();
    expect(await lookUp(first.key)).not.toBeNull();
    await revokeApiKey(db(), tenant.id, first.info.id);
    expect(await lookUp(first.key)).toBeNull();
    const begun = lookUp(second.key);
    await revokeApiKey(db(), tenant.id, second.info.id);
    await begun;
    expect(await lookUp(second.key)).toBeNull();
  });

  it('never remembers an unknown or revoked key', async () => {
    const tenant = await buildTenant(db());
    const { lookUp, queries } = build();
    const key = 'rbk_created-by-another-process';
    expect(await lookUp(key)).toBeNull();
    const [row] = await db()
      .insertInto('api_keys')
      .values({
        tenant_id: tenant.id,
        name: 'later',
        prefix: key.slice(0, 10),
        key_hash: hashKey(key),
        created_at: Date.now(),
      })
      .returning('id')
      .execute();
    expect(await lookUp(key)).toMatchObject({ keyId: row!.id, name: 'later' });
    await revokeElsewhere(row!.id);
    const before = queries();
    expect(await lookUp('rbk_unknown')).toBeNull();
    expect(await lookUp('rbk_unknown')).toBeNull();
    expect(await lookUp('not-ours')).toBeNull();
    expect(queries() - before).toBe(2);
  });

  it('refuses to revoke inside a transaction, where forgetting would precede the commit', async () => {
    const tenant = await buildTenant(db());
    const { info } = await createApiKey(db(), tenant.id, 'k');
    await expect(
      db()
        .transaction()
        .execute((trx) => revokeApiKey(trx, tenant.id, info.id)),
    ).rejects.toThrow(/outside a transaction/);
  });
});
