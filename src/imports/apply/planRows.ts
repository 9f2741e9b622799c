/**
 * Pricing import rows against balances: pure. Rows are priced in file order against reward
 * states that earlier rows already changed, so two rows for one balance apply one after the
 * other, exactly as when the file is applied.
 */
import { formatAmount, parseRedeemAmount } from '../../domain/amounts.js';
import { isAppError } from '../../domain/errors.js';
import { availableOf, planRedemption, type PlanLine } from '../../domain/plan.js';
import type { RewardState } from '../../domain/rewards.js';
import { leadingZerosMessage, withoutLeadingZeros } from './mangled.js';
import type { RowIntent } from './rowIntent.js';

export interface ImportReward extends RewardState {
  programId: number | null;
  dateRedeemed: number | null;
}

export interface UnitInfo {
  id: number;
  code: string;
  decimals: number;
}

/** What a row is checked against before any balance is looked at. */
export interface LookupContext {
  now: number;
  units: Map<string, UnitInfo>;
  programs: Map<string, number>;
  /** Participant ids by `accountId\u0000userId`. */
  participants: Map<string, number>;
  /** Existing ids by their zero-stripped form (`accountId\u0000userId`), for mangled rows. */
  zeroStripped: Map<string, { accountId: string; userId: string }>;
}

export interface PricingContext extends LookupContext {
  /** AVAILABLE rewards by `participantId:unitId`; updated in place as rows are priced. */
  rewards: Map<string, ImportReward[]>;
}

/** A row that passed every check but the balance's: what it asks of which balance. */
export interface RowTarget {
  intent: RowIntent;
  unit: UnitInfo;
  /** Minor units asked for (> 0). */
  amount: number;
  programId: number | null;
  participantId: number;
}

export interface PricedRow {
  intent: RowIntent;
  outcome: 'redeemed' | 'skipped' | 'error';
  /** Minor units redeemed (redeemed rows only). */
  amount: number | null;
  message: string | null;
  warnings: string[];
  redemption: {
    participantId: number;
    unitId: number;
    programId: number | null;
    amount: number;
    lines: PlanLine[];
  } | null;
}

export const participantKey = (accountId: string, userId: string) => `${accountId}\u0000${userId}`;
export const balanceKey = (participantId: number, unitId: number) => `${participantId}:${unitId}`;

function unknownParticipant(intent: RowIntent, ctx: LookupContext): string {
  const stripped = participantKey(
    withoutLeadingZeros(intent.accountId),
    withoutLeadingZeros(intent.userId),
  );
  const existing = ctx.zeroStripped.get(stripped);
  if (existing) {
    if (existing.userId !== intent.userId) {
      return leadingZerosMessage('userId', intent.userId, existing.userId);
    }
    return leadingZerosMessage('accountId', intent.accountId, existing.accountId);
  }
  return `No participant with accountId "${intent.accountId}" and userId "${intent.userId}"; check both against the exported report`;
}

function skipped(intent: RowIntent): PricedRow {
  return {
    intent,
    outcome: 'skipped',
    amount: null,
    message: null,
    warnings: [],
    redemption: null,
  };
}

function failed(intent: RowIntent, message: string, warnings: string[] = []): PricedRow {
  return { intent, outcome: 'error', amount: null, message, warnings, redemption: null };
}

/** The warning for an availableValue that no longer matches the balance, or null. */
function staleValueWarning(intent: RowIntent, unit: UnitInfo, available: number): string | null {
  if (intent.availableText === null) return null;
  let parsed;
  try {
    parsed = parseRedeemAmount(intent.availableText, unit.decimals);
  } catch {
    return `availableValue "${intent.availableText}" is not a number, so it was not compared; only valueToRedeem is acted on`;
  }
  const inFile = parsed.kind === 'amount' ? parsed.minor : 0;
  if (inFile === available) return null;
  return `availableValue in the file is ${formatAmount(inFile, unit.decimals)} but the balance is now ${formatAmount(available, unit.decimals)}; the row was applied against the current balance`;
}

/** The row's outcome when it asks for more than `available`, or null when it fits. */
export function overdrawn(
  target: RowTarget,
  available: number,
  warnings: string[],
): PricedRow | null {
  if (target.amount <= available) return null;
  const { intent, unit } = target;
  const asked = formatAmount(target.amount, unit.decimals);
  const left = formatAmount(available, unit.decimals);
  const hint =
    available > 0
      ? `enter at most ${left}`
      : 'nothing is left to redeem, so leave valueToRedeem empty';
  return failed(
    intent,
    `valueToRedeem ${asked} is more than the ${left} ${unit.code} available${target.programId === null ? '' : ` in program ${intent.programId}`}; nothing was redeemed for this row: ${hint}`,
    warnings,
  );
}

/** The warnings of a row priced against `available` (a changed availableValue). */
export function warningsFor(target: RowTarget, available: number): string[] {
  const warning = staleValueWarning(target.intent, target.unit, available);
  return warning ? [warning] : [];
}

export function redeemedRow(target: RowTarget, warnings: string[], lines: PlanLine[]): PricedRow {
  return {
    intent: target.intent,
    outcome: 'redeemed',
    amount: target.amount,
    message: null,
    warnings,
    redemption: {
      participantId: target.participantId,
      unitId: target.unit.id,
      programId: target.programId,
      amount: target.amount,
      lines,
    },
  };
}

/**
 * Checks a row up to its balance: amount, unit, program and participant. Returns the finished
 * outcome of a row that stops there (skipped or an error), else what it asks of which balance.
 */
export function targetOf(intent: RowIntent, ctx: LookupContext): PricedRow | RowTarget {
  const unit = ctx.units.get(intent.unit);
  let parsed;
  try {
    parsed = parseRedeemAmount(intent.valueText, unit?.decimals ?? 0);
  } catch (error) {
    if (!isAppError(error)) throw error;
    if (unit) return failed(intent, `valueToRedeem ${error.message}`);
    parsed = null;
  }
  if (parsed?.kind === 'none') return skipped(intent);
  if (!unit) {
    const known = [...ctx.units.keys()].join(', ') || '(none yet)';
    return failed(intent, `Unknown unit "${intent.unit}"; this tenant's units are: ${known}`);
  }
  if (!parsed) return failed(intent, 'valueToRedeem is not a number');
  let programId: number | null = null;
  if (intent.programId !== null) {
    const found = ctx.programs.get(intent.programId);
    if (found === undefined) {
      const known = [...ctx.programs.keys()].join(', ') || '(none)';
      return failed(
        intent,
        `Unknown programId "${intent.programId}"; leave it empty for all programs, or use one of: ${known}`,
      );
    }
    programId = found;
  }
  const participantId = ctx.participants.get(participantKey(intent.accountId, intent.userId));
  if (participantId === undefined) return failed(intent, unknownParticipant(intent, ctx));
  return { intent, unit, amount: parsed.minor, programId, participantId };
}

export const isTarget = (checked: PricedRow | RowTarget): checked is RowTarget =>
  'participantId' in checked;

/** The rewards a row draws on: all of the balance's, or those of the program it names. */
export const poolOf = (rewards: ImportReward[], programId: number | null) =>
  programId === null ? rewards : rewards.filter((r) => r.programId === programId);

/**
 * Takes `amount` from `pool` (see poolOf) as a redemption would: the plan's lines, with the
 * reward states changed in place; or the available amount when it is less.
 */
export function takeFrom(
  pool: ImportReward[],
  amount: number,
  now: number,
): { ok: true; lines: PlanLine[] } | { ok: false; available: number } {
  const plan = planRedemption(pool, amount, now);
  if (!plan.ok) return plan;
  const byId = new Map(pool.map((r) => [r.id, r] as const));
  for (const line of plan.lines) {
    const reward = byId.get(line.rewardId) as ImportReward;
    reward.redeemed += line.amount;
    if (line.exhausts) {
      reward.status = 'REDEEMED';
      reward.dateRedeemed = now;
    }
  }
  return { ok: true, lines: plan.lines };
}

/** Prices a row against its balance's rewards, changing them in place when it redeems. */
export function priceOnRewards(target: RowTarget, rewards: ImportReward[], now: number): PricedRow {
  const pool = poolOf(rewards, target.programId);
  const warnings = warningsFor(target, availableOf(pool, now));
  const taken = takeFrom(pool, target.amount, now);
  if (!taken.ok) return overdrawn(target, taken.available, warnings) as PricedRow;
  return redeemedRow(target, warnings, taken.lines);
}

/** Prices one row, and applies its plan to the reward states in `ctx` when it redeems. */
export function priceRow(intent: RowIntent, ctx: PricingContext): PricedRow {
  const target = targetOf(intent, ctx);
  if (!isTarget(target)) return target;
  const rewards = ctx.rewards.get(balanceKey(target.participantId, target.unit.id)) ?? [];
  return priceOnRewards(target, rewards, ctx.now);
}
