/**
 * The HTTP side of `Idempotency-Key`. The ledger stores the key with the request's hash, refuses
 * a reuse with another body and says whether an answer is a replay; here that becomes
 * `Idempotent-Replayed: true` with status 200 instead of 201.
 */
import type { FastifyReply } from 'fastify';
import type { Db } from '../db/database.js';

// Requests with one key are run one after another within this process, so a duplicate sent
// while the first is still running sees the first's redemption and is reported as a replay.
// Across processes the ledger still guarantees one redemption; only the header may be missing.
const inFlight = new WeakMap<Db, Map<string, Promise<unknown>>>();

async function oneAtATime<T>(db: Db, lockKey: string, run: () => Promise<T>): Promise<T> {
  let queues = inFlight.get(db);
  if (!queues) {
    queues = new Map();
    inFlight.set(db, queues);
  }
  const previous = queues.get(lockKey) ?? Promise.resolve();
  const current = previous.then(run, run);
  const settled = current.then(
    () => undefined,
    () => undefined,
  );
  queues.set(lockKey, settled);
  try {
    return await current;
  } finally {
    if (queues.get(lockKey) === settled) queues.delete(lockKey);
  }
}

/**
 * Runs `redeem` (which passes the key to the ledger and reports whether the key had already
 * produced the redemption), one request per key at a time within this process.
 */
export async function withIdempotencyKey<T>(
  db: Db,
  tenantId: number,
  key: string | undefined,
  redeem: () => Promise<{ view: T; replayed: boolean }>,
): Promise<{ result: T; replayed: boolean }> {
  const run = async () => {
    const { view, replayed } = await redeem();
    return { result: view, replayed };
  };
  return key ? oneAtATime(db, `${tenantId}\u0000${key}`, run) : run();
}

/** 201 for a new redemption; 200 and `Idempotent-Replayed: true` for a replay. */
export function sendRedemption<T>(reply: FastifyReply, outcome: { result: T; replayed: boolean }) {
  if (outcome.replayed) reply.header('Idempotent-Replayed', 'true');
  return reply.status(outcome.replayed ? 200 : 201).send(outcome.result);
}
