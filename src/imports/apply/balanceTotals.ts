/**
 * Pricing a dry run on balance totals instead of rewards: pure. A dry run needs only whether each
 * row fits and what is left, not which rewards a redemption would take, so it reads one total per
 * participant, unit and program (a third of the rows a reward read returns) and keeps what its
 * earlier rows took per balance.
 *
 * Totals answer exactly as rewards would except for one order: a row naming a program after a
 * row for all programs took from the same balance (how much of that program the first row took
 * depends on expiry order across programs). Such a balance is priced on its rewards, with the
 * dry run's earlier takings replayed onto them in file order.
 */
import {
  isTarget,
  balanceKey,
  overdrawn,
  participantKey,
  poolOf,
  priceOnRewards,
  redeemedRow,
  takeFrom,
  targetOf,
  warningsFor,
  type ImportReward,
  type LookupContext,
  type PricedRow,
  type RowTarget,
} from './planRows.js';
import type { RowIntent } from './rowIntent.js';

/** Available amounts of one balance at the dry run's instant: in all, and per program id. */
export interface BalanceTotal {
  total: number;
  /** Keyed by program id; rewards of no program under null. */
  byProgram: Map<number | null, number>;
}

/** One taking of a dry run: the program a row named (null: all) and the amount. */
export type Taking = [programId: number | null, amount: number];

/**
 * What a dry run's rows took from one balance so far: a number when only rows for all programs
 * took (their sum; the common case, kept small for a million balances), else every taking in
 * file order.
 */
export type BalanceUse = number | Taking[];

/** A dry run's takings by unit id, then participant id. */
export type DryRunUses = Map<number, Map<number, BalanceUse>>;

export interface TotalsContext extends LookupContext {
  /** Totals by `participantId:unitId`, read at `now`. */
  totals: Map<string, BalanceTotal>;
  uses: DryRunUses;
  /**
   * The AVAILABLE rewards of balances that must be priced on rewards, as stored (nothing of the
   * dry run applied); loaded for the balances `needsRewards` names.
   */
  storedRewards: Map<string, ImportReward[]>;
}

function useOf(uses: DryRunUses, participantId: number, unitId: number): BalanceUse | undefined {
  return uses.get(unitId)?.get(participantId);
}

function addUse(uses: DryRunUses, target: RowTarget): void {
  let byParticipant = uses.get(target.unit.id);
  if (!byParticipant) uses.set(target.unit.id, (byParticipant = new Map()));
  const before = byParticipant.get(target.participantId);
  const taking: Taking = [target.programId, target.amount];
  if (Array.isArray(before)) {
    const last = before.at(-1);
    if (last && last[0] === taking[0]) last[1] += taking[1];
    else before.push(taking);
  } else if (target.programId === null) {
    byParticipant.set(target.participantId, (before ?? 0) + target.amount);
  } else {
    byParticipant.set(target.participantId, before ? [[null, before], taking] : [taking]);
  }
}

/** What the rows so far took for all programs, and per named program. */
function takenSoFar(use: BalanceUse | undefined) {
  const byProgram = new Map<number, number>();
  if (use === undefined || typeof use === 'number') return { all: use ?? 0, byProgram };
  let all = 0;
  for (const [programId, amount] of use) {
    if (programId === null) all += amount;
    else byProgram.set(programId, (byProgram.get(programId) ?? 0) + amount);
  }
  return { all, byProgram };
}

/** The balance's available amount for the target's program filter, or null when totals cannot tell. */
export function availableOnTotals(
  total: BalanceTotal | undefined,
  use: BalanceUse | undefined,
  programId: number | null,
): number | null {
  if (use === undefined || typeof use === 'number') {
    // The common case, priced without building takenSoFar's map for every row.
    const all = use ?? 0;
    if (programId === null) return (total?.total ?? 0) - all;
    return all > 0 ? null : (total?.byProgram.get(programId) ?? 0);
  }
  const taken = takenSoFar(use);
  if (programId === null) {
    let left = (total?.total ?? 0) - taken.all;
    for (const amount of taken.byProgram.values()) left -= amount;
    return left;
  }
  if (taken.all > 0) return null;
  return (total?.byProgram.get(programId) ?? 0) - (taken.byProgram.get(programId) ?? 0);
}

/** The stored rewards with the dry run's earlier takings applied, in file order. */
function replayed(rewards: readonly ImportReward[], use: BalanceUse | undefined, now: number) {
  const copies = rewards.map((r) => ({ ...r }));
  const takings: Taking[] = typeof use === 'number' ? [[null, use]] : (use ?? []);
  for (const [programId, amount] of takings) takeFrom(poolOf(copies, programId), amount, now);
  return copies;
}

/** Prices one dry-run row and records what it takes. */
export function priceOnTotals(intent: RowIntent, ctx: TotalsContext): PricedRow {
  const target = targetOf(intent, ctx);
  if (!isTarget(target)) return target;
  const key = balanceKey(target.participantId, target.unit.id);
  const use = useOf(ctx.uses, target.participantId, target.unit.id);
  const available = availableOnTotals(ctx.totals.get(key), use, target.programId);
  let row: PricedRow;
  if (available === null) {
    const stored = ctx.storedRewards.get(key);
    if (!stored) throw new Error(`the rewards of balance ${key} were not loaded`);
    row = priceOnRewards(target, replayed(stored, use, ctx.now), ctx.now);
  } else {
    const warnings = warningsFor(target, available);
    row = overdrawn(target, available, warnings) ?? redeemedRow(target, warnings, []);
  }
  if (row.outcome === 'redeemed') addUse(ctx.uses, target);
  return row;
}

/**
 * The participants whose balances some row of this chunk may have to price on rewards: a row
 * naming a program for a balance that a row for all programs took from earlier (in an earlier
 * chunk, or earlier in this one). A superset is harmless: it only reads more.
 */
export function needsRewards(
  intents: readonly RowIntent[],
  ctx: LookupContext & { uses: DryRunUses },
): number[] {
  // Most files name no program at all.
  if (!intents.some((i) => i.programId !== null)) return [];
  const allPrograms = new Set<string>();
  const found = new Set<number>();
  for (const intent of intents) {
    // Looked up without checking the amount: a superset only reads more.
    const unit = ctx.units.get(intent.unit);
    const participantId = ctx.participants.get(participantKey(intent.accountId, intent.userId));
    if (unit === undefined || participantId === undefined) continue;
    const key = balanceKey(participantId, unit.id);
    if (intent.programId === null) {
      allPrograms.add(key);
      continue;
    }
    const use = useOf(ctx.uses, participantId, unit.id);
    const tookAll =
      typeof use === 'number' ? use > 0 : use !== undefined && takenSoFar(use).all > 0;
    if (allPrograms.has(key) || tookAll) found.add(participantId);
  }
  return [...found];
}
