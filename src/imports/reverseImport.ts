/**
 * Reverses a finished import: every redemption it made gets a reversal, in one transaction, so
 * either all of it is restored or (when a reward changed since in a way that makes restoring
 * wrong) nothing is, and the refusal names the reward.
 */
import type { Db } from '../db/database.js';
import type { RedemptionSource } from '../db/schema.js';
import { toIso } from '../domain/dates.js';
import { AppError } from '../domain/errors.js';
import { reverseRedemptionIn } from '../ledger/reverseRedemption.js';
import { requireImportRow } from './imports.repository.js';

export interface ReverseImportResult {
  importId: number;
  reversedRedemptions: number;
}

/** Errors: NOT_FOUND, CONFLICT (not finished, or a dry run), ALREADY_REVERSED, REVERSAL_REFUSED. */
export async function reverseImport(
  db: Db,
  tenantId: number,
  importId: number,
  who: { source: RedemptionSource; actor: string },
): Promise<ReverseImportResult> {
  return db.transaction().execute(async (trx) => {
    const imp = await requireImportRow(trx, tenantId, importId);
    if (imp.dry_run === 1) {
      throw new AppError(
        'CONFLICT',
        `Import ${importId} was a dry run: it changed nothing, so there is nothing to reverse`,
        { importId },
      );
    }
    if (imp.reversed_at !== null) {
      throw new AppError(
        'ALREADY_REVERSED',
        `Import ${importId} was already reversed ${toIso(imp.reversed_at)} by ${imp.reversed_by}`,
        { importId },
      );
    }
    if (imp.status !== 'succeeded') {
      throw new AppError(
        'CONFLICT',
        `Import ${importId} is ${imp.status}; only a finished import can be reversed`,
        { importId, status: imp.status },
      );
    }
    const redemptions = await trx
      .selectFrom('redemptions as d')
      .leftJoin('redemptions as rv', 'rv.reverses_id', 'd.id')
      .select('d.id')
      .where('d.tenant_id', '=', tenantId)
      .where('d.import_id', '=', importId)
      .where('d.kind', '=', 'REDEEM')
      .where('rv.id', 'is', null)
      .orderBy('d.id')
      .execute();
    const now = Date.now();
    for (const { id } of redemptions) await reverseRedemptionIn(trx, tenantId, id, who, now);
    await trx
      .updateTable('imports')
      .set({ reversed_at: now, reversed_by: who.actor })
      .where('id', '=', importId)
      .execute();
    return { importId, reversedRedemptions: redemptions.length };
  });
}
