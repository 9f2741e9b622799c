import type { Db } from '../db/database.js';
import { AppError } from '../domain/errors.js';

export interface ProgramRow {
  id: number;
  code: string;
  name: string;
}

const PROGRAM_CODE = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;

export function listPrograms(db: Db, tenantId: number): Promise<ProgramRow[]> {
  return db
    .selectFrom('programs')
    .select(['id', 'code', 'name'])
    .where('tenant_id', '=', tenantId)
    .orderBy('code')
    .execute();
}

export function findProgram(
  db: Db,
  tenantId: number,
  code: string,
): Promise<ProgramRow | undefined> {
  return db
    .selectFrom('programs')
    .select(['id', 'code', 'name'])
    .where('tenant_id', '=', tenantId)
    .where('code', '=', code)
    .executeTakeFirst();
}

export async function requireProgram(db: Db, tenantId: number, code: string): Promise<ProgramRow> {
  const program = await findProgram(db, tenantId, code);
  if (program) return program;
  const known = (await listPrograms(db, tenantId)).map((p) => p.code);
  throw new AppError(
    'UNKNOWN_PROGRAM',
    `Unknown program "${code}"; this tenant's programs are: ${known.join(', ') || '(none yet)'}`,
    { programId: code, known },
  );
}

export async function ensureProgram(
  db: Db,
  tenantId: number,
  code: string,
  name?: string,
): Promise<ProgramRow> {
  const existing = await findProgram(db, tenantId, code);
  if (existing) return existing;
  if (!PROGRAM_CODE.test(code)) {
    throw new AppError(
      'VALIDATION_FAILED',
      `programId "${code}" must be letters, digits, "_", ".", ":" or "-" (up to 128), such as spring-referral`,
      { programId: code },
    );
  }
  await db
    .insertInto('programs')
    .values({ tenant_id: tenantId, code, name: name?.trim() || code, created_at: Date.now() })
    .onConflict((oc) => oc.columns(['tenant_id', 'code']).doNothing())
    .execute();
  return requireProgram(db, tenantId, code);
}
