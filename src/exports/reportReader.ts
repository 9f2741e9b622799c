/**
 * Where a report reads from: one consistent snapshot of the database, taken when generation
 * starts, so a redemption made while a million rows are written shows in none of them rather than
 * in some. Writes (the report file, progress) go through the ordinary connection meanwhile.
 *
 * - PostgreSQL: a REPEATABLE READ, READ ONLY transaction on one pooled connection.
 * - SQLite: a second, read-only connection to the same file holding a read transaction; WAL lets
 *   it read while the main connection writes, and the export does not hold the main connection
 *   (which the API in the same process needs). Rows come back as arrays, which better-sqlite3
 *   builds much faster than objects.
 * - SQLite in memory (tests): the main connection, page by page, without a snapshot.
 */
import BetterSqlite3 from 'better-sqlite3';
import { sql, type CompiledQuery, type Compilable } from 'kysely';
import type { DialectName, Db } from '../db/database.js';
import { dialectOf } from '../db/dialectOf.js';

export interface ReportReader {
  /** Builds queries (never runs them directly: use `rows`). */
  readonly db: Db;
  readonly dialect: DialectName;
  /**
   * How many pages to ask for ahead of the one being written: on PostgreSQL the server computes
   * them meanwhile (queued on the one connection); SQLite answers synchronously, so 0.
   */
  readonly prefetch: number;
  /** The rows of a select, each as the array of its columns in select order. */
  rows(query: Compilable): Promise<unknown[][]>;
}

function kyselyReader(db: Db, prefetch: number): ReportReader {
  return {
    db,
    dialect: dialectOf(db),
    prefetch,
    async rows(query) {
      const result = await db.executeQuery(query.compile());
      return result.rows.map((row) => Object.values(row as object));
    },
  };
}

async function sqliteFile(db: Db): Promise<string> {
  const { rows } = await sql<{
    file: string;
  }>`select file from pragma_database_list where name = 'main'`.execute(db);
  return rows[0]?.file ?? '';
}

function sqliteReader(db: Db, raw: BetterSqlite3.Database): ReportReader {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    db,
    dialect: 'sqlite',
    prefetch: 0,
    rows(query) {
      const compiled: CompiledQuery = query.compile();
      let statement = statements.get(compiled.sql);
      if (!statement) {
        statement = raw.prepare(compiled.sql).raw(true);
        statements.set(compiled.sql, statement);
      }
      return Promise.resolve(statement.all(...compiled.parameters) as unknown[][]);
    },
  };
}

/** Runs `read` against a snapshot of the database as it is now; see the module comment. */
export async function withReportReader<T>(
  db: Db,
  read: (reader: ReportReader) => Promise<T>,
): Promise<T> {
  if (dialectOf(db) === 'postgres') {
    return db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        await sql`set transaction read only`.execute(trx);
        return read(kyselyReader(trx, 2));
      });
  }
  const file = await sqliteFile(db);
  if (file === '') return read(kyselyReader(db, 0));
  const raw = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    raw.pragma('busy_timeout = 10000');
    raw.pragma('cache_size = -8192');
    raw.exec('begin');
    return await read(sqliteReader(db, raw));
  } finally {
    raw.close(); // ends the read transaction with it
  }
}
