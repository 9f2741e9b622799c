import type { Db } from '../db/database.js';

/**
 * Writes EXPIRED on AVAILABLE rewards whose expiry has passed. Only for display and reporting
 * speed: every balance and plan already treats such rewards as expired.
 */
export async function expireRewards(db: Db, now: number, tenantId?: number): Promise<number> {
  let query = db
    .updateTable('rewards')
    .set({ status: 'EXPIRED' })
    .where('status', '=', 'AVAILABLE')
    .where('date_expires', 'is not', null)
    .where('date_expires', '<=', now);
  if (tenantId !== undefined) query = query.where('tenant_id', '=', tenantId);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}
