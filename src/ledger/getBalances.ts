/** A participant's balances, one per unit (optionally per program), with every total. */
import type { Db } from '../db/database.js';
import { reusableQuery, type Param } from '../db/reusableQuery.js';
import { formatAmount } from '../domain/amounts.js';
import { summarizeBalance } from '../domain/balance.js';
import { toIso } from '../domain/dates.js';
import type { RewardState } from '../domain/rewards.js';
import { requireParticipant } from './participants.repository.js';
import type { BalanceParams } from './redeemableBalance.repository.js';
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
  // The usual case, a participant with rewards in the asked unit and program, in one query;
  // otherwise the lookups one by one name what is missing, or give an empty balance.
  const found = await selectBalanceRewards(db, tenantId, query);
  const [first] = found;
  if (first) {
    const participant = { account_id: first.accountId, user_id: first.userId };
    const unit = query.unit
      ? { code: first.unit, name: first.unitName, decimals: first.decimals }
      : null;
    const program = query.programId ? { code: query.programId } : null;
    return present(found, participant, unit, program);
  }
  const participant = await requireParticipant(db, tenantId, query.accountId, query.userId);
  const unit = query.unit ? await requireUnit(db, tenantId, query.unit) : null;
  const program = query.programId ? await requireProgram(db, tenantId, query.programId) : null;
  let select = db
    .selectFrom('rewards as r')
    .innerJoin('units as u', 'u.id', 'r.unit_id')
    .select(REWARD_COLUMNS)
    .where('r.participant_id', '=', participant.id);
  if (unit) select = select.where('r.unit_id', '=', unit.id);
  if (program) select = select.where('r.program_id', '=', program.id);
  const rows = await select.orderBy('u.code').execute();
  return present(rows, participant, unit, program);
}

const REWARD_COLUMNS = [
  'r.id as id',
  'r.amount as amount',
  'r.redeemed as redeemed',
  'r.status as status',
  'r.date_given as dateGiven',
  'r.date_expires as dateExpires',
  'u.code as unit',
  'u.name as unitName',
  'u.decimals as decimals',
] as const;

/** The participant's rewards, in the asked unit and program when `byUnit` / `byProgram`. */
function buildBalanceRewards(db: Db, p: Param<BalanceParams>, byUnit: boolean, byProgram: boolean) {
  let select = db
    .selectFrom('participants as p')
    .innerJoin('rewards as r', 'r.participant_id', 'p.id')
    .innerJoin('units as u', 'u.id', 'r.unit_id')
    .select([...REWARD_COLUMNS, 'p.account_id as accountId', 'p.user_id as userId'])
    .where('p.tenant_id', '=', p('tenantId'))
    .where('p.account_id', '=', p('accountId'))
    .where('p.user_id', '=', p('userId'));
  if (byUnit) select = select.where('u.code', '=', p('unit'));
  if (byProgram) {
    select = select
      .innerJoin('programs as g', 'g.id', 'r.program_id')
      .where('g.code', '=', p('program'));
  }
  return select.orderBy('u.code');
}

const balanceRewardsOfShape = (byUnit: boolean, byProgram: boolean) =>
  reusableQuery((db, p: Param<BalanceParams>) => buildBalanceRewards(db, p, byUnit, byProgram));
/** One reusable query per shape: [neither, program, unit, unit and program]. */
const balanceRewards = [
  balanceRewardsOfShape(false, false),
  balanceRewardsOfShape(false, true),
  balanceRewardsOfShape(true, false),
  balanceRewardsOfShape(true, true),
] as const;

/** The participant's rewards in the asked unit and program, found by their codes. */
function selectBalanceRewards(db: Db, tenantId: number, query: BalanceQuery) {
  const shape = (query.unit ? 2 : 0) + (query.programId ? 1 : 0);
  return balanceRewards[shape as 0 | 1 | 2 | 3](db, {
    tenantId,
    accountId: query.accountId,
    userId: query.userId,
    unit: query.unit ?? '',
    program: query.programId ?? '',
  });
}

type RewardRow = RewardState & { unit: string; unitName: string; decimals: number };

/** One view per unit the rewards are in (and the asked unit, even without rewards). */
function present(
  rows: readonly RewardRow[],
  participant: { account_id: string; user_id: string },
  unit: { code: string; name: string; decimals: number } | null,
  program: { code: string } | null,
): BalanceView[] {
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
