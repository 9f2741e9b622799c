import type { Db } from '../db/database.js';
import type { RewardStatus } from '../db/schema.js';
import { AppError } from '../domain/errors.js';
import type { RewardState } from '../domain/rewards.js';

/** A reward with what a view needs: its participant, unit and program by their public codes. */
export interface RewardRecord extends RewardState {
  rewardId: string;
  tenantId: number;
  participantId: number;
  accountId: string;
  userId: string;
  unitId: number;
  unit: string;
  decimals: number;
  programDbId: number | null;
  programId: string | null;
  type: string;
  dateRedeemed: number | null;
  dateCancelled: number | null;
  createdAt: number;
}

/** The select every reward read shares, joined to its participant, unit and program. */
export function selectRewardRecords(db: Db, tenantId: number) {
  return db
    .selectFrom('rewards as r')
    .innerJoin('participants as p', 'p.id', 'r.participant_id')
    .innerJoin('units as u', 'u.id', 'r.unit_id')
    .leftJoin('programs as g', 'g.id', 'r.program_id')
    .where('r.tenant_id', '=', tenantId)
    .select([
      'r.id as id',
      'r.reward_key as rewardId',
      'r.tenant_id as tenantId',
      'r.participant_id as participantId',
      'p.account_id as accountId',
      'p.user_id as userId',
      'r.unit_id as unitId',
      'u.code as unit',
      'u.decimals as decimals',
      'r.program_id as programDbId',
      'g.code as programId',
      'r.type as type',
      'r.amount as amount',
      'r.redeemed as redeemed',
      'r.status as status',
      'r.date_given as dateGiven',
      'r.date_expires as dateExpires',
      'r.date_redeemed as dateRedeemed',
      'r.date_cancelled as dateCancelled',
      'r.created_at as createdAt',
    ]);
}

export async function requireReward(
  db: Db,
  tenantId: number,
  rewardId: string,
): Promise<RewardRecord> {
  const row = await selectRewardRecords(db, tenantId)
    .where('r.reward_key', '=', rewardId)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', `No reward with rewardId "${rewardId}"`, { rewardId });
  return row as RewardRecord;
}

/** The rewards of one balance that could be redeemed (status AVAILABLE), for planning, with
 * their public rewardId for the redemption's lines. */
export function selectAvailableRewardStates(
  db: Db,
  participantId: number,
  unitId: number,
  programDbId: number | null,
): Promise<(RewardState & { rewardKey: string })[]> {
  let query = db
    .selectFrom('rewards')
    .select([
      'id',
      'reward_key as rewardKey',
      'amount',
      'redeemed',
      'status',
      'date_given as dateGiven',
      'date_expires as dateExpires',
    ])
    .where('participant_id', '=', participantId)
    .where('unit_id', '=', unitId)
    .where('status', '=', 'AVAILABLE');
  if (programDbId !== null) query = query.where('program_id', '=', programDbId);
  return query.execute() as Promise<(RewardState & { rewardKey: string })[]>;
}

/** Adds `amount` to a reward's redeemed total, marking it REDEEMED when nothing is left. */
export async function takeFromReward(
  db: Db,
  rewardId: number,
  amount: number,
  exhausts: boolean,
  now: number,
): Promise<void> {
  await db
    .updateTable('rewards')
    .set((eb) => ({
      redeemed: eb('redeemed', '+', amount),
      ...(exhausts ? { status: 'REDEEMED' as RewardStatus, date_redeemed: now } : {}),
    }))
    .where('id', '=', rewardId)
    .execute();
}

/**
 * `takeFromReward` for every line of a plan, in one statement: each reward's redeemed total grows
 * by its line, and the rewards the plan exhausts become REDEEMED.
 */
export async function takeFromRewards(
  db: Db,
  lines: readonly { rewardId: number; amount: number; exhausts: boolean }[],
  now: number,
): Promise<void> {
  const [only] = lines;
  if (!only) return;
  if (lines.length === 1) return takeFromReward(db, only.rewardId, only.amount, only.exhausts, now);
  const exhausted = lines.filter((l) => l.exhausts).map((l) => l.rewardId);
  await db
    .updateTable('rewards')
    .set((eb) => {
      // Cast, so PostgreSQL types the parameters as bigint rather than text.
      const amountOf = (line: (typeof lines)[number]) =>
        eb.cast<number>(eb.val(line.amount), 'bigint');
      let taken = eb.case().when('id', '=', only.rewardId).then(amountOf(only));
      for (const line of lines.slice(1))
        taken = taken.when('id', '=', line.rewardId).then(amountOf(line));
      return {
        redeemed: eb('redeemed', '+', taken.end()),
        ...(exhausted.length > 0
          ? {
              status: eb
                .case()
                .when('id', 'in', exhausted)
                .then('REDEEMED' as RewardStatus)
                .else(eb.ref('status'))
                .end(),
              date_redeemed: eb
                .case()
                .when('id', 'in', exhausted)
                .then(now)
                .else(eb.ref('date_redeemed'))
                .end(),
            }
          : {}),
      };
    })
    .where(
      'id',
      'in',
      lines.map((l) => l.rewardId),
    )
    .execute();
}
