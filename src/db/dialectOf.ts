import { PostgresAdapter } from 'kysely';
import type { Db } from './database.js';
import type { DialectName } from './migrations/columns.js';

/** Which dialect a Kysely instance or transaction speaks, for the few queries that differ. */
export function dialectOf(db: Db): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
