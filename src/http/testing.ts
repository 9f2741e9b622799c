/** Factories for HTTP tests: a server over a test database, tenants with keys, a small client. */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import type { TestDatabase } from '../../test/helpers/databases.js';
import { giveRewards as giveLedgerRewards, ledgerViolations } from '../../test/helpers/ledger.js';
import { createApiKey } from '../auth/apiKeys.js';
import type { Config } from '../config/config.js';
import type { DatabaseHandle, Db } from '../db/database.js';
import type { RewardInput } from '../ledger/rewardInput.js';
import { createTenant } from '../tenants/createTenant.js';
import { buildServer } from './server.js';

export function testConfig(overrides: Partial<Config> = {}): Config {
  return Object.freeze({
    databaseUrl: 'sqlite::memory:',
    port: 0,
    host: '127.0.0.1',
    publicUrl: 'http://localhost:3000',
    secretKey: 'test-secret-key-of-at-least-32-characters',
    dataDir: '/tmp',
    smtpUrl: null,
    mailFrom: 'rewardbook <test@rewardbook.local>',
    fileRetentionDays: 30,
    linkExpiryDays: 7,
    uploadLimitBytes: 10 * 1024 * 1024,
    logLevel: 'silent',
    ...overrides,
  });
}

export function buildTestServer(handle: DatabaseHandle): Promise<FastifyInstance> {
  return buildServer({ handle, config: testConfig(), logger: false });
}

/** A fresh tenant and an API key for it. */
export async function buildTenant(db: Db) {
  const { tenant } = await createTenant(db, { slug: `t-${randomBytes(5).toString('hex')}` });
  const { key, info } = await createApiKey(db, tenant.id, 'test-key');
  return { tenant, apiKey: key, keyId: info.id };
}

/** Gives rewards through the ledger, to participants of account `acct-1` unless told otherwise. */
export function giveRewards(
  db: Db,
  tenantId: number,
  rewards: (Partial<RewardInput> & { amount: string })[],
): Promise<string[]> {
  return giveLedgerRewards(db, tenantId, rewards, { accountId: 'acct-1' });
}

export interface Reply {
  status: number;
  headers: Record<string, unknown>;
  // Tests read whatever the endpoint answers.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** A client for one API key: `client.post('/rewards', body)`, paths relative to /api/v1. */
export function apiClient(app: FastifyInstance, apiKey: string | null) {
  const send = async (
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply> => {
    const response = await app.inject({
      method,
      url: path.startsWith('/api/') ? path : `/api/v1${path}`,
      headers: { ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}), ...headers },
      ...(body === undefined ? {} : { payload: body as object }),
    });
    const text = response.body;
    return {
      status: response.statusCode,
      headers: response.headers,
      body:
        text && response.headers['content-type']?.toString().includes('json')
          ? JSON.parse(text)
          : text,
    };
  };
  return {
    get: (path: string, headers?: Record<string, string>) => send('GET', path, undefined, headers),
    post: (path: string, body?: unknown, headers?: Record<string, string>) =>
      send('POST', path, body, headers),
    put: (path: string, body?: unknown, headers?: Record<string, string>) =>
      send('PUT', path, body, headers),
  };
}

export type ApiClient = ReturnType<typeof apiClient>;

export { ledgerViolations };

/** Counts of what a tenant has, to check that a refused request changed nothing. */
export async function ledgerCounts(db: Db, tenantId: number) {
  const count = async (
    table: 'rewards' | 'redemptions' | 'participants' | 'units' | 'programs',
  ) => {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tenant_id', '=', tenantId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };
  const redeemed = await db
    .selectFrom('rewards')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('redeemed'), eb.lit(0)).as('n'))
    .where('tenant_id', '=', tenantId)
    .executeTakeFirstOrThrow();
  return {
    rewards: await count('rewards'),
    redemptions: await count('redemptions'),
    participants: await count('participants'),
    units: await count('units'),
    programs: await count('programs'),
    redeemed: Number(redeemed.n),
  };
}

/**
 * Builds one server per test database (inside a describeEachDb block) and closes it after.
 * `setUp()` then gives each test a fresh tenant and a client holding its key.
 */
export function useServer(get: () => TestDatabase) {
  let app: FastifyInstance | undefined;
  beforeAll(async () => {
    app = await buildTestServer(get().handle);
  });
  afterAll(async () => {
    await app?.close();
  });
  const server = () => {
    if (!app) throw new Error('server not built yet');
    return app;
  };
  const setUp = async () => {
    const db = get().handle.db;
    const { tenant, apiKey, keyId } = await buildTenant(db);
    return { db, app: server(), tenant, apiKey, keyId, client: apiClient(server(), apiKey) };
  };
  return { server, setUp };
}
