import type { CreateTableBuilder } from 'kysely';
import { sql } from 'kysely';

export type DialectName = 'sqlite' | 'postgres';

/** An auto-numbered primary key: INTEGER AUTOINCREMENT on SQLite, BIGSERIAL on PostgreSQL. */
export function withId<T extends string>(
  table: CreateTableBuilder<T, never>,
  dialect: DialectName,
): CreateTableBuilder<T, 'id'> {
  return dialect === 'postgres'
    ? table.addColumn('id', 'bigserial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

/** Binary column type: BLOB on SQLite, BYTEA on PostgreSQL. */
export function binaryType(dialect: DialectName) {
  return dialect === 'postgres' ? sql`bytea` : sql`blob`;
}
