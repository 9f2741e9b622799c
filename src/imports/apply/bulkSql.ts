/**
 * The chunk's multi-row statements as SQL text and parameters. Building and compiling a
 * statement of thousands of values through the query builder costs more than running it, and
 * its garbage grows the heap, so these statements bypass it. Each text is built once per shape.
 */
import { CompiledQuery } from 'kysely';
import type { Db } from '../../db/database.js';
import { dialectOf } from '../../db/dialectOf.js';

/** Statements stay well under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters. */
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

/**
 * `head`, then `rows` copies of `row` separated by commas, then `tail`. Every `?` in them is a
 * parameter, in that order; PostgreSQL gets them numbered ($1, $2, …).
 */
export function bulkText(db: Db, head: string, row: string, rows: number, tail = ''): string {
  const postgres = dialectOf(db) === 'postgres';
  const key = `${postgres ? 'pg' : 'sqlite'}\u0000${rows}\u0000${head}\u0000${row}\u0000${tail}`;
  let text = texts.get(key);
  if (text === undefined) {
    text = `${head} ${new Array<string>(rows).fill(row).join(', ')} ${tail}`;
    if (postgres) {
      let n = 0;
      text = text.replace(/\?/g, () => `$${++n}`);
    }
    if (texts.size >= MAX_TEXTS) texts.clear();
    texts.set(key, text);
  }
  return text;
}

/** Runs a statement built with bulkText; returns its rows (for selects and `returning`). */
export async function runBulk<R>(db: Db, text: string, parameters: unknown[]): Promise<R[]> {
  const result = await db.executeQuery<R>(CompiledQuery.raw(text, parameters));
  return result.rows;
}
