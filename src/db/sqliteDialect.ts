import BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection } from 'kysely';

/**
 * Starts every transaction with BEGIN IMMEDIATE: a transaction that reads a balance and then
 * writes it takes the write lock up front, so two processes never both read the same balance
 * and one fails on upgrade (SQLITE_BUSY_SNAPSHOT); the second simply waits (busy_timeout).
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly config: ConstructorParameters<typeof SqliteDialect>[0]) {
    super(config);
  }
  override createDriver() {
    return new ImmediateSqliteDriver(this.config);
  }
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * SQL starting with this comment returns each row as an array of its columns, in select order.
 * Bulk reads of millions of rows (an import's rewards) use it: better-sqlite3 builds an array
 * about twice as fast as an object with named properties, and it leaves less garbage.
 */
export const ROWS_AS_ARRAYS = '/* rows as arrays */';

/**
 * Wraps a better-sqlite3 handle so that repeated SQL reuses its prepared statement; Kysely
 * prepares on every call otherwise, which dominates the cost of small queries.
 */
function withStatementCache(db: BetterSqlite3.Database) {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => db.close(),
    prepare(sql: string) {
      let stmt = cache.get(sql);
      if (stmt && !stmt.busy) return stmt;
      stmt = db.prepare(sql);
      if (sql.startsWith(ROWS_AS_ARRAYS)) stmt.raw(true);
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.clear();
      cache.set(sql, stmt);
      return stmt;
    },
  };
}

export function openSqlite(path: string): { dialect: SqliteDialect; raw: BetterSqlite3.Database } {
  const raw = new BetterSqlite3(path);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 10000');
  // 16 MiB of pages per connection: the operating system caches the file as well, and a larger
  // cache only grows the process (at 64 MiB an import's worker ran 60 MB larger, no faster).
  raw.pragma('cache_size = -16384');
  raw.defaultSafeIntegers(false);
  const database = withStatementCache(raw) as unknown as BetterSqlite3.Database;
  return { dialect: new ImmediateSqliteDialect({ database }), raw };
}
