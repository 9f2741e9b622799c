/**
 * Scale-out on PostgreSQL: two API processes and two worker processes share one database.
 * Imports of several tenants run in parallel across the workers, one tenant's imports never
 * overlap, and API redemptions racing the imports never overdraw a reward.
 */
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/auth/apiKeys.js';
import { spawnCli } from '../../src/cli/testing/runCli.js';
import { createRewards } from '../../src/ledger/createRewards.js';
import { createTenant } from '../../src/tenants/createTenant.js';
import { createTestDatabase, testDialects, type TestDatabase } from '../helpers/databases.js';
import { ledgerViolations } from '../helpers/ledger.js';

const TENANTS = 3;
const PARTICIPANTS = 1500;

function listening(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const match = /rewardbook listening on (\S+)/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
}

function importFile(offset: number): string {
  const lines = ['accountId,userId,unit,valueToRedeem'];
  for (let i = 0; i < PARTICIPANTS; i++)
    lines.push(`acc,u${i},CASH/USD,${((i + offset) % 5) + 1}.00`);
  return lines.join('\n') + '\n';
}

describe.runIf(testDialects.includes('postgres'))('scale-out on PostgreSQL', () => {
  let database: TestDatabase;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
  });
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    await database?.drop();
  });

  it('runs tenants in parallel, one import per tenant at a time, and never overdraws', async () => {
    const { db } = database.handle;
    const tenants = [];
    for (let t = 0; t < TENANTS; t++) {
      const { tenant } = await createTenant(db, { slug: `scale-${t}` });
      const rewards = [];
      for (let i = 0; i < PARTICIPANTS; i++) {
        rewards.push({
          rewardId: `r${i}`,
          accountId: 'acc',
          userId: `u${i}`,
          unit: 'CASH/USD',
          amount: '6.00',
        });
      }
      await createRewards(db, tenant.id, rewards, {
        createMissing: true,
        source: 'CLI',
        actor: 'seed',
      });
      tenants.push({ id: tenant.id, key: (await createApiKey(db, tenant.id, 'scale')).key });
    }
    const env = { DATABASE_URL: database.url, PORT: '0' };
    const apis = [spawnCli(['serve', '--no-worker'], env), spawnCli(['serve', '--no-worker'], env)];
    children.push(...apis);
    const urls = await Promise.all(apis.map(listening));

    const uploads = [];
    for (const [t, tenant] of tenants.entries()) {
      for (let n = 0; n < 2; n++) {
        const form = new FormData();
        form.set('type', 'UPDATE_USER_REWARD_BALANCES');
        form.set('dryRun', 'false');
        form.set('confirmRepeat', 'true');
        form.set('file', new Blob([importFile(n)], { type: 'text/csv' }), `t${t}-${n}.csv`);
        uploads.push(
          fetch(`${urls[(t + n) % 2]}/api/v1/imports`, {
            method: 'POST',
            headers: { authorization: `Bearer ${tenant.key}` },
            body: form,
          }).then(async (r) => expect(r.status, await r.text()).toBe(202)),
        );
      }
    }
    await Promise.all(uploads);
    const workers = [
      spawnCli(['worker', '--exit-when-idle'], env),
      spawnCli(['worker', '--exit-when-idle'], env),
    ];
    children.push(...workers);

    // API redemptions race the imports on the same balances, through both API processes.
    const outcomes: number[] = [];
    const racing = tenants.flatMap((tenant, t) =>
      Array.from({ length: 60 }, async (_, i) => {
        const response = await fetch(`${urls[i % 2]}/api/v1/redemptions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${tenant.key}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            accountId: 'acc',
            userId: `u${(i * 7 + t) % PARTICIPANTS}`,
            unit: 'CASH/USD',
            amount: '2.00',
          }),
        });
        outcomes.push(response.status);
      }),
    );
    await Promise.all(racing);
    await Promise.all(workers.map((w) => new Promise((resolve) => w.on('exit', resolve))));

    expect(outcomes.every((s) => s === 201 || s === 409)).toBe(true);
    const imports = await db
      .selectFrom('imports')
      .select(['tenant_id', 'status', 'started_at', 'finished_at', 'total_rows'])
      .orderBy('id')
      .execute();
    expect(imports.map((i) => i.status)).toEqual(Array(TENANTS * 2).fill('succeeded'));
    const spans = imports.map((i) => ({
      tenant: i.tenant_id,
      from: i.started_at!,
      to: i.finished_at!,
    }));
    const overlap = (a: (typeof spans)[0], b: (typeof spans)[0]) => a.from < b.to && b.from < a.to;
    for (const a of spans) {
      for (const b of spans) {
        if (a !== b && a.tenant === b.tenant) expect(overlap(a, b)).toBe(false);
      }
    }
    expect(spans.some((a) => spans.some((b) => a.tenant !== b.tenant && overlap(a, b)))).toBe(true);
    expect(await ledgerViolations(db)).toEqual([]);
  }, 300_000);
});
