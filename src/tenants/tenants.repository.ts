import type { Db } from '../db/database.js';
import { AppError } from '../domain/errors.js';

export interface TenantRow {
  id: number;
  slug: string;
  name: string;
}

export function listTenants(db: Db): Promise<TenantRow[]> {
  return db.selectFrom('tenants').select(['id', 'slug', 'name']).orderBy('slug').execute();
}

export function findTenantBySlug(db: Db, slug: string): Promise<TenantRow | undefined> {
  return db
    .selectFrom('tenants')
    .select(['id', 'slug', 'name'])
    .where('slug', '=', slug)
    .executeTakeFirst();
}

/**
 * The tenant a command acts on: the one named, or the only one there is. Anything else is an
 * error that lists the tenants to choose from.
 */
export async function resolveTenant(db: Db, slug?: string): Promise<TenantRow> {
  if (slug) {
    const tenant = await findTenantBySlug(db, slug);
    if (tenant) return tenant;
  }
  const all = await listTenants(db);
  if (!slug && all.length === 1 && all[0]) return all[0];
  const names =
    all.map((t) => t.slug).join(', ') || '(none yet: run `rewardbook tenants create SLUG`)';
  const problem = slug ? `No tenant "${slug}"` : 'There are several tenants';
  throw new AppError('UNKNOWN_TENANT', `${problem}; choose one with --tenant SLUG: ${names}`, {
    tenants: all.map((t) => t.slug),
  });
}
