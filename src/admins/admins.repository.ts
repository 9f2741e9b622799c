/** Admins of a tenant: the people who sign in to the web app. Removed admins keep their row. */
import type { Db } from '../db/database.js';
import { toIso } from '../domain/dates.js';

export interface AdminRow {
  id: number;
  tenant_id: number;
  email: string;
  name: string;
  password_hash: string | null;
  created_at: number;
  removed_at: number | null;
}

export interface AdminView {
  id: number;
  email: string;
  name: string;
  createdAt: string;
}

export function presentAdmin(row: AdminRow): AdminView {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    createdAt: toIso(row.created_at) ?? '',
  };
}

/** Active admins with this email, in every tenant (an email may administer several). */
export function findActiveAdminsByEmail(db: Db, email: string): Promise<AdminRow[]> {
  return db
    .selectFrom('admins')
    .selectAll()
    .where('email', '=', email)
    .where('removed_at', 'is', null)
    .orderBy('id')
    .execute();
}

export function findAdmin(db: Db, tenantId: number, id: number): Promise<AdminRow | undefined> {
  return db
    .selectFrom('admins')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findAdminByEmail(
  db: Db,
  tenantId: number,
  email: string,
): Promise<AdminRow | undefined> {
  return db
    .selectFrom('admins')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('email', '=', email)
    .executeTakeFirst();
}

export function listActiveAdmins(db: Db, tenantId: number): Promise<AdminRow[]> {
  return db
    .selectFrom('admins')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('removed_at', 'is', null)
    .orderBy('email')
    .execute();
}
