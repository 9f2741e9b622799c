import { createHash } from 'node:crypto';
import type { Db } from '../db/database.js';
import { AppError } from '../domain/errors.js';
import { findRedemptionByIdempotencyKey } from './redemptions.repository.js';

/** A stable hash of a request body: keys sorted, so formatting and key order do not matter. */
export function hashRequest(body: unknown): string {
  const canonical = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(canonical);
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([k, v]) => [k, canonical(v)]),
      );
    }
    return value;
  };
  return createHash('sha256')
    .update(JSON.stringify(canonical(body)))
    .digest('hex');
}

/**
 * The redemption an idempotency key already produced, or null when the key is new. The same key
 * with a different request is refused: it would otherwise silently return another result.
 */
export async function replayedRedemption(
  db: Db,
  tenantId: number,
  key: string | undefined,
  requestHash: string | undefined,
): Promise<number | null> {
  if (!key) return null;
  const prior = await findRedemptionByIdempotencyKey(db, tenantId, key);
  if (!prior) return null;
  if (prior.request_hash !== (requestHash ?? null)) throw keyReused(key, prior.id);
  return prior.id;
}

/** IDEMPOTENCY_KEY_REUSED: the same key with a different request would silently return another
 * result, so it is refused. */
export function keyReused(key: string, redemptionId: number): AppError {
  return new AppError(
    'IDEMPOTENCY_KEY_REUSED',
    `Idempotency-Key "${key}" was already used for a different request; use a new key for a new redemption`,
    { idempotencyKey: key, redemptionId },
  );
}
