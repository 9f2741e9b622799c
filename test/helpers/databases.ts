/**
 * Runs a block of database tests once per dialect: SQLite always, PostgreSQL when reachable.
 * With CI=true PostgreSQL is required: an unreachable server fails the tests instead of skipping.
 * Each block gets its own fresh database (a temp SQLite file, or a new PostgreSQL database).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { openDatabase, type DatabaseHandle, type DialectName } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';

export const PG_ADMIN_URL =
  process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const IN_CI = process.env.CI === 'true' || process.env.CI === '1';

async function pgReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const pgUp = await pgReachable();

export interface TestDatabase {
  /** A migrated database of its own; the URL lets other processes open it too. */
  handle: DatabaseHandle;
  url: string;
  dialect: DialectName;
  drop(): Promise<void>;
}

async function withPgAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates a fresh database of the given dialect, migrated to the latest version unless told. */
export async function createTestDatabase(
  dialect: DialectName,
  options: { migrate?: boolean } = {},
): Promise<TestDatabase> {
  const migrate = options.migrate ?? true;
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'rewardbook-test-'));
    const url = `sqlite:${join(dir, 'test.db')}`;
    const handle = openDatabase(url);
    if (migrate) await migrateToLatest(handle);
    return {
      handle,
      url,
      dialect,
      drop: async () => {
        await handle.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  if (!pgUp) {
    throw new Error(`PostgreSQL is required (CI=true) but not reachable at ${PG_ADMIN_URL}`);
  }
  const name = `rewardbook_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withPgAdmin((c) => c.query(`create database ${name}`));
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  const handle = openDatabase(url.toString());
  if (migrate) await migrateToLatest(handle);
  return {
    handle,
    url: url.toString(),
    dialect,
    drop: async () => {
      await handle.close();
      await withPgAdmin((c) => c.query(`drop database if exists ${name} with (force)`));
    },
  };
}

/** The dialects this run tests: PostgreSQL is skipped only outside CI when unreachable. */
export const testDialects: DialectName[] = pgUp || IN_CI ? ['sqlite', 'postgres'] : ['sqlite'];

/**
 * Declares `fn`'s tests once per dialect, each run against its own migrated database.
 * `get()` returns that database inside tests and hooks.
 */
export function describeEachDb(name: string, fn: (get: () => TestDatabase) => void): void {
  for (const dialect of testDialects) {
    describe(`${name} [${dialect}]`, () => {
      let current: TestDatabase | undefined;
      beforeAll(async () => {
        current = await createTestDatabase(dialect);
      });
      afterAll(async () => {
        await current?.drop();
      });
      fn(() => {
        if (!current) throw new Error('test database not ready');
        return current;
      });
    });
  }
}
