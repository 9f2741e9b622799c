import type { Db } from '../db/database.js';
import { AppError } from '../domain/errors.js';
import {
  defaultDecimals,
  defaultUnitName,
  isValidUnitCode,
  MAX_DECIMALS,
} from '../domain/units.js';

export interface UnitRow {
  id: number;
  code: string;
  name: string;
  decimals: number;
}

const COLUMNS = ['id', 'code', 'name', 'decimals'] as const;

export function listUnits(db: Db, tenantId: number): Promise<UnitRow[]> {
  return db
    .selectFrom('units')
    .select(COLUMNS)
    .where('tenant_id', '=', tenantId)
    .orderBy('code')
    .execute();
}

export function findUnit(db: Db, tenantId: number, code: string): Promise<UnitRow | undefined> {
  return db
    .selectFrom('units')
    .select(COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('code', '=', code)
    .executeTakeFirst();
}

/** The unit with this code, or an UNKNOWN_UNIT error listing the tenant's units. */
export async function requireUnit(db: Db, tenantId: number, code: string): Promise<UnitRow> {
  const unit = await findUnit(db, tenantId, code);
  if (unit) return unit;
  const known = (await listUnits(db, tenantId)).map((u) => u.code);
  throw new AppError(
    'UNKNOWN_UNIT',
    `Unknown unit "${code}"; this tenant's units are: ${known.join(', ') || '(none yet)'}`,
    { unit: code, known },
  );
}

/** Finds a unit, creating it with the default name and decimals when it does not exist yet. */
export async function ensureUnit(db: Db, tenantId: number, code: string): Promise<UnitRow> {
  const existing = await findUnit(db, tenantId, code);
  if (existing) return existing;
  if (!isValidUnitCode(code)) {
    throw new AppError(
      'VALIDATION_FAILED',
      `Unit "${code}" is not a valid unit code; use upper-case letters, digits and _, optionally "/" and an ISO currency, such as POINT or CASH/USD`,
      { unit: code },
    );
  }
  await db
    .insertInto('units')
    .values({
      tenant_id: tenantId,
      code,
      name: defaultUnitName(code),
      decimals: defaultDecimals(code),
      created_at: Date.now(),
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'code']).doNothing())
    .execute();
  return requireUnit(db, tenantId, code);
}

/**
 * Renames a unit or changes its decimals. Decimals can change only while no reward uses the
 * unit: stored amounts are integers of the unit's smallest fraction, so changing the scale
 * later would change every balance.
 */
export async function updateUnit(
  db: Db,
  tenantId: number,
  code: string,
  changes: { name?: string; decimals?: number },
): Promise<UnitRow> {
  const unit = await requireUnit(db, tenantId, code);
  if (changes.decimals !== undefined && changes.decimals !== unit.decimals) {
    if (
      !Number.isInteger(changes.decimals) ||
      changes.decimals < 0 ||
      changes.decimals > MAX_DECIMALS
    ) {
      throw new AppError(
        'VALIDATION_FAILED',
        `decimals must be a whole number from 0 to ${MAX_DECIMALS}`,
        {
          field: 'decimals',
        },
      );
    }
    const used = await db
      .selectFrom('rewards')
      .select('id')
      .where('unit_id', '=', unit.id)
      .limit(1)
      .executeTakeFirst();
    if (used) {
      throw new AppError(
        'CONFLICT',
        `Unit ${code} already has rewards, so its decimals can no longer change (amounts are stored in its smallest fraction)`,
        { unit: code },
      );
    }
  }
  const name = changes.name?.trim();
  await db
    .updateTable('units')
    .set({ name: name || unit.name, decimals: changes.decimals ?? unit.decimals })
    .where('id', '=', unit.id)
    .execute();
  return requireUnit(db, tenantId, code);
}
