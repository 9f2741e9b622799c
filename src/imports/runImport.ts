/**
 * The import job: reads the stored file, counts its records, then prices and applies them chunk
 * by chunk (each chunk one transaction that records itself and its rows' outcomes), and finally
 * writes the summary (the error and results files are built when downloaded). Safe to run again
 * after a crash at any point: recorded chunks are skipped, so every row is applied exactly once.
 */
import type { Config } from '../config/config.js';
import type { Db } from '../db/database.js';
import { isAppError } from '../domain/errors.js';
import type { JobContext } from '../jobs/index.js';
import { readFile } from '../files/index.js';
import { countCsvRecords } from './read/countRecords.js';
import { readImportFile } from './read/readImportFile.js';
import type { ByteSource, ImportRecord } from './read/types.js';
import {
  applyImportChunk,
  prepareChunk,
  type ImportRun,
  type PreparedChunk,
} from './apply/applyImportChunk.js';
import { ChunkPipeline } from './apply/chunkPipeline.js';
import type { UnitInfo } from './apply/planRows.js';
import { dialectOf } from '../db/dialectOf.js';
import {
  clearDryRunProgress,
  countChunks,
  lastAppliedRecord,
  setImportStatus,
  type ImportRow,
} from './imports.repository.js';
import { finishImport } from './finishImport.js';

/** Rows per chunk: big enough for set-based writes, small enough to hold locks briefly. */
export const CHUNK_ROWS = 2000;

async function tenantLookups(db: Db, tenantId: number) {
  const units = await db
    .selectFrom('units')
    .select(['id', 'code', 'decimals'])
    .where('tenant_id', '=', tenantId)
    .orderBy('code')
    .execute();
  const programs = await db
    .selectFrom('programs')
    .select(['id', 'code'])
    .where('tenant_id', '=', tenantId)
    .execute();
  return {
    units: new Map<string, UnitInfo>(units.map((u) => [u.code, u])),
    programs: new Map(programs.map((p) => [p.code, p.id])),
  };
}

/**
 * The file's record count for progress: counted on the bytes for CSV (exact but for odd blank
 * rows; set exactly when the import ends), as it was uploaded or else now, by reading the file
 * otherwise. Reading also finds a
 * file that cannot be read at all before any chunk is applied.
 */
async function countRecords(source: ByteSource, uploaded: number | null): Promise<number> {
  const file = await readImportFile(source);
  const counted = uploaded ?? (await countCsvRecords(source));
  if (counted !== null) {
    await file.batches.return(undefined);
    return counted;
  }
  let total = 0;
  for await (const batch of file.batches) total += batch.length;
  return total;
}

export async function runImport(
  imp: ImportRow,
  ctx: JobContext,
  config: Config,
  chunkRows = CHUNK_ROWS,
): Promise<void> {
  const db = ctx.db;
  const source: ByteSource = () => readFile(db, imp.tenant_id, imp.file_id);
  if (imp.status === 'queued')
    await setImportStatus(db, imp.id, 'running', { startedAt: Date.now() });
  let total: number;
  try {
    total = await countRecords(source, imp.total_rows);
  } catch (error) {
    // A file that cannot be read at all fails as a whole, at once: retrying reads it the same.
    if (isAppError(error) && error.code === 'UNREADABLE_FILE') {
      await finishImport(db, imp, { failed: error.message }, config);
      return;
    }
    throw error;
  }
  await db.updateTable('imports').set({ total_rows: total }).where('id', '=', imp.id).execute();
  if (imp.dry_run === 1 && (await countChunks(db, imp.id)) > 0)
    await clearDryRunProgress(db, imp.id);
  const resumeAfter = await lastAppliedRecord(db, imp.id);
  let chunkNo = (await countChunks(db, imp.id)) + 1;
  let done = resumeAfter;
  await ctx.progress(done, total);

  const run: ImportRun = {
    tenantId: imp.tenant_id,
    importId: imp.id,
    actor: imp.actor,
    dryRun: imp.dry_run === 1,
    now: Date.now(),
    ...(await tenantLookups(db, imp.tenant_id)),
    uses: imp.dry_run === 1 ? new Map() : null,
  };
  const file = await readImportFile(source);
  // On PostgreSQL the next chunk is read and priced while the server writes this one.
  const pipeline = new ChunkPipeline(dialectOf(db) === 'postgres');
  let prepared: PreparedChunk | null = null;
  const flush = async () => {
    if (prepared === null) return;
    const chunk = prepared;
    prepared = null;
    const no = chunkNo;
    const doneAfter = done + chunk.records.length;
    chunkNo += 1;
    done = doneAfter;
    await pipeline.submit(async (turn) => {
      // A dry run prices every row at its start; an apply prices each chunk when it runs.
      const at = run.dryRun ? run : { ...run, now: Date.now() };
      await ctx.transaction(async (trx) => {
        await applyImportChunk(trx, at, no, chunk, turn);
        await ctx.progress(doneAfter, Math.max(total, doneAfter), trx);
      });
    });
  };
  /** Prepares the next chunk (starting a dry run's read) before applying the one before. */
  const queue = async (records: ImportRecord[]) => {
    const next = prepareChunk(db, run, file.header, records);
    await flush();
    prepared = next;
  };
  let pending: ImportRecord[] = [];
  for await (const batch of file.batches) {
    for (const record of batch) {
      if (record.recordNumber <= resumeAfter) continue;
      pending.push(record);
      if (pending.length >= chunkRows) {
        await queue(pending);
        pending = [];
      }
    }
  }
  if (pending.length > 0) await queue(pending);
  await flush();
  await pipeline.drain();
  if (done !== total) {
    await db.updateTable('imports').set({ total_rows: done }).where('id', '=', imp.id).execute();
  }
  await finishImport(db, imp, 'succeeded', config);
}
