/**
 * Turns rows of cells (from either reader) into the header and numbered records of an import.
 */
import { isAppError } from '../../domain/errors.js';
import { restoreNeutralised } from '../../reports/format/neutralise.js';
import { matchHeader } from './header.js';
import type { ImportFile, ImportHeader, ImportRecord } from './types.js';
import { HOW_TO_FIX, RowError, unreadable } from './unreadable.js';

export type RowBatches = AsyncIterator<string[][], void, undefined>;

const DEFAULT_BATCH_SIZE = 1000;

/** A row is blank when every cell is empty or spaces: spreadsheets write such rows as `,,,,`. */
export function isBlankRow(cells: string[]): boolean {
  for (const cell of cells) {
    if (cell.length !== 0 && cell.trim().length !== 0) return false;
  }
  return true;
}

function toCells(row: string[], width: number): string[] {
  for (let i = 0; i < row.length; i++) {
    const cell = row[i] as string;
    // The cheap test first: almost no cell starts with a quote.
    if (cell.charCodeAt(0) === 39) row[i] = restoreNeutralised(cell);
  }
  while (row.length < width) row.push('');
  return row;
}

function locate(error: unknown, nextRecord: number | null): unknown {
  if (!(error instanceof RowError)) return error;
  const where = `${error.at.kind} ${error.at.number}`;
  const what =
    nextRecord === null ? `The header row (${where})` : `Record ${nextRecord} (${where})`;
  return unreadable(`${what} cannot be read: ${error.message}`, {
    recordNumber: nextRecord,
    [error.at.kind]: error.at.number,
  });
}

async function findHeader(
  rows: RowBatches,
  emptyMessage: string,
): Promise<{ columns: string[]; rest: string[][] }> {
  for (;;) {
    let next: IteratorResult<string[][], void>;
    try {
      next = await rows.next();
    } catch (error) {
      throw locate(error, null);
    }
    if (next.done === true) throw unreadable(`${emptyMessage} ${HOW_TO_FIX}`);
    const batch = next.value;
    const at = batch.findIndex((row) => !isBlankRow(row));
    if (at >= 0) return { columns: batch[at] as string[], rest: batch.slice(at + 1) };
  }
}

async function* recordBatches(
  header: ImportHeader,
  first: string[][],
  rows: RowBatches,
  batchSize: number,
): AsyncGenerator<ImportRecord[], void, undefined> {
  const width = header.columns.length;
  let recordNumber = 0;
  let batch: ImportRecord[] = [];
  let pending: string[][] | null = first;
  try {
    while (pending !== null) {
      for (const row of pending) {
        // Blank is judged on the cells as restored: a lone neutralised tab or CR is blank too.
        const cells = toCells(row, width);
        if (isBlankRow(cells)) continue;
        batch.push({ recordNumber: ++recordNumber, cells });
        if (batch.length >= batchSize) {
          yield batch;
          batch = [];
        }
      }
      let next: IteratorResult<string[][], void>;
      try {
        next = await rows.next();
      } catch (error) {
        throw locate(error, recordNumber + 1);
      }
      pending = next.done === true ? null : next.value;
    }
    if (batch.length > 0) yield batch;
  } finally {
    // Stops the underlying reader (and its file reads) when the consumer stops early.
    await rows.return?.();
  }
}

/** Reads the header from the first non-blank row; the records follow, lazily, in batches. */
export async function readRecords(
  rows: RowBatches,
  batchSize = DEFAULT_BATCH_SIZE,
  emptyMessage = 'The file is empty.',
): Promise<Pick<ImportFile, 'header' | 'batches'>> {
  let header: ImportHeader;
  let rest: string[][];
  try {
    const found = await findHeader(rows, emptyMessage);
    header = matchHeader(found.columns);
    rest = found.rest;
  } catch (error) {
    await rows.return?.();
    throw isAppError(error) ? error : locate(error, null);
  }
  return { header, batches: recordBatches(header, rest, rows, batchSize) };
}
