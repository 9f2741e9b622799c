/**
 * The HTTP side of `Idempotency-Key`. The ledger stores the key with the request's hash and
 * refuses a reuse with another body; here we only learn whether an answer is a replay, to say
 * so in `Idempotent-Replayed: true` with status 200 instead of 201.
 */
import type { FastifyReply } from 'fastify';
import type { Db } from '../db/database.js';
import { findRedemptionByIdempotencyKey } from '../ledger/redemptions.repository.js';

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
 * Runs `redeem` (which passes the key to the ledger) and reports whether the key had already
 * produced a redemption before, i.e. whether the answer is a replay.
 */
export async function withIdempotencyKey<T>(
  db: Db,
  tenantId: number,
  key: string | undefined,
  redeem: () => Promise<T>,
): Promise<{ result: T; replayed: boolean }> {
  if (!key) return { result: await redeem(), replayed: false };
  return oneAtATime(db, `${tenantId}\u0000${key}`, async () => {
    const replayed = (await findRedemptionByIdempotencyKey(db, tenantId, key)) !== undefined;
    return { result: await redeem(), replayed };
  });
}

/** 201 for a new redemption; 200 and `Idempotent-Replayed: true` for a replay. */
export function sendRedemption<T>(reply: FastifyReply, outcome: { result: T; replayed: boolean }) {
  if (outcome.replayed) reply.header('Idempotent-Replayed', 'true');
  return reply.status(outcome.replayed ? 200 : 201).send(outcome.result);
}
