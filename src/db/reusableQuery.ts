/**
 * Queries built and compiled once per dialect and then run with new values. Kysely otherwise
 * builds a query's tree and compiles it to SQL on every call: for the redemption's balance query
 * that took 60 µs of the server's CPU per request, more than the rest of the ledger's own code.
 *
 * The builder receives `param(name)` where a value goes; it stands for `params[name]` at each run.
 * A placeholder is a value to Kysely, so it may go wherever a value may (comparisons, inserted
 * values, `sql` template values), not where Kysely inlines text (identifiers, `sql.lit`). The
 * query's shape must not depend on the values: build one reusable query per shape.
 */
import { createQueryId, type CompiledQuery, type Compilable, type RawBuilder } from 'kysely';
import type { Db, DialectName } from './database.js';
import { dialectOf } from './dialectOf.js';

class Placeholder {
  constructor(readonly name: string) {}
}

export type Param<P> = <K extends keyof P & string>(name: K) => P[K];

/** A query of `build`'s shape, run with the values in `params`; resolves with its rows. */
export function reusableQuery<P extends object, R>(
  build: (db: Db, param: Param<P>) => Compilable<R> | RawBuilder<R>,
): (db: Db, params: P) => Promise<R[]> {
  const compiled = new Map<DialectName, CompiledQuery<R>>();
  const param: Param<P> = (name) => new Placeholder(name) as never;
  return async (db, params) => {
    const dialect = dialectOf(db);
    let query = compiled.get(dialect);
    if (!query) {
      // Without plugins: their transformQuery would be baked into the SQL kept for every caller.
      const plain = db.withoutPlugins();
      const built = build(plain, param);
      query = 'isRawBuilder' in built ? built.compile(plain) : built.compile();
      compiled.set(dialect, query);
    }
    const parameters = query.parameters.map((value) =>
      value instanceof Placeholder ? params[value.name as keyof P] : value,
    );
    const result = await db.executeQuery<R>({ ...query, queryId: createQueryId(), parameters });
    return result.rows;
  };
}
