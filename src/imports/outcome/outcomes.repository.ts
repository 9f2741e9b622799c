/** An import's row outcomes, read back from its chunk records in file order. */
import type { Db } from '../../db/database.js';
import {
  addCounts,
  matchesFilter,
  unpackOutcomes,
  type ChunkCounts,
  type OutcomeFilter,
  type RowOutcomeRecord,
} from './chunkOutcomes.js';

const FILTER_COLUMN = {
  redeemed: 'redeemed_rows',
  skipped: 'skipped_rows',
  error: 'error_rows',
  warning: 'warned_rows',
} as const;

/** Chunks read per query: a few, since one holds thousands of rows. */
const CHUNKS_PER_READ = 4;

/**
 * The outcomes of rows after record `after` that match `filter`, in file order. Chunks without
 * a matching row are skipped by their counts, without reading their outcomes.
 */
export async function* storedOutcomes(
  db: Db,
  importId: number,
  options: { after?: number; filter?: OutcomeFilter } = {},
): AsyncGenerator<RowOutcomeRecord> {
  const after = options.after ?? 0;
  let lastChunk = 0;
  for (;;) {
    let query = db
      .selectFrom('import_chunks')
      .select(['chunk_no', 'outcomes'])
      .where('import_id', '=', importId)
      .where('chunk_no', '>', lastChunk)
      .where('last_record', '>', after)
      .orderBy('chunk_no')
      .limit(CHUNKS_PER_READ);
    if (options.filter) query = query.where(FILTER_COLUMN[options.filter], '>', 0);
    const chunks = await query.execute();
    for (const chunk of chunks) {
      for (const row of unpackOutcomes(chunk.outcomes)) {
        if (row.recordNumber > after && matchesFilter(row, options.filter)) yield row;
      }
      lastChunk = chunk.chunk_no;
    }
    if (chunks.length < CHUNKS_PER_READ) return;
  }
}

/** The import's counts and totals over all its recorded chunks. */
export async function importCounts(db: Db, importId: number): Promise<ChunkCounts> {
  const chunks = await db
    .selectFrom('import_chunks')
    .select(['redeemed_rows', 'skipped_rows', 'error_rows', 'warned_rows', 'totals'])
    .where('import_id', '=', importId)
    .execute();
  const sum: ChunkCounts = { redeemed: 0, skipped: 0, errors: 0, warned: 0, totals: {} };
  for (const c of chunks) {
    addCounts(sum, {
      redeemed: Number(c.redeemed_rows),
      skipped: Number(c.skipped_rows),
      errors: Number(c.error_rows),
      warned: Number(c.warned_rows),
      totals: JSON.parse(c.totals) as ChunkCounts['totals'],
    });
  }
  return sum;
}
