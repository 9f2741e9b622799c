/**
 * Remembers for a second which tenant an API key belongs to, so that a client's requests do not
 * each look their key up: on PostgreSQL that lookup was one of a redemption's five round trips
 * and half of a balance read's.
 *
 * What a revocation means with it:
 * - In the process that revokes (the settings route, the `revokeApiKey` function): at once. Every
 *   remembered key is forgotten when any key is revoked, and a lookup that started before the
 *   revocation is not reused after it.
 * - In other processes (`rewardbook api-keys revoke`, another `serve`): a key they remember keeps
 *   working for at most API_KEY_CACHE_MS after the revocation is committed.
 * Unknown and revoked keys are never remembered: each request presenting one is looked up.
 */
import type { Db } from '../db/database.js';
import {
  apiKeyRevocations,
  findActiveKey,
  hashKey,
  looksLikeApiKey,
  type AuthenticatedKey,
} from './apiKeys.js';

/** How long another process's revocation may take to reach this one (README, RELIABILITY.md). */
export const API_KEY_CACHE_MS = 1_000;
/** Keys remembered at most; all are forgotten when full (a miss costs one lookup). */
const MAX_KEYS = 1_000;

interface Remembered {
  /** apiKeyRevocations() when the lookup started. */
  revocations: number;
  /** Clock time until which the answer may be reused: the lookup's start plus the ttl. */
  until: number;
  found: Promise<AuthenticatedKey | null>;
}

export interface ApiKeyCacheOptions {
  ttlMs?: number;
  /** Milliseconds, for tests; Date.now by default. */
  now?: () => number;
}

/** `authenticateApiKey` over one database, with its answers remembered as described above. */
export function cachedApiKeyLookup(
  db: Db,
  options: ApiKeyCacheOptions = {},
): (key: string) => Promise<AuthenticatedKey | null> {
  const ttl = options.ttlMs ?? API_KEY_CACHE_MS;
  const now = options.now ?? Date.now;
  // By hash, as stored: the process keeps no presented key longer than its request.
  const remembered = new Map<string, Remembered>();
  return async (key) => {
    if (!looksLikeApiKey(key)) return null;
    const keyHash = hashKey(key);
    const at = now();
    const revocations = apiKeyRevocations();
    const known = remembered.get(keyHash);
    // Requests arriving while a lookup runs share it, as long as no revocation came between.
    if (known && known.revocations === revocations && at < known.until) return known.found;
    if (remembered.size >= MAX_KEYS) remembered.clear();
    const entry: Remembered = { revocations, until: at + ttl, found: findActiveKey(db, keyHash) };
    remembered.set(keyHash, entry);
    const forget = () => {
      if (remembered.get(keyHash) === entry) remembered.delete(keyHash);
    };
    entry.found.then((found) => {
      if (!found) forget();
    }, forget);
    return entry.found;
  };
}
