/**
 * Applies one chunk of an import in one transaction: prices its rows against the current
 * balances, writes the redemptions (unless a dry run), every row's outcome, and the chunk's
 * record. A chunk already recorded is skipped, so a retried or resumed import never applies a
 * row twice.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { dialectOf } from '../../db/dialectOf.js';
import { pickFields } from '../read/header.js';
import type { ImportHeader, ImportRecord } from '../read/types.js';
import type { DryRunUses } from './balanceTotals.js';
import { findParticipants, loadAvailableRewards, lockParticipants } from './chunk.repository.js';
import type { ChunkTurn } from './chunkPipeline.js';
import { intentsOf, lookedUp, shapeError, zeroStrippedOf, type ShapedRow } from './chunkRows.js';
import { priceDryRunChunk, readTotals, type TotalsRead } from './dryRunChunk.js';
import { countOutcomes, packOutcomes, type RowOutcomeRecord } from '../outcome/chunkOutcomes.js';
import { writeRedemptions } from './chunkWrites.repository.js';
import {
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
  /** The instant rows are priced at: each chunk's own for an apply, one for a whole dry run. */
  now: number;
  units: Map<string, UnitInfo>;
  programs: Map<string, number>;
  /** Dry runs only: what earlier rows took from each balance (nothing is written). */
  uses: DryRunUses | null;
}

export interface ChunkResult {
  rows: number;
  applied: boolean;
}

async function pricingContext(
  trx: Db,
  run: ImportRun,
  intents: RowIntent[],
  turn: ChunkTurn | undefined,
): Promise<PricingContext> {
  const needLookup = lookedUp(intents);
  const participants = await findParticipants(trx, run.tenantId, needLookup);
  const zeroStripped = await zeroStrippedOf(trx, run.tenantId, needLookup, participants);
  const ids = [...new Set(participants.values())];
  await lockParticipants(trx, ids);
  turn?.locked();
  const rewards = await loadAvailableRewards(trx, ids);
  return {
    now: run.now,
    units: run.units,
    programs: run.programs,
    participants,
    zeroStripped,
    rewards,
  };
}

/** Prices the rows of an apply against their rewards; returns them and the rewards they change. */
async function priceForApply(
  trx: Db,
  run: ImportRun,
  chunk: PreparedChunk,
  turn: ChunkTurn | undefined,
) {
  const ctx = await pricingContext(trx, run, chunk.intents, turn);
  const touched = new Map<number, ImportReward>();
  const priced = chunk.shaped.map((s) => {
    if (!s.ok) return shapeError(s);
    const row = priceRow(s.intent, ctx);
    for (const line of row.redemption?.lines ?? []) {
      const reward = findReward(ctx, row, line.rewardId);
      if (reward) touched.set(reward.id, reward);
    }
    return row;
  });
  return { priced, touched };
}

/** A chunk's rows checked for shape and, for a dry run, its balance read already under way. */
export interface PreparedChunk {
  records: readonly ImportRecord[];
  shaped: ShapedRow[];
  /** The rows that passed the shape check. */
  intents: RowIntent[];
  totals: Promise<TotalsRead> | null;
}

/**
 * Checks a chunk's rows for shape and starts a dry run's read of their balances. That read runs
 * on a connection of its own, so on PostgreSQL the server answers it while this process prices
 * the chunk before. An apply reads inside its chunk's transaction, under the participants' locks.
 */
export function prepareChunk(
  db: Db,
  run: ImportRun,
  header: ImportHeader,
  records: readonly ImportRecord[],
): PreparedChunk {
  const shaped = records.map((r) => toIntent(r.recordNumber, pickFields(header, r)));
  const intents = intentsOf(shaped);
  const totals = run.uses ? readTotals(db, run.tenantId, intents, run.now) : null;
  // Awaited when the chunk is applied; a failure is reported there, not as unhandled.
  totals?.catch(() => undefined);
  return { records, shaped, intents, totals };
}

export async function applyImportChunk(
  trx: Db,
  run: ImportRun,
  chunkNo: number,
  chunk: PreparedChunk,
  turn?: ChunkTurn,
): Promise<ChunkResult> {
  const { records } = chunk;
  if (dialectOf(trx) === 'postgres') {
    // The commit does not wait for its WAL to reach the disk. Should the server crash, the last
    // chunks' commits may be lost, but whole (redemptions, outcomes and the chunk's record go
    // together) and in order, and the resumed import applies them again. Every later commit
    // waits for them: the import's end, any API redemption. About 7% of a large apply.
    await sql`set local synchronous_commit = off`.execute(trx);
  }
  const first = records[0]?.recordNumber ?? 0;
  const last = records.at(-1)?.recordNumber ?? 0;
  const done = await trx
    .selectFrom('import_chunks')
    .select('chunk_no')
    .where('import_id', '=', run.importId)
    .where('chunk_no', '=', chunkNo)
    .executeTakeFirst();
  if (done) {
    turn?.locked();
    return { rows: records.length, applied: false };
  }

  let priced: PricedRow[];
  if (run.uses && chunk.totals) {
    priced = await priceDryRunChunk(trx, run, run.uses, chunk, await chunk.totals);
    // A dry run locks nothing, but the next chunk must price after this one (what rows took).
    turn?.locked();
  } else {
    const forApply = await priceForApply(trx, run, chunk, turn);
    priced = forApply.priced;
    await writeRedemptions(
      trx,
      run.tenantId,
      run.importId,
      run.actor,
      priced,
      forApply.touched,
      run.now,
    );
  }

  const outcomes = priced.map(outcomeRecord);
  const counts = countOutcomes(outcomes);
  // Recorded only after the chunk before has committed: recorded chunks are a prefix of the file.
  await turn?.previousCommitted;
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
