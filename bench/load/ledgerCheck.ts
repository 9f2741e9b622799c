/**
 * The ledger check over the whole database: every reward's redeemed total equals the sum of its
 * redemption lines (reversal lines are negative, so the sum is net of reversals), and lies
 * between zero and the reward's amount.
 */
import { sql } from 'kysely';
import { openDatabase } from '../../src/db/database.js';

export interface LedgerCheck {
  rewards: number;
  violations: number;
  redemptions: number;
  redeemedMinor: number;
}

export async function checkLedger(databaseUrl: string): Promise<LedgerCheck> {
  const handle = openDatabase(databaseUrl);
  try {
    const totals = await sql<{ rewards: number; violations: number; redeemed: number }>`
      select count(*) as rewards,
             coalesce(sum(case when r.redeemed <> coalesce(l.total, 0)
                                 or r.redeemed > r.amount or r.redeemed < 0
                               then 1 else 0 end), 0) as violations,
             coalesce(sum(r.redeemed), 0) as redeemed
      from rewards r
      left join (select reward_id, sum(amount) as total
                 from redemption_lines group by reward_id) l on l.reward_id = r.id`.execute(
      handle.db,
    );
    const redemptions = await sql<{ n: number }>`
      select count(*) as n from redemptions where kind = 'REDEEM'`.execute(handle.db);
    const row = totals.rows[0]!;
    return {
      rewards: Number(row.rewards),
      violations: Number(row.violations),
      redemptions: Number(redemptions.rows[0]!.n),
      redeemedMinor: Number(row.redeemed),
    };
  } finally {
    await handle.close();
  }
}
