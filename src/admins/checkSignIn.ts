/**
 * Checks an admin's email and password. A wrong email and a wrong password get the same answer,
 * and take about as long: a password is hashed even when no admin has that email.
 */
import { hashPassword, verifyPassword } from '../auth/passwords.js';
import type { Db } from '../db/database.js';
import { AppError } from '../domain/errors.js';
import { findTenantBySlug } from '../tenants/tenants.repository.js';
import { findActiveAdminsByEmail, type AdminRow } from './admins.repository.js';

export const WRONG_SIGN_IN = 'Email or password is wrong';

// Verified against when no admin matches, so an unknown email costs one scrypt like a known one.
let decoyHash: Promise<string> | undefined;

/** Email addresses are compared without surrounding spaces and case. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export interface SignInInput {
  email: string;
  password: string;
  /** The tenant's slug; only needed when one email administers several tenants. */
  tenant?: string;
}

/** Errors: UNAUTHENTICATED (always with WRONG_SIGN_IN), VALIDATION_FAILED for an ambiguous email. */
export async function checkSignIn(db: Db, input: SignInInput): Promise<AdminRow> {
  let candidates = await findActiveAdminsByEmail(db, normalizeEmail(input.email));
  const slug = input.tenant?.trim();
  if (slug) {
    const tenant = await findTenantBySlug(db, slug);
    candidates = candidates.filter((a) => a.tenant_id === tenant?.id);
  }
  const matches: AdminRow[] = [];
  for (const admin of candidates) {
    if (admin.password_hash && (await verifyPassword(input.password, admin.password_hash))) {
      matches.push(admin);
    }
  }
  if (candidates.length === 0) {
    decoyHash ??= hashPassword('decoy password that no admin has');
    await verifyPassword(input.password, await decoyHash);
  }
  const [match] = matches;
  if (!match) throw new AppError('UNAUTHENTICATED', WRONG_SIGN_IN);
  if (matches.length > 1) {
    // Only someone who knows the password learns this, so it reveals nothing to a guesser.
    throw new AppError(
      'VALIDATION_FAILED',
      'This email administers several tenants; enter the tenant as well',
      { field: 'tenant' },
    );
  }
  return match;
}
