/**
 * Creates rewards in bulk, each row on its own: a refused row is reported and the others are
 * created. A rewardId that exists already changes nothing, so loading a file twice is safe.
 */
import type { Db } from '../db/database.js';
import type { RedemptionSource } from '../db/schema.js';
import { AppError, isAppError } from '../domain/errors.js';
import { upsertParticipants } from './participants.repository.js';
import { ensureProgram, requireProgram, type ProgramRow } from './programs.repository.js';
import { recordRedemption } from './redemptions.repository.js';
import { validateReward, type RewardInput, type ValidReward } from './rewardInput.js';
import { ensureUnit, requireUnit, type UnitRow } from './units.repository.js';

export interface CreateRewardsOptions {
  /** Create units and programs that do not exist yet (the CLI load) instead of refusing. */
  createMissing: boolean;
  source: RedemptionSource;
  actor: string;
  now?: number;
}

export type CreateRewardResult =
  | { index: number; rewardId: string; status: 'created' | 'existing' }
  | { index: number; rewardId: string; status: 'error'; code: string; message: string };

interface Lookups {
  units: Map<string, UnitRow | AppError>;
  programs: Map<string, ProgramRow | AppError>;
}

async function lookup<T>(cache: Map<string, T | AppError>, key: string, load: () => Promise<T>) {
  if (!cache.has(key)) {
    try {
      cache.set(key, await load());
    } catch (error) {
      if (!isAppError(error)) throw error;
      cache.set(key, error);
    }
  }
  const found = cache.get(key) as T | AppError;
  if (found instanceof AppError) throw found;
  return found;
}

interface Prepared {
  index: number;
  reward: ValidReward;
  unit: UnitRow;
  program: ProgramRow | null;
}

async function prepare(
  db: Db,
  tenantId: number,
  input: RewardInput,
  lookups: Lookups,
  options: CreateRewardsOptions,
  now: number,
): Promise<Omit<Prepared, 'index'>> {
  const code = input.unit?.trim() ?? '';
  if (!code) throw new AppError('VALIDATION_FAILED', 'unit must not be empty', { field: 'unit' });
  const unit = await lookup(lookups.units, code, () =>
    options.createMissing ? ensureUnit(db, tenantId, code) : requireUnit(db, tenantId, code),
  );
  const reward = validateReward(input, unit.decimals, now);
  const programCode = reward.programId;
  const program = programCode
    ? await lookup(lookups.programs, programCode, () =>
        options.createMissing
          ? ensureProgram(db, tenantId, programCode)
          : requireProgram(db, tenantId, programCode),
      )
    : null;
  return { reward, unit, program };
}

export async function createRewards(
  db: Db,
  tenantId: number,
  inputs: readonly RewardInput[],
  options: CreateRewardsOptions,
): Promise<CreateRewardResult[]> {
  const now = options.now ?? Date.now();
  const lookups: Lookups = { units: new Map(), programs: new Map() };
  const results: CreateRewardResult[] = [];
  const prepared: Prepared[] = [];
  const seen = new Set<string>();
  for (const [index, input] of inputs.entries()) {
    const rewardId = String(input.rewardId ?? '').trim();
    try {
      const p = await prepare(db, tenantId, input, lookups, options, now);
      if (seen.has(p.reward.rewardId)) {
        results.push({ index, rewardId, status: 'existing' });
        continue;
      }
      seen.add(p.reward.rewardId);
      prepared.push({ index, ...p });
    } catch (error) {
      if (!isAppError(error)) throw error;
      results.push({ index, rewardId, status: 'error', code: error.code, message: error.message });
    }
  }
  if (prepared.length > 0) {
    const created = await db
      .transaction()
      .execute((trx) => insertPrepared(trx, tenantId, prepared, options, now));
    for (const p of prepared) {
      results.push({
        index: p.index,
        rewardId: p.reward.rewardId,
        status: created.has(p.reward.rewardId) ? 'created' : 'existing',
      });
    }
  }
  return results.sort((a, b) => a.index - b.index);
}

const INSERT_BATCH = 500;

async function insertPrepared(
  trx: Db,
  tenantId: number,
  prepared: readonly Prepared[],
  options: CreateRewardsOptions,
  now: number,
): Promise<Set<string>> {
  const participantIds = await upsertParticipants(
    trx,
    tenantId,
    prepared.map((p) => p.reward.participant),
  );
  const created = new Set<string>();
  for (let start = 0; start < prepared.length; start += INSERT_BATCH) {
    const batch = prepared.slice(start, start + INSERT_BATCH);
    const rows = await trx
      .insertInto('rewards')
      .values(
        batch.map(({ reward, unit, program }) => ({
          tenant_id: tenantId,
          reward_key: reward.rewardId,
          participant_id: participantIds.get(
            `${reward.participant.accountId}\u0000${reward.participant.userId}`,
          ) as number,
          program_id: program?.id ?? null,
          unit_id: unit.id,
          type: 'CREDIT',
          amount: reward.amount,
          redeemed: 0,
          status: reward.status === 'REDEEMED' ? 'AVAILABLE' : reward.status,
          date_given: reward.dateGiven,
          date_expires: reward.dateExpires,
          date_redeemed: null,
          date_cancelled: reward.status === 'CANCELLED' ? now : null,
          created_at: now,
        })),
      )
      .onConflict((oc) => oc.columns(['tenant_id', 'reward_key']).doNothing())
      .returning(['id', 'reward_key', 'participant_id', 'unit_id', 'program_id'])
      .execute();
    const byKey = new Map(batch.map((p) => [p.reward.rewardId, p.reward] as const));
    for (const row of rows) {
      created.add(row.reward_key);
      const reward = byKey.get(row.reward_key);
      // What was redeemed before the reward reached rewardbook is recorded as a redemption,
      // so every reward's redeemed total always equals the sum of its redemption lines.
      if (reward && reward.redeemed > 0) {
        await recordRedemption(
          trx,
          {
            tenantId,
            participantId: row.participant_id,
            unitId: row.unit_id,
            programId: row.program_id,
            amount: reward.redeemed,
            source: options.source,
            actor: options.actor,
          },
          [
            {
              rewardId: row.id,
              amount: reward.redeemed,
              exhausts: reward.redeemed === reward.amount,
            },
          ],
          now,
        );
      }
    }
  }
  return created;
}
