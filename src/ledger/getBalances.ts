/** A participant's balances, one per unit (optionally per program), with every total. */
import type { Db } from '../db/database.js';
import { formatAmount } from '../domain/amounts.js';
import { summarizeBalance } from '../domain/balance.js';
import { toIso } from '../domain/dates.js';
import type { RewardState } from '../domain/rewards.js';
import { requireParticipant } from './participants.repository.js';
import { requireProgram } from './programs.repository.js';
import { requireUnit } from './units.repository.js';

export interface BalanceView {
  accountId: string;
  userId: string;
  unit: string;
  unitName: string;
  decimals: number;
  programId: string | null;
  available: string;
  assigned: string;
  redeemed: string;
  pending: string;
  expired: string;
  cancelled: string;
  rewardCount: number;
  nextExpiry: string | null;
}

export interface BalanceQuery {
  accountId: string;
  userId: string;
  unit?: string;
  programId?: string;
}

/** Errors: UNKNOWN_PARTICIPANT, UNKNOWN_UNIT, UNKNOWN_PROGRAM. */
export async function getBalances(
  db: Db,
  tenantId: number,
  query: BalanceQuery,
): Promise<BalanceView[]> {
  const participant = await requireParticipant(db, tenantId, query.accountId, query.userId);
  const unit = query.unit ? await requireUnit(db, tenantId, query.unit) : null;
  const program = query.programId ? await requireProgram(db, tenantId, query.programId) : null;
  let select = db
    .selectFrom('rewards as r')
    .innerJoin('units as u', 'u.id', 'r.unit_id')
    .select([
      'r.id as id',
      'r.amount as amount',
      'r.redeemed as redeemed',
      'r.status as status',
      'r.date_given as dateGiven',
      'r.date_expires as dateExpires',
      'u.code as unit',
      'u.name as unitName',
      'u.decimals as decimals',
    ])
    .where('r.participant_id', '=', participant.id);
  if (unit) select = select.where('r.unit_id', '=', unit.id);
  if (program) select = select.where('r.program_id', '=', program.id);
  const rows = await select.orderBy('u.code').execute();
  const byUnit = new Map<string, { name: string; decimals: number; rewards: RewardState[] }>();
  for (const row of rows) {
    const group = byUnit.get(row.unit) ?? {
      name: row.unitName,
      decimals: row.decimals,
      rewards: [],
    };
    group.rewards.push(row);
    byUnit.set(row.unit, group);
  }
  if (unit && !byUnit.has(unit.code))
    byUnit.set(unit.code, { name: unit.name, decimals: unit.decimals, rewards: [] });
  const now = Date.now();
  return [...byUnit.entries()].map(([code, group]) => {
    const t = summarizeBalance(group.rewards, now);
    const fmt = (minor: number) => formatAmount(minor, group.decimals);
    return {
      accountId: participant.account_id,
      userId: participant.user_id,
      unit: code,
      unitName: group.name,
      decimals: group.decimals,
      programId: program?.code ?? null,
      available: fmt(t.available),
      assigned: fmt(t.assigned),
      redeemed: fmt(t.redeemed),
      pending: fmt(t.pending),
      expired: fmt(t.expired),
      cancelled: fmt(t.cancelled),
      rewardCount: t.rewardCount,
      nextExpiry: toIso(t.nextExpiry),
    };
  });
}
