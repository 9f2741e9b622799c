/**
 * Everything a redemption reads, in one query: the unit, the participant (locked), the program,
 * the balance's AVAILABLE rewards and, with an idempotency key, the redemption it already made.
 * On PostgreSQL each statement is a round trip taken while the participant is locked, so this
 * replaces three or four of them.
 */
import type { Db } from '../db/database.js';
import { dialectOf } from '../db/dialectOf.js';
import { reusableQuery, type Param } from '../db/reusableQuery.js';
import type { RewardState } from '../domain/rewards.js';
import type { ParticipantRow } from './participants.repository.js';
import type { UnitRow } from './units.repository.js';

export interface BalanceName {
  unit: string;
  accountId: string;
  userId: string;
  /** Null or empty: the balance spans all programs. */
  programId?: string | null;
  idempotencyKey?: string;
}

export interface RedeemableBalance {
  unit: UnitRow;
  participant: ParticipantRow;
  program: { id: number; code: string } | null;
  /** AVAILABLE rewards (expired ones included: planning leaves them), with their rewardId. */
  rewards: (RewardState & { rewardKey: string })[];
  /** The redemption the idempotency key already produced, with its request's hash. */
  prior: { id: number; requestHash: string | null } | null;
}

/** The values that name one balance in a reusable query (getBalances.ts reads with them too). */
export interface BalanceParams {
  tenantId: number;
  accountId: string;
  userId: string;
  unit: string;
  /** '' when the balance spans all programs. */
  program: string;
}

interface LockParams extends BalanceParams {
  /** '' without a key. */
  idempotencyKey: string;
}

/** The balance's query; its shape depends on the dialect and on whether a program is named. */
function buildLockBalance(db: Db, p: Param<LockParams>, inProgram: boolean) {
  const postgres = dialectOf(db) === 'postgres';
  const owner = db
    .selectFrom('participants as p')
    .innerJoin('units as u', (join) =>
      join.onRef('u.tenant_id', '=', 'p.tenant_id').on('u.code', '=', p('unit')),
    )
    .leftJoin('programs as g', (join) =>
      join.onRef('g.tenant_id', '=', 'p.tenant_id').on('g.code', '=', p('program')),
    )
    .select([
      'p.id as id',
      'p.account_id as account_id',
      'p.user_id as user_id',
      'p.email as email',
      'p.first_name as first_name',
      'p.last_name as last_name',
      'u.id as unit_id',
      'u.code as unit_code',
      'u.name as unit_name',
      'u.decimals as decimals',
      'g.id as program_id',
      'g.code as program_code',
    ])
    .where('p.tenant_id', '=', p('tenantId'))
    .where('p.account_id', '=', p('accountId'))
    .where('p.user_id', '=', p('userId'));
  let query = db
    .with('o', () => (postgres ? owner.forUpdate(['p']) : owner))
    .selectFrom('o')
    .innerJoin('rewards as r', (join) =>
      join
        .onRef('r.participant_id', '=', 'o.id')
        .onRef('r.unit_id', '=', 'o.unit_id')
        .on('r.status', '=', 'AVAILABLE'),
    )
    .leftJoin('redemptions as k', (join) =>
      join.on('k.tenant_id', '=', p('tenantId')).on('k.idempotency_key', '=', p('idempotencyKey')),
    )
    .selectAll('o')
    .select([
      'r.id as reward_id',
      'r.reward_key as reward_key',
      'r.amount as amount',
      'r.redeemed as redeemed',
      'r.status as status',
      'r.date_given as date_given',
      'r.date_expires as date_expires',
      'k.id as prior_id',
      'k.request_hash as prior_hash',
    ]);
  // A balance narrowed to a program that does not exist finds nothing (then UNKNOWN_PROGRAM).
  if (inProgram) query = query.whereRef('r.program_id', '=', 'o.program_id');
  return postgres ? query.forUpdate(['r']) : query;
}

const lockBalance = reusableQuery((db, p: Param<LockParams>) => buildLockBalance(db, p, false));
const lockBalanceInProgram = reusableQuery((db, p: Param<LockParams>) =>
  buildLockBalance(db, p, true),
);

/**
 * Reads (and on PostgreSQL locks) a balance for redeeming. Undefined when the unit, participant
 * or program does not exist or the balance has no AVAILABLE reward: the caller then looks them
 * up one by one, to say which is missing or how much is available.
 *
 * PostgreSQL: the participant is locked first (in the CTE: no reward row is produced before its
 * participant row, so the lock order is the same as every other writer's: participant, then
 * rewards), then the rewards. Locking the rewards too matters: when the participant lock had to
 * wait for another redemption, the statement's snapshot predates that redemption, but a locked
 * row is always read in its latest committed version (and dropped if no longer AVAILABLE), so
 * the plan never works from stale totals. A key recorded by the transaction waited for is not
 * seen; its insert then hits the unique key, and the caller answers with that redemption.
 */
export async function lockRedeemableBalance(
  db: Db,
  tenantId: number,
  name: BalanceName,
): Promise<RedeemableBalance | undefined> {
  const programCode = name.programId || null;
  const params = {
    tenantId,
    accountId: name.accountId,
    userId: name.userId,
    unit: name.unit,
    program: programCode ?? '',
    idempotencyKey: name.idempotencyKey ?? '',
  };
  const rows = await (programCode === null ? lockBalance : lockBalanceInProgram)(db, params);
  const [first] = rows;
  if (!first) return undefined;
  return {
    unit: {
      id: first.unit_id,
      code: first.unit_code,
      name: first.unit_name,
      decimals: first.decimals,
    },
    participant: {
      id: first.id,
      account_id: first.account_id,
      user_id: first.user_id,
      email: first.email,
      first_name: first.first_name,
      last_name: first.last_name,
    },
    program:
      programCode !== null && first.program_id !== null && first.program_code !== null
        ? { id: first.program_id, code: first.program_code }
        : null,
    rewards: rows.map((r) => ({
      id: r.reward_id,
      rewardKey: r.reward_key,
      amount: r.amount,
      redeemed: r.redeemed,
      status: r.status,
      dateGiven: r.date_given,
      dateExpires: r.date_expires,
    })),
    prior:
      name.idempotencyKey && first.prior_id !== null
        ? { id: first.prior_id, requestHash: first.prior_hash }
        : null,
  };
}
