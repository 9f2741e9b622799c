/**
 * A transaction's BEGIN sent with its first statement (postgresPool.ts): one write and one round
 * trip instead of two. Kysely awaits BEGIN before it runs the transaction's first statement; the
 * pool answers BEGIN at once and sends it here, ahead of that statement.
 */
import pg from 'pg';

/** What PostgreSQL answers to BEGIN, as node-postgres reports it. */
export const BEGIN_RESULT = { command: 'BEGIN', rowCount: null, rows: [] };

/**
 * Runs a statement with parameters preceded by BEGIN, as one batch of the extended protocol:
 * BEGIN's Parse, Bind and Execute, then the statement's messages and one Sync. PostgreSQL runs
 * them in order, and after an error skips everything up to the Sync: if BEGIN fails the statement
 * does not run, so it never runs outside the transaction. Resolves with the statement's result.
 */
export function sendAfterBegin(
  client: pg.PoolClient,
  config: pg.QueryConfig,
): Promise<pg.QueryResult> {
  return new Promise((resolve, reject) => {
    const query = new pg.Query(config, (error, result) => {
      if (error) {
        reject(error);
        return;
      }
      // Two results: BEGIN's, then the statement's.
      const results = result as unknown as pg.QueryResult | pg.QueryResult[];
      const last = Array.isArray(results) ? results.at(-1) : results;
      if (last) resolve(last);
      else reject(new Error('PostgreSQL answered nothing to the statement sent after BEGIN'));
    });
    const submit = query.submit.bind(query);
    query.submit = (connection) => {
      // One write: node-postgres corks around its own messages too, and corks nest.
      connection.stream.cork();
      try {
        connection.parse({ name: '', text: 'begin', types: [] }, true);
        connection.bind({ portal: '', statement: '', values: [] }, true);
        connection.execute({ portal: '' }, true);
        return submit(connection);
      } finally {
        connection.stream.uncork();
      }
    };
    void client.query(query);
  });
}
