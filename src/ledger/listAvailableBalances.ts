import type { Db } from '../db/database.js';
import { formatAmount } from '../domain/amounts.js';

export interface AvailableBalance {
  accountId: string;
  userId: string;
  unit: string;
  availableValue: string;
}

/**
 * Every (accountId, userId, unit) balance with something available now, across programs,
 * a page at a time in a stable order (participant, then unit).
 */
export async function* iterateAvailableBalances(
  db: Db,
  tenantId: number,
  now = Date.now(),
): AsyncGenerator<AvailableBalance> {
  const pageSize = 5000;
  let after = { participantId: 0, unitId: 0 };
  for (;;) {
    const rows = await db
      .selectFrom('rewards as r')
      .innerJoin('participants as p', 'p.id', 'r.participant_id')
      .innerJoin('units as u', 'u.id', 'r.unit_id')
      .select((eb) => [
        'r.participant_id as participantId',
        'r.unit_id as unitId',
        'p.account_id as accountId',
        'p.user_id as userId',
        'u.code as unit',
        'u.decimals as decimals',
        eb.fn.sum<number>(eb('r.amount', '-', eb.ref('r.redeemed'))).as('available'),
      ])
      .where('r.tenant_id', '=', tenantId)
      .where('r.status', '=', 'AVAILABLE')
      .where((eb) => eb.or([eb('r.date_expires', 'is', null), eb('r.date_expires', '>', now)]))
      .where((eb) =>
        eb.or([
          eb('r.participant_id', '>', after.participantId),
          eb.and([
            eb('r.participant_id', '=', after.participantId),
            eb('r.unit_id', '>', after.unitId),
          ]),
        ]),
      )
      .groupBy([
        'r.participant_id',
        'r.unit_id',
        'p.account_id',
        'p.user_id',
        'u.code',
        'u.decimals',
      ])
      .orderBy('r.participant_id')
      .orderBy('r.unit_id')
      .limit(pageSize)
      .execute();
    for (const row of rows) {
      const available = Number(row.available);
      if (available > 0) {
        yield {
          accountId: row.accountId,
          userId: row.userId,
          unit: row.unit,
          availableValue: formatAmount(available, row.decimals),
        };
      }
    }
    const last = rows.at(-1);
    if (!last || rows.length < pageSize) return;
    after = { participantId: last.participantId, unitId: last.unitId };
  }
}
