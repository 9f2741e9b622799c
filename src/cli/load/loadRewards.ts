/**
 * Loads rewards from CSV records in batches through the ledger's bulk creation. Each row stands
 * on its own: a refused row is reported and the others are loaded; a rewardId already loaded
 * changes nothing, so loading a file again is safe.
 */
import type { Db } from '../../db/database.js';
import { createRewards } from '../../ledger/createRewards.js';
import type { RewardInput } from '../../ledger/rewardInput.js';
import { AppError } from '../../domain/errors.js';
import { indexColumns, LOAD_COLUMNS, toRewardInput, type ColumnIndex } from './rewardColumns.js';

export interface RefusedRow {
  /** The row as a spreadsheet numbers it: the header is row 1. */
  row: number;
  rewardId: string;
  message: string;
}

export interface LoadSummary {
  created: number;
  existing: number;
  refused: number;
}

export interface LoadOptions {
  batchSize?: number;
  onRefused?: (refused: RefusedRow) => void;
  /** Called after each batch with the number of rows read so far. */
  onProgress?: (rows: number) => void;
  now?: number;
}

function isBlank(record: readonly string[]): boolean {
  return record.every((cell) => cell.trim() === '');
}

export async function loadRewards(
  db: Db,
  tenantId: number,
  records: AsyncIterable<string[]>,
  options: LoadOptions = {},
): Promise<LoadSummary> {
  const batchSize = options.batchSize ?? 2000;
  const summary: LoadSummary = { created: 0, existing: 0, refused: 0 };
  let index: ColumnIndex | null = null;
  let rowNumber = 0;
  let batch: { row: number; input: RewardInput }[] = [];

  const flush = async () => {
    if (batch.length === 0) return;
    const results = await createRewards(
      db,
      tenantId,
      batch.map((b) => b.input),
      { createMissing: true, source: 'CLI', actor: 'cli', now: options.now },
    );
    for (const result of results) {
      if (result.status === 'error') {
        summary.refused++;
        const row = batch[result.index]?.row ?? 0;
        options.onRefused?.({ row, rewardId: result.rewardId, message: result.message });
      } else if (result.status === 'created') summary.created++;
      else summary.existing++;
    }
    batch = [];
    options.onProgress?.(rowNumber - 1);
  };

  for await (const record of records) {
    rowNumber++;
    if (index === null) {
      if (isBlank(record)) continue;
      index = indexColumns(record);
      continue;
    }
    if (isBlank(record)) continue;
    batch.push({ row: rowNumber, input: toRewardInput(record, index) });
    if (batch.length >= batchSize) await flush();
  }
  if (index === null) {
    throw new AppError(
      'UNREADABLE_FILE',
      `The file is empty; a rewards file starts with a header row: ${LOAD_COLUMNS.join(', ')}`,
    );
  }
  await flush();
  return summary;
}
