/**
 * The chunk's multi-row statements, as SQL text and parameters. Building and compiling a
 * statement of thousands of values through the query builder costs more than running it, and
 * its garbage grows the heap, so these bypass it. SQLite gets multi-row VALUES lists (their text
 * built once per shape); PostgreSQL gets one array parameter per column (`unnest`, `= any`),
 * which it parses and plans in a fraction of the time a list of thousands of parameters takes.
 */
import { CompiledQuery } from 'kysely';
import type { Db } from '../../db/database.js';
import { dialectOf } from '../../db/dialectOf.js';
import { ROWS_AS_ARRAYS } from '../../db/sqliteDialect.js';

/** A column written in bulk: its name and its PostgreSQL type (`bigint`, `text`…). */
export type BulkColumn = readonly [name: string, pgType: string];

/** Statements stay well under SQLite's 32,766 bound parameters. */
const MAX_PARAMS = 20_000;

export function batches<T>(items: readonly T[], paramsPerItem: number): T[][] {
  const size = Math.max(1, Math.floor(MAX_PARAMS / paramsPerItem));
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const texts = new Map<string, string>();
/** Shapes differ only in row count; the last, shorter batch of each chunk adds a few. */
const MAX_TEXTS = 64;

/** `rows` copies of `row`, comma-separated, built once per shape (SQLite only). */
function repeated(row: string, rows: number): string {
  const key = `${rows}\u0000${row}`;
  let text = texts.get(key);
  if (text === undefined) {
    text = new Array<string>(rows).fill(row).join(', ');
    if (texts.size >= MAX_TEXTS) texts.clear();
    texts.set(key, text);
  }
  return text;
}

/** `?` → `$1`, `$2`… for PostgreSQL. */
const numbered = (text: string) => {
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
};

async function run<R>(db: Db, text: string, parameters: unknown[]): Promise<R[]> {
  const result = await db.executeQuery<R>(CompiledQuery.raw(text, parameters));
  return result.rows;
}

/** One PostgreSQL array element: numbers as they are, text quoted and escaped, NULL. */
function arrayElement(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return `"${String(value).replace(/[\\"]/g, '\\$&')}"`;
}

/** `values` as one PostgreSQL array literal. */
const arrayLiteral = (values: readonly unknown[]) => `{${values.map(arrayElement).join(',')}}`;

/**
 * The columns of `rows` (arrays in column order) as PostgreSQL array literals, one per column.
 * Written here rather than by node-postgres, which quotes and escapes every element of a
 * JavaScript array one call at a time: for a million-row import that was seconds of CPU.
 */
function columnsOf(rows: readonly unknown[][], width: number): string[] {
  return Array.from({ length: width }, (_, c) => arrayLiteral(rows.map((row) => row[c])));
}

/** `before` (with its `?` parameters) `in (values…)` `after`: every row whose column is one of them. */
export async function selectWhereIn<R>(
  db: Db,
  before: string,
  parameters: unknown[],
  values: readonly unknown[],
  pgType: string,
  after = '',
): Promise<R[]> {
  if (values.length === 0) return [];
  if (dialectOf(db) === 'postgres') {
    const text = numbered(`${before} = any(?::${pgType}[]) ${after}`);
    return run<R>(db, text, [...parameters, arrayLiteral(values)]);
  }
  const out: R[] = [];
  for (const batch of batches(values, 1)) {
    const text = `${before} in (${repeated('?', batch.length)}) ${after}`;
    for (const row of await run<R>(db, text, [...parameters, ...batch])) out.push(row);
  }
  return out;
}

/**
 * `selectWhereIn` with each row as an array of its columns in select order: the cheapest shape
 * for reading many rows (SQLite builds arrays directly; PostgreSQL rows are turned into them).
 */
export async function selectArraysWhereIn(
  db: Db,
  before: string,
  parameters: unknown[],
  values: readonly unknown[],
  pgType: string,
  after = '',
): Promise<unknown[][]> {
  if (dialectOf(db) === 'postgres') {
    const rows = await selectWhereIn<Record<string, unknown>>(
      db,
      before,
      parameters,
      values,
      pgType,
      after,
    );
    return rows.map((row) => Object.values(row));
  }
  return selectWhereIn<unknown[]>(
    db,
    `${ROWS_AS_ARRAYS} ${before}`,
    parameters,
    values,
    pgType,
    after,
  );
}

/** Inserts `rows` (arrays in column order); returns the `returning` columns of each. */
export async function insertRows<R>(
  db: Db,
  table: string,
  columns: readonly BulkColumn[],
  rows: readonly unknown[][],
  returning = '',
): Promise<R[]> {
  if (rows.length === 0) return [];
  const names = columns.map(([name]) => name).join(', ');
  const tail = returning ? `returning ${returning}` : '';
  if (dialectOf(db) === 'postgres') {
    const arrays = columns.map(([, type]) => `?::${type}[]`).join(', ');
    const text = numbered(
      `insert into ${table} (${names}) select * from unnest(${arrays}) ${tail}`,
    );
    return run<R>(db, text, columnsOf(rows, columns.length));
  }
  const row = `(${columns.map(() => '?').join(', ')})`;
  const out: R[] = [];
  for (const batch of batches(rows, columns.length)) {
    const text = `insert into ${table} (${names}) values ${repeated(row, batch.length)} ${tail}`;
    out.push(...(await run<R>(db, text, batch.flat())));
  }
  return out;
}

/**
 * `update table set …` from rows of values named v.column1, v.column2… (in `columns` order),
 * e.g. `set redeemed = v.column2 … where rewards.id = v.column1`.
 */
export async function updateFromRows(
  db: Db,
  update: string,
  where: string,
  columns: readonly BulkColumn[],
  rows: readonly unknown[][],
): Promise<void> {
  if (rows.length === 0) return;
  if (dialectOf(db) === 'postgres') {
    const arrays = columns.map(([, type]) => `?::${type}[]`).join(', ');
    const names = columns.map((_, i) => `column${i + 1}`).join(', ');
    const text = numbered(`${update} from unnest(${arrays}) as v(${names}) where ${where}`);
    await run(db, text, columnsOf(rows, columns.length));
    return;
  }
  const row = `(${columns.map(() => '?').join(', ')})`;
  for (const batch of batches(rows, columns.length)) {
    const text = `${update} from (values ${repeated(row, batch.length)}) as v where ${where}`;
    await run(db, text, batch.flat());
  }
}
