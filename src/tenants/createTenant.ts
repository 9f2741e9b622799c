import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { AppError } from '../domain/errors.js';
import { generatePassword, hashPassword } from '../auth/passwords.js';
import { findTenantBySlug, type TenantRow } from './tenants.repository.js';

const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface CreatedTenant {
  tenant: TenantRow;
  admin: { email: string; password: string } | null;
}

/** Creates a tenant, and its first admin with a generated password when an email is given. */
export async function createTenant(
  db: Kysely<Database>,
  input: { slug: string; name?: string; adminEmail?: string; adminPassword?: string },
): Promise<CreatedTenant> {
  const slug = input.slug.trim();
  if (!SLUG.test(slug)) {
    throw new AppError(
      'VALIDATION_FAILED',
      `Tenant slug "${slug}" must be lower-case letters, digits and dashes, such as acme-rewards`,
      { field: 'slug' },
    );
  }
  const email = input.adminEmail?.trim().toLowerCase();
  if (email !== undefined && !EMAIL.test(email)) {
    throw new AppError('VALIDATION_FAILED', `"${email}" is not an email address`, {
      field: 'adminEmail',
    });
  }
  if (await findTenantBySlug(db, slug)) {
    throw new AppError('DUPLICATE', `A tenant "${slug}" already exists`, { slug });
  }
  const password = input.adminPassword ?? generatePassword();
  const passwordHash = email ? await hashPassword(password) : null;
  return db.transaction().execute(async (trx) => {
    const now = Date.now();
    const tenant = await trx
      .insertInto('tenants')
      .values({ slug, name: input.name?.trim() || slug, created_at: now })
      .returning(['id', 'slug', 'name'])
      .executeTakeFirstOrThrow();
    if (!email || !passwordHash) return { tenant, admin: null };
    await trx
      .insertInto('admins')
      .values({
        tenant_id: tenant.id,
        email,
        name: email.split('@')[0] ?? email,
        password_hash: passwordHash,
        created_at: now,
        removed_at: null,
      })
      .execute();
    return { tenant, admin: { email, password } };
  });
}
