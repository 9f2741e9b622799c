/**
 * The node-postgres pool as Kysely sees it, with named prepared statements. PostgreSQL parses
 * and plans every unnamed statement again; for the ledger's short statements that was half of
 * the backend's CPU per request (docs/PERFORMANCE.md, "Load"). A statement prepared once per
 * connection is only bound and executed afterwards.
 *
 * What keeps it safe:
 * - A statement's name is a hash of its text, so a name never stands for two texts, whatever
 *   the process, connection or version of the code.
 * - Only statements with parameters that this pool has seen at least twice are prepared: one-off
 *   statements (migrations, DDL, bulk statements of a rare size) stay unnamed.
 * - A connection prepares at most `maxPerConnection` statements; one that reaches the limit is
 *   closed when released and the pool opens a fresh one, so the server's memory stays bounded.
 * - After a schema change PostgreSQL re-plans prepared statements by itself, except when the
 *   columns a statement returns change (a `select *` after a column was added): it then fails
 *   with "cached plan must not change result type". The connection is replaced on release;
 *   outside a transaction the statement is retried at once unnamed, inside one the transaction
 *   fails (the caller sees the error, as it would for a deadlock).
 * - Behind a pooler that moves a session between server connections (PgBouncer in transaction
 *   mode before 1.21, or without `max_prepared_statements`), or after a `DISCARD ALL`, the server
 *   does not know a statement the client prepared (26000), or already has it (42P05): the pool
 *   stops preparing altogether and warns once. `PG_PREPARED_STATEMENTS=off` avoids even that.
 *
 * A transaction's BEGIN is sent with its first statement, in one write and one round trip
 * (sendAfterBegin): a redemption's transaction is three round trips instead of four.
 */
import { createHash } from 'node:crypto';
import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type pg from 'pg';
import { BEGIN_RESULT, sendAfterBegin } from './sendAfterBegin.js';

export interface PreparingPoolOptions {
  /** false: every statement is sent unnamed, as node-postgres does by default. */
  prepare: boolean;
  /** Prepared statements one connection may hold before it is replaced. */
  maxPerConnection?: number;
  /** Told once when the server refuses prepared statements and the pool stops using them. */
  warn?: (message: string) => void;
}

/** What the pool adds to Kysely's view of it, for tests and diagnostics. */
export interface PreparingPool extends PostgresPool {
  /** False when configured off, or after the server refused a prepared statement. */
  readonly preparing: boolean;
}

/** Longer texts (bulk statements) gain little from preparing and would fill the server's memory. */
const MAX_TEXT_LENGTH = 16_384;
/** Distinct texts remembered for the seen-twice rule; the memory is emptied when full. */
const MAX_REMEMBERED_TEXTS = 2_000;
const DEFAULT_MAX_PER_CONNECTION = 100;

/** The statement name of a text: `rb_` and 128 bits of its SHA-256 (names hold 63 bytes). */
export function statementName(text: string): string {
  return `rb_${createHash('sha256').update(text).digest('hex').slice(0, 32)}`;
}

interface ClientState {
  prepared: Set<string>;
  inTransaction: boolean;
  /** Kysely's BEGIN was answered but not yet sent: it goes with the next statement. */
  beginPending: boolean;
  /** Closed instead of returned to the pool when released. */
  retire: boolean;
}

function errorCode(error: unknown): string | undefined {
  return (error as { code?: unknown } | null)?.code as string | undefined;
}

function isChangedResultType(error: unknown): boolean {
  return errorCode(error) === '0A000' && /cached plan must not change result type/.test(`${error}`);
}

export function preparingPool(pool: pg.Pool, options: PreparingPoolOptions): PreparingPool {
  const maxPerConnection = options.maxPerConnection ?? DEFAULT_MAX_PER_CONNECTION;
  const warn = options.warn ?? ((message: string) => process.emitWarning(message));
  let preparing = options.prepare;
  const seen = new Map<string, { name: string; count: number }>();
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();

  /** The name to run `text` under on this connection, or undefined to run it unnamed. */
  function nameFor(text: string, values: readonly unknown[], state: ClientState) {
    if (!preparing || state.retire || values.length === 0 || text.length > MAX_TEXT_LENGTH) {
      return undefined;
    }
    let entry = seen.get(text);
    if (!entry) {
      if (seen.size >= MAX_REMEMBERED_TEXTS) seen.clear();
      entry = { name: statementName(text), count: 0 };
      seen.set(text, entry);
    }
    entry.count++;
    if (entry.count < 2) return undefined;
    if (!state.prepared.has(entry.name)) {
      if (state.prepared.size >= maxPerConnection) {
        state.retire = true;
        return undefined;
      }
      state.prepared.add(entry.name);
    }
    return entry.name;
  }

  function trackTransaction(text: string, state: ClientState): void {
    if (/^\s*(begin|start\s+transaction)\b/i.test(text)) state.inTransaction = true;
    else if (/^\s*(commit|end|rollback(?!\s+to\b)|abort)\b/i.test(text)) {
      state.inTransaction = false;
    }
  }

  function wrap(client: pg.PoolClient): PostgresPoolClient {
    const state: ClientState = {
      prepared: new Set(),
      inTransaction: false,
      beginPending: false,
      retire: false,
    };
    const run = async (text: string, values: readonly unknown[]) => {
      // Kysely's BEGIN of a transaction without options (they would need `start transaction`).
      if (text === 'begin' && !state.inTransaction) {
        state.inTransaction = true;
        state.beginPending = true;
        return BEGIN_RESULT;
      }
      trackTransaction(text, state);
      const afterBegin = state.beginPending;
      state.beginPending = false;
      // A statement without parameters is sent as a simple query, which cannot share a batch.
      if (afterBegin && values.length === 0) await client.query('begin');
      const name = nameFor(text, values, state);
      const config = { name, text, values: [...values] };
      try {
        if (afterBegin && values.length > 0) return await sendAfterBegin(client, config);
        return await client.query(config);
      } catch (error) {
        // node-postgres took BEGIN's ParseComplete for the statement's: after an error it may
        // believe a statement prepared that is not. A fresh connection believes nothing wrong.
        if (afterBegin) state.retire = true;
        if (name === undefined) throw error;
        const code = errorCode(error);
        if (code === '26000' || code === '42P05') {
          if (preparing) {
            preparing = false;
            warn(
              `PostgreSQL refused a prepared statement (${code}: ${(error as Error).message}); ` +
                'prepared statements are off for this process. Behind a connection pooler in ' +
                'transaction mode, set PG_PREPARED_STATEMENTS=off.',
            );
          }
        } else if (!isChangedResultType(error)) {
          throw error;
        }
        state.retire = true;
        if (state.inTransaction) throw error;
        return client.query(text, [...values]);
      }
    };
    function query<R>(sql: string, parameters: readonly unknown[]): Promise<PostgresQueryResult<R>>;
    function query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
    function query(
      textOrCursor: string | PostgresCursor<unknown>,
      values?: readonly unknown[],
    ): unknown {
      if (typeof textOrCursor === 'string') return run(textOrCursor, values ?? []);
      // Unused here (no cursor is configured); BEGIN would have to be sent before it.
      if (state.beginPending) throw new Error('A transaction cannot start with a cursor');
      return client.query(textOrCursor as unknown as pg.Submittable);
    }
    return {
      query,
      release: (destroy?: boolean) => {
        // A retired connection is closed; the pool opens a fresh one when it next needs one.
        const close = Boolean(destroy) || state.retire;
        state.inTransaction = false;
        state.beginPending = false;
        client.release(close);
      },
    };
  }

  return {
    get preparing() {
      return preparing;
    },
    async connect() {
      const client = await pool.connect();
      let wrapper = wrappers.get(client);
      if (!wrapper) {
        wrapper = wrap(client);
        wrappers.set(client, wrapper);
      }
      return wrapper;
    },
    end: () => pool.end(),
  };
}
