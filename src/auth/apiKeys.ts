/**
 * Per-tenant API keys. The key is shown once at creation; only its SHA-256 is stored, so a
 * database leak does not leak usable keys. Keys are long random strings, so a fast hash is safe.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/database.js';
import { AppError } from '../domain/errors.js';

const KEY_PREFIX = 'rbk_';

export interface ApiKeyInfo {
  id: number;
  name: string;
  prefix: string;
  createdAt: number;
  revokedAt: number | null;
}

/** The SHA-256 of a key, as stored in `api_keys.key_hash`. */
export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** The tenant and name behind an active key. */
export interface AuthenticatedKey {
  tenantId: number;
  keyId: number;
  name: string;
}

let revocations = 0;

/** How many revocations this process has made; a key remembered before the last one is stale. */
export function apiKeyRevocations(): number {
  return revocations;
}

export async function createApiKey(
  db: Db,
  tenantId: number,
  name: string,
): Promise<{ key: string; info: ApiKeyInfo }> {
  const key = KEY_PREFIX + randomBytes(24).toString('base64url');
  const prefix = key.slice(0, KEY_PREFIX.length + 6);
  const createdAt = Date.now();
  const row = await db
    .insertInto('api_keys')
    .values({ tenant_id: tenantId, name, prefix, key_hash: hashKey(key), created_at: createdAt })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { key, info: { id: row.id, name, prefix, createdAt, revokedAt: null } };
}

/** Whether a presented key has the shape of ours (looked up only then). */
export function looksLikeApiKey(key: string): boolean {
  return key.startsWith(KEY_PREFIX);
}

/** The tenant and key a presented key belongs to, or null when it is unknown or revoked. */
export async function authenticateApiKey(db: Db, key: string): Promise<AuthenticatedKey | null> {
  return looksLikeApiKey(key) ? findActiveKey(db, hashKey(key)) : null;
}

/** The active key with this hash, or null. */
export async function findActiveKey(db: Db, keyHash: string): Promise<AuthenticatedKey | null> {
  const row = await db
    .selectFrom('api_keys')
    .select(['id', 'tenant_id', 'name'])
    .where('key_hash', '=', keyHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row ? { tenantId: row.tenant_id, keyId: row.id, name: row.name } : null;
}

export async function listApiKeys(db: Db, tenantId: number): Promise<ApiKeyInfo[]> {
  const rows = await db
    .selectFrom('api_keys')
    .select(['id', 'name', 'prefix', 'created_at', 'revoked_at'])
    .where('tenant_id', '=', tenantId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    createdAt: r.created_at,
    revokedAt: r.revoked_at,
  }));
}

/**
 * Revokes a key. Outside a transaction only: the keys this process remembers
 * (apiKeyCache.ts) are forgotten once the revocation is committed, so the key is refused here
 * from the next request on; inside a transaction that would happen before the commit.
 */
export async function revokeApiKey(db: Db, tenantId: number, id: number): Promise<void> {
  if (db.isTransaction) throw new Error('revokeApiKey must run outside a transaction');
  const result = await db
    .updateTable('api_keys')
    .set({ revoked_at: Date.now() })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  revocations++;
  if (Number(result.numUpdatedRows) === 0) {
    throw new AppError('NOT_FOUND', `No active API key ${id} in this tenant`, { id });
  }
}
