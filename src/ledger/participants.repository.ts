import type { Db } from '../db/database.js';
import { dialectOf } from '../db/dialectOf.js';
import { AppError } from '../domain/errors.js';

export interface ParticipantRow {
  id: number;
  account_id: string;
  user_id: string;
  email: string | null;
  first_name: string | null;
  last_name: string | null;
}

export interface ParticipantInput {
  accountId: string;
  userId: string;
  email?: string | null;
  firstName?: string | null;
  lastName?: string | null;
}

const UPSERT_BATCH = 1000;

const COLUMNS = ['id', 'account_id', 'user_id', 'email', 'first_name', 'last_name'] as const;

export function findParticipant(
  db: Db,
  tenantId: number,
  accountId: string,
  userId: string,
): Promise<ParticipantRow | undefined> {
  return db
    .selectFrom('participants')
    .select(COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('account_id', '=', accountId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export async function requireParticipant(
  db: Db,
  tenantId: number,
  accountId: string,
  userId: string,
): Promise<ParticipantRow> {
  const participant = await findParticipant(db, tenantId, accountId, userId);
  if (participant) return participant;
  throw new AppError(
    'UNKNOWN_PARTICIPANT',
    `No participant with accountId "${accountId}" and userId "${userId}"`,
    { accountId, userId },
  );
}

function blankToNull(value: string | null | undefined): string | null {
  const t = value?.trim();
  return t ? t : null;
}

/** Checks identifiers and trims names; shared by single and bulk upserts. */
export function normaliseParticipant(input: ParticipantInput): Required<ParticipantInput> {
  const accountId = input.accountId?.trim() ?? '';
  const userId = input.userId?.trim() ?? '';
  const missing = [!accountId && 'accountId', !userId && 'userId'].filter(Boolean);
  if (missing.length > 0) {
    throw new AppError('VALIDATION_FAILED', `${missing.join(' and ')} must not be empty`, {
      fields: missing,
    });
  }
  return {
    accountId,
    userId,
    email: blankToNull(input.email),
    firstName: blankToNull(input.firstName),
    lastName: blankToNull(input.lastName),
  };
}

/**
 * Creates or updates participants in one statement. Names and email given replace the stored
 * ones; empty ones keep what is stored. Returns ids keyed by `accountId\u0000userId`.
 */
export async function upsertParticipants(
  db: Db,
  tenantId: number,
  inputs: readonly ParticipantInput[],
): Promise<Map<string, number>> {
  const byKey = new Map<string, Required<ParticipantInput>>();
  for (const raw of inputs) {
    const p = normaliseParticipant(raw);
    const key = `${p.accountId}\u0000${p.userId}`;
    const prior = byKey.get(key);
    byKey.set(key, {
      ...p,
      email: p.email ?? prior?.email ?? null,
      firstName: p.firstName ?? prior?.firstName ?? null,
      lastName: p.lastName ?? prior?.lastName ?? null,
    });
  }
  const ids = new Map<string, number>();
  if (byKey.size === 0) return ids;
  const now = Date.now();
  const all = [...byKey.values()];
  // Eight parameters a row: batches stay far below SQLite's limit of 32,766 bound parameters.
  for (let start = 0; start < all.length; start += UPSERT_BATCH) {
    const rows = await db
      .insertInto('participants')
      .values(
        all.slice(start, start + UPSERT_BATCH).map((p) => ({
          tenant_id: tenantId,
          account_id: p.accountId,
          user_id: p.userId,
          email: p.email,
          first_name: p.firstName,
          last_name: p.lastName,
          created_at: now,
          updated_at: now,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['tenant_id', 'account_id', 'user_id']).doUpdateSet((eb) => ({
          email: eb.fn.coalesce('excluded.email', 'participants.email'),
          first_name: eb.fn.coalesce('excluded.first_name', 'participants.first_name'),
          last_name: eb.fn.coalesce('excluded.last_name', 'participants.last_name'),
          updated_at: now,
        })),
      )
      .returning(['id', 'account_id', 'user_id'])
      .execute();
    for (const row of rows) ids.set(`${row.account_id}\u0000${row.user_id}`, row.id);
  }
  return ids;
}

export async function upsertParticipant(
  db: Db,
  tenantId: number,
  input: ParticipantInput,
): Promise<ParticipantRow> {
  const p = normaliseParticipant(input);
  await upsertParticipants(db, tenantId, [p]);
  return requireParticipant(db, tenantId, p.accountId, p.userId);
}

/** Locks the participant row for the rest of the transaction (PostgreSQL; SQLite's BEGIN
 * IMMEDIATE already serialises writers), so concurrent redemptions on a balance queue up. */
export async function lockParticipant(db: Db, participantId: number): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  await db
    .selectFrom('participants')
    .select('id')
    .where('id', '=', participantId)
    .forUpdate()
    .execute();
}
