/**
 * Admin sessions. The cookie holds a random token; the table holds only its SHA-256, so reading
 * the table does not let anyone sign in. A session ends when it is revoked (sign-out, admin
 * removed), idle for IDLE_MS, or older than its expires_at.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/database.js';

export const SESSION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;
export const IDLE_MS = 12 * 60 * 60 * 1000;
// last_seen_at is written at most this often, not on every request.
const TOUCH_EVERY_MS = 60 * 1000;

export interface LiveSession {
  id: string;
  adminId: number;
  tenantId: number;
  csrfToken: string;
  email: string;
  name: string;
  tenantSlug: string;
  tenantName: string;
  expiresAt: number;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createSession(
  db: Db,
  input: { adminId: number; tenantId: number; now?: number },
): Promise<{ token: string; expiresAt: number }> {
  const now = input.now ?? Date.now();
  const token = randomBytes(32).toString('base64url');
  const expiresAt = now + SESSION_LIFETIME_MS;
  await db
    .insertInto('sessions')
    .values({
      id: hashToken(token),
      admin_id: input.adminId,
      tenant_id: input.tenantId,
      csrf_token: randomBytes(24).toString('base64url'),
      created_at: now,
      last_seen_at: now,
      expires_at: expiresAt,
      revoked_at: null,
    })
    .execute();
  return { token, expiresAt };
}

/** The session of a cookie token if it is still live (and its admin not removed), else null. */
export async function findLiveSession(
  db: Db,
  token: string,
  now = Date.now(),
): Promise<LiveSession | null> {
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('admins as a', 'a.id', 's.admin_id')
    .innerJoin('tenants as t', 't.id', 's.tenant_id')
    .select([
      's.id',
      's.admin_id',
      's.tenant_id',
      's.csrf_token',
      's.last_seen_at',
      's.expires_at',
      'a.email',
      'a.name',
      't.slug',
      't.name as tenant_name',
    ])
    .where('s.id', '=', hashToken(token))
    .where('s.revoked_at', 'is', null)
    .where('a.removed_at', 'is', null)
    .where('s.expires_at', '>', now)
    .where('s.last_seen_at', '>', now - IDLE_MS)
    .executeTakeFirst();
  if (!row) return null;
  if (now - row.last_seen_at > TOUCH_EVERY_MS) {
    await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', row.id).execute();
  }
  return {
    id: row.id,
    adminId: row.admin_id,
    tenantId: row.tenant_id,
    csrfToken: row.csrf_token,
    email: row.email,
    name: row.name,
    tenantSlug: row.slug,
    tenantName: row.tenant_name,
    expiresAt: row.expires_at,
  };
}

export async function revokeSession(db: Db, id: string, now = Date.now()): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}
