/**
 * Opens the database named by DATABASE_URL: SQLite (better-sqlite3) or PostgreSQL (pg), both
 * behind one Kysely instance so the same query code serves either.
 */
import { mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type BetterSqlite3 from 'better-sqlite3';
import type { DialectName } from './migrations/columns.js';
import type { Database } from './schema.js';
import { preparingPool } from './postgresPool.js';
import { openSqlite } from './sqliteDialect.js';

export type { DialectName };
/** A database or a transaction: Kysely's Transaction is a Kysely, so repositories take either. */
export type Db = Kysely<Database>;

export interface DatabaseHandle {
  readonly db: Db;
  readonly dialect: DialectName;
  readonly url: string;
  /** The raw SQLite handle (for pragmas and backups); null on PostgreSQL. */
  readonly sqlite: BetterSqlite3.Database | null;
  close(): Promise<void>;
}

// int8 (BIGINT, BIGSERIAL) and numeric sums arrive as strings by default; every amount and time
// here fits in a double (below 2^53), so parse them as numbers.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export function sqlitePathOf(url: string): string {
  return url.slice('sqlite:'.length);
}

/**
 * PostgreSQL connections in a pool by default: twice the cores plus two, from 4 to 10. On a
 * 2-core machine shared by Node and PostgreSQL, 10 connections let 10 backends compete for the
 * cores; 6 served the load benchmark 10-30% faster in each of six rounds, with less CPU per
 * request in the backends (docs/PERFORMANCE.md, "Load"). From 4 cores on it stays at 10.
 */
export const DEFAULT_POOL_SIZE = Math.min(10, Math.max(4, 2 * availableParallelism() + 2));

export interface OpenDatabaseOptions {
  /** PostgreSQL connections in the pool (default DEFAULT_POOL_SIZE). */
  poolSize?: number;
  /** PostgreSQL: prepare repeated statements once per connection (default true); see postgresPool.ts. */
  preparedStatements?: boolean;
}

export function openDatabase(url: string, options: OpenDatabaseOptions = {}): DatabaseHandle {
  if (url.startsWith('sqlite:')) {
    const path = sqlitePathOf(url);
    if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
    const { dialect, raw } = openSqlite(path);
    const db = new Kysely<Database>({ dialect });
    return { db, dialect: 'sqlite', url, sqlite: raw, close: () => db.destroy() };
  }
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? DEFAULT_POOL_SIZE });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  const prepared = preparingPool(pool, { prepare: options.preparedStatements ?? true });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: prepared }) });
  return { db, dialect: 'postgres', url, sqlite: null, close: () => db.destroy() };
}
