import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  testDialects,
  type TestDatabase,
} from '../../test/helpers/databases.js';
import { loadConfig } from '../config/config.js';
import { openDatabase } from './database.js';
import { preparingPool, statementName, type PreparingPoolOptions } from './postgresPool.js';

/** Statements this connection has prepared, read with a statement that is never prepared. */
async function preparedOn(db: Kysely<unknown>) {
  const { rows } = await sql<{ name: string; statement: string }>`
    select name, statement from pg_prepared_statements order by name`.execute(db);
  return rows;
}

const backendPid = async (db: Kysely<unknown>) =>
  (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db)).rows[0]?.pid;

describe.runIf(testDialects.includes('postgres'))('preparingPool [postgres]', () => {
  let database: TestDatabase;
  const opened: Kysely<unknown>[] = [];
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
  });
  afterAll(async () => {
    await Promise.all(opened.map((db) => db.destroy()));
    await database.drop();
  });

  /** One connection, so every statement of a test runs on the same backend. */
  function open(options: Partial<PreparingPoolOptions> = {}) {
    const raw = new pg.Pool({ connectionString: database.url, max: 1 });
    // pool.end() resolves before its connections have closed; dropping the database may then
    // end them with an error that must not be unhandled (database.ts does the same).
    raw.on('error', () => undefined);
    // Round trips: PostgreSQL ends each answer to a client's batch with ReadyForQuery.
    const counts = { roundTrips: 0 };
    raw.on('connect', (client) => {
      const { connection } = client as unknown as { connection: NodeJS.EventEmitter };
      connection.on('readyForQuery', () => counts.roundTrips++);
    });
    const pool = preparingPool(raw, {
      prepare: true,
      ...options,
    });
    const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
    opened.push(db);
    return { db, pool, counts };
  }

  it('names a statement by a hash of its text', () => {
    expect(statementName('select $1')).toBe(statementName('select $1'));
    expect(statementName('select $1')).not.toBe(statementName('select $1 '));
    expect(statementName('select $1')).toMatch(/^rb_[0-9a-f]{32}$/);
  });

  it('prepares a statement with parameters from its second run on, once per connection', async () => {
    const { db } = open();
    const twice = (n: number) => sql<{ v: number }>`select ${n}::int as v`.execute(db);
    await sql`select ${'once'}::text as v`.execute(db);
    await twice(1);
    expect(await preparedOn(db)).toEqual([]);
    await twice(2);
    const { rows } = await twice(3);
    expect(rows).toEqual([{ v: 3 }]);
    expect(await preparedOn(db)).toEqual([
      { name: statementName('select $1::int as v'), statement: 'select $1::int as v' },
    ]);
  });

  it('is what openDatabase uses, unless told not to prepare', async () => {
    for (const preparedStatements of [true, false]) {
      const handle = openDatabase(database.url, { poolSize: 1, preparedStatements });
      try {
        for (let i = 0; i < 3; i++) await sql`select ${i}::int as v`.execute(handle.db);
        expect(await preparedOn(handle.db as Kysely<unknown>)).toHaveLength(
          preparedStatements ? 1 : 0,
        );
      } finally {
        await handle.close();
      }
    }
  });

  it('prepares nothing when turned off', async () => {
    const { db, pool } = open({ prepare: false });
    for (let i = 0; i < 3; i++) await sql`select ${i}::int as v`.execute(db);
    expect(pool.preparing).toBe(false);
    expect(await preparedOn(db)).toEqual([]);
  });

  it('survives a column added under a prepared `select *`: retried outside a transaction, failing only the transaction inside one', async () => {
    const { db } = open();
    await sql`create table widen (id int primary key, a int)`.execute(db);
    await sql`insert into widen values (1, 10)`.execute(db);
    const read = (trx: Kysely<unknown>) =>
      sql<Record<string, number>>`select * from widen where id = ${1}`.execute(trx);
    await read(db);
    await read(db);
    await sql`alter table widen add column b int default 20`.execute(db);
    expect((await read(db)).rows).toEqual([{ id: 1, a: 10, b: 20 }]);
    // The connection that held the stale statement was replaced; prepare on the new one.
    await read(db);
    expect((await preparedOn(db)).map((p) => p.statement)).toContain(
      'select * from widen where id = $1',
    );
    await sql`alter table widen add column c int default 30`.execute(db);
    await expect(db.transaction().execute(read)).rejects.toThrow(/cached plan/);
    expect((await db.transaction().execute(read)).rows).toEqual([{ id: 1, a: 10, b: 20, c: 30 }]);
  });

  it('stops preparing, with one warning, when the server no longer knows a statement', async () => {
    const warnings: string[] = [];
    const { db, pool } = open({ warn: (m) => warnings.push(m) });
    const run = (n: number) => sql<{ v: number }>`select ${n}::int + 1 as v`.execute(db);
    await run(1);
    await run(2);
    // What a pooler in transaction mode does: the next statement reaches a server connection
    // that never saw the prepared one.
    await sql`deallocate all`.execute(db);
    expect((await run(3)).rows).toEqual([{ v: 4 }]);
    expect((await run(4)).rows).toEqual([{ v: 5 }]);
    expect(pool.preparing).toBe(false);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/PG_PREPARED_STATEMENTS=off/);
    expect(await preparedOn(db)).toEqual([]);
  });

  it("sends a transaction's BEGIN with its first statement: one round trip, inside the transaction", async () => {
    const { db, counts } = open();
    await sql`create table begun (id int primary key)`.execute(db);
    const rolledBack = new Error('roll back');
    for (let i = 1; i <= 3; i++) {
      const before = counts.roundTrips;
      await expect(
        db.transaction().execute(async (trx) => {
          await sql`insert into begun values (${i})`.execute(trx);
          const { rows } = await sql<{ n: number }>`select count(*)::int as n from begun`.execute(
            trx,
          );
          expect(rows).toEqual([{ n: 1 }]);
          throw rolledBack;
        }),
      ).rejects.toBe(rolledBack);
      // insert (with BEGIN), select, rollback.
      expect(counts.roundTrips - before).toBe(3);
    }
    expect((await sql`select * from begun`.execute(db)).rows).toEqual([]);
    // A first statement without parameters is a simple query: BEGIN goes on its own before it.
    await db.transaction().execute(async (trx) => {
      await sql`insert into begun values (7)`.execute(trx);
      await sql`insert into begun values (${8})`.execute(trx);
    });
    expect((await sql`select id from begun order by id`.execute(db)).rows).toEqual([
      { id: 7 },
      { id: 8 },
    ]);
  });

  it('after a first statement that fails, keeps preparing on a fresh connection', async () => {
    const warnings: string[] = [];
    const { db, pool } = open({ warn: (message) => warnings.push(message) });
    const first = await backendPid(db);
    const readLate = (trx: Kysely<unknown>) =>
      sql<{ id: number }>`select id from late where id = ${1}`.execute(trx);
    // Twice, so that the statement is named: its Parse fails after BEGIN's succeeded.
    for (let i = 0; i < 2; i++) {
      await expect(db.transaction().execute(readLate)).rejects.toThrow(/"late" does not exist/);
    }
    expect(await backendPid(db)).not.toBe(first);
    await sql`create table late (id int primary key)`.execute(db);
    await sql`insert into late values (1)`.execute(db);
    for (let i = 0; i < 2; i++) {
      expect((await db.transaction().execute(readLate)).rows).toEqual([{ id: 1 }]);
    }
    expect(pool.preparing).toBe(true);
    expect(warnings).toEqual([]);
    expect(await preparedOn(db)).toContainEqual(
      expect.objectContaining({ name: statementName('select id from late where id = $1') }),
    );
  });

  it('replaces a connection once it holds as many statements as it may', async () => {
    const { db } = open({ maxPerConnection: 2 });
    const first = await backendPid(db);
    for (let i = 0; i < 2; i++) {
      await sql`select ${'a'}::text as v`.execute(db);
      await sql`select ${i}::int * 2 as v`.execute(db);
    }
    expect(await preparedOn(db)).toHaveLength(2);
    expect(await backendPid(db)).toBe(first);
    // A third statement, run twice, would be one too many: it runs unnamed and the connection
    // is closed when released.
    await sql`select ${1}::int * 3 as v`.execute(db);
    expect((await sql`select ${2}::int * 3 as v`.execute(db)).rows).toEqual([{ v: 6 }]);
    expect(await backendPid(db)).not.toBe(first);
    expect(await preparedOn(db)).toEqual([]);
  });
});

describe('PG_PREPARED_STATEMENTS', () => {
  const env = { SECRET_KEY: 'x'.repeat(32), DATABASE_URL: 'postgres://u@h/db' };

  it('is on unless set to off, and refuses anything else', () => {
    expect(loadConfig(env).pgPreparedStatements).toBe(true);
    expect(loadConfig({ ...env, PG_PREPARED_STATEMENTS: ' OFF ' }).pgPreparedStatements).toBe(
      false,
    );
    expect(loadConfig({ ...env, PG_PREPARED_STATEMENTS: 'on' }).pgPreparedStatements).toBe(true);
    expect(() => loadConfig({ ...env, PG_PREPARED_STATEMENTS: 'no' })).toThrow(
      /PG_PREPARED_STATEMENTS must be on or off; got "no"/,
    );
  });
});
