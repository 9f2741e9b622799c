/**
 * Applies one chunk of an import in one transaction: prices its rows against the current
 * balances, writes the redemptions (unless a dry run), every row's outcome, and the chunk's
 * record. A chunk already recorded is skipped, so a retried or resumed import never applies a
 * row twice.
 */
import type { Db } from '../../db/database.js';
import { pickFields } from '../read/header.js';
import type { ImportHeader, ImportRecord } from '../read/types.js';
import {
  findParticipants,
  findZeroStripped,
  loadAvailableRewards,
  lockParticipants,
} from './chunk.repository.js';
import { countOutcomes, packOutcomes, type RowOutcomeRecord } from '../outcome/chunkOutcomes.js';
import { writeRedemptions } from './chunkWrites.repository.js';
import {
  participantKey,
  priceRow,
  type ImportReward,
  type PricedRow,
  type PricingContext,
  type UnitInfo,
} from './planRows.js';
import { toIntent, type RowIntent } from './rowIntent.js';

export interface ImportRun {
  tenantId: number;
  importId: number;
  actor: string;
  dryRun: boolean;
  now: number;
  units: Map<string, UnitInfo>;
  programs: Map<string, number>;
  /** Dry runs only: the redeemed total of each reward earlier chunks touched (nothing is written). */
  overlay: Map<number, number> | null;
}

export interface ChunkResult {
  rows: number;
  applied: boolean;
}

/**
 * Dry runs only: the rewards as earlier chunks left them. Only each touched reward's redeemed
 * total is kept (not the reward), so a dry run of a million rows stays small in memory.
 */
function withOverlay(rewards: Map<string, ImportReward[]>, overlay: Map<number, number> | null) {
  if (!overlay || overlay.size === 0) return rewards;
  for (const [key, list] of rewards) {
    const current: ImportReward[] = [];
    for (const reward of list) {
      const redeemed = overlay.get(reward.id);
      if (redeemed !== undefined) {
        if (redeemed >= reward.amount) continue; // an earlier row exhausted it
        reward.redeemed = redeemed;
      }
      current.push(reward);
    }
    rewards.set(key, current);
  }
  return rewards;
}

async function pricingContext(
  trx: Db,
  run: ImportRun,
  intents: RowIntent[],
): Promise<PricingContext> {
  const needLookup = intents.filter((i) => i.accountId !== '' && i.userId !== '');
  const participants = await findParticipants(trx, run.tenantId, needLookup);
  const unknown = needLookup.filter(
    (i) => !participants.has(participantKey(i.accountId, i.userId)),
  );
  const zeroStripped =
    unknown.length > 0 ? await findZeroStripped(trx, run.tenantId, unknown) : new Map();
  const ids = [...new Set(participants.values())];
  if (!run.dryRun) await lockParticipants(trx, ids);
  const rewards = withOverlay(await loadAvailableRewards(trx, ids), run.overlay);
  return {
    now: run.now,
    units: run.units,
    programs: run.programs,
    participants,
    zeroStripped,
    rewards,
  };
}

export async function applyImportChunk(
  trx: Db,
  run: ImportRun,
  chunkNo: number,
  header: ImportHeader,
  records: readonly ImportRecord[],
): Promise<ChunkResult> {
  const first = records[0]?.recordNumber ?? 0;
  const last = records.at(-1)?.recordNumber ?? 0;
  const done = await trx
    .selectFrom('import_chunks')
    .select('chunk_no')
    .where('import_id', '=', run.importId)
    .where('chunk_no', '=', chunkNo)
    .executeTakeFirst();
  if (done) return { rows: records.length, applied: false };

  const priced: PricedRow[] = [];
  const shaped = records.map((r) => toIntent(r.recordNumber, pickFields(header, r)));
  const ctx = await pricingContext(
    trx,
    run,
    shaped.flatMap((s) => (s.ok ? [s.intent] : [])),
  );
  const touched = new Map<number, ImportReward>();
  for (const s of shaped) {
    if (!s.ok) {
      priced.push({
        intent: s.partial,
        outcome: 'error',
        amount: null,
        message: s.message,
        warnings: [],
        redemption: null,
      });
      continue;
    }
    const row = priceRow(s.intent, ctx);
    priced.push(row);
    for (const line of row.redemption?.lines ?? []) {
      const reward = findReward(ctx, row, line.rewardId);
      if (reward) touched.set(reward.id, reward);
    }
  }
  if (run.dryRun) for (const [id, reward] of touched) run.overlay?.set(id, reward.redeemed);
  else await writeRedemptions(trx, run.tenantId, run.importId, run.actor, priced, touched, run.now);

  const outcomes = priced.map(outcomeRecord);
  const counts = countOutcomes(outcomes);
  await trx
    .insertInto('import_chunks')
    .values({
      import_id: run.importId,
      chunk_no: chunkNo,
      first_record: first,
      last_record: last,
      done_at: Date.now(),
      outcomes: packOutcomes(outcomes),
      redeemed_rows: counts.redeemed,
      skipped_rows: counts.skipped,
      error_rows: counts.errors,
      warned_rows: counts.warned,
      totals: JSON.stringify(counts.totals),
    })
    .execute();
  await trx
    .updateTable('imports')
    .set((eb) => ({ rows_done: eb('rows_done', '+', records.length) }))
    .where('id', '=', run.importId)
    .execute();
  return { rows: records.length, applied: true };
}

function outcomeRecord(p: PricedRow): RowOutcomeRecord {
  const i = p.intent;
  return {
    recordNumber: i.recordNumber,
    outcome: p.outcome,
    accountId: i.accountId,
    userId: i.userId,
    programCode: i.programId,
    valueText: i.valueText,
    unitCode: i.unit,
    amount: p.amount,
    message: p.message,
    warnings: p.warnings,
  };
}

function findReward(
  ctx: PricingContext,
  row: PricedRow,
  rewardId: number,
): ImportReward | undefined {
  const r = row.redemption;
  if (!r) return undefined;
  return ctx.rewards.get(`${r.participantId}:${r.unitId}`)?.find((x) => x.id === rewardId);
}
