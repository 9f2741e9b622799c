/** Removes an admin from a tenant and ends their sessions; never yourself, never the last one. */
import type { Db } from '../db/database.js';
import { dialectOf } from '../db/dialectOf.js';
import { AppError } from '../domain/errors.js';
import { findAdmin, listActiveAdmins } from './admins.repository.js';

/** Errors: NOT_FOUND, CONFLICT (yourself, or the last admin). */
export async function removeAdmin(
  db: Db,
  tenantId: number,
  adminId: number,
  removedBy: { adminId: number | null },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // Two admins removing each other at once must not leave none: the tenant row serialises them.
    // (SQLite runs one write transaction at a time already.)
    if (dialectOf(trx) === 'postgres') {
      await trx.selectFrom('tenants').select('id').where('id', '=', tenantId).forUpdate().execute();
    }
    const admin = await findAdmin(trx, tenantId, adminId);
    if (!admin || admin.removed_at !== null) {
      throw new AppError('NOT_FOUND', `No admin ${adminId} in this tenant`, { id: adminId });
    }
    if (admin.id === removedBy.adminId) {
      throw new AppError(
        'CONFLICT',
        'You cannot remove yourself; ask another admin to remove you',
        { id: adminId },
      );
    }
    const active = await listActiveAdmins(trx, tenantId);
    if (active.length <= 1) {
      throw new AppError(
        'CONFLICT',
        `${admin.email} is the last admin of this tenant; add another admin first`,
        { id: adminId },
      );
    }
    const now = Date.now();
    await trx.updateTable('admins').set({ removed_at: now }).where('id', '=', admin.id).execute();
    await trx
      .updateTable('sessions')
      .set({ revoked_at: now })
      .where('admin_id', '=', admin.id)
      .where('revoked_at', 'is', null)
      .execute();
  });
}
