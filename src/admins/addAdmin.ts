/** Adds an admin to a tenant, with a password chosen by the caller or generated (shown once). */
import { generatePassword, hashPassword } from '../auth/passwords.js';
import type { Db } from '../db/database.js';
import { AppError } from '../domain/errors.js';
import { findAdminByEmail, presentAdmin, type AdminView } from './admins.repository.js';
import { normalizeEmail } from './checkSignIn.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const MIN_PASSWORD_LENGTH = 10;

export interface AddAdminInput {
  email: string;
  name?: string;
  /** Empty or absent: a random password is generated. */
  password?: string;
}

/** Errors: VALIDATION_FAILED (email, password), DUPLICATE (already an admin of this tenant). */
export async function addAdmin(
  db: Db,
  tenantId: number,
  input: AddAdminInput,
): Promise<{ admin: AdminView; password: string }> {
  const email = normalizeEmail(input.email);
  if (!EMAIL.test(email)) {
    throw new AppError(
      'VALIDATION_FAILED',
      `"${email}" is not an email address, such as ada@example.com`,
      {
        field: 'email',
      },
    );
  }
  const password = input.password || generatePassword();
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new AppError(
      'VALIDATION_FAILED',
      `The password has ${password.length} characters; use at least ${MIN_PASSWORD_LENGTH}, or leave it empty to generate one`,
      { field: 'password' },
    );
  }
  const name = input.name?.trim() || email.split('@')[0] || email;
  const passwordHash = await hashPassword(password);
  const existing = await findAdminByEmail(db, tenantId, email);
  if (existing && existing.removed_at === null) {
    throw new AppError('DUPLICATE', `${email} is already an admin of this tenant`, { email });
  }
  const now = Date.now();
  // A removed admin keeps its row (redemptions name it), so adding the email again revives it.
  const row = existing
    ? await db
        .updateTable('admins')
        .set({ name, password_hash: passwordHash, removed_at: null, created_at: now })
        .where('id', '=', existing.id)
        .returningAll()
        .executeTakeFirstOrThrow()
    : await db
        .insertInto('admins')
        .values({
          tenant_id: tenantId,
          email,
          name,
          password_hash: passwordHash,
          created_at: now,
          removed_at: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
  return { admin: presentAdmin(row), password };
}
