import { AppError } from '../../domain/errors.js';

/** What an admin should do with a file rewardbook cannot read, said once for every message. */
export const HOW_TO_FIX =
  'Export the "Available reward balances by user" report and fill its valueToRedeem column.';

/** A size for a message: `1 MB`, `1.5 MB`, `64 KB`, `12 bytes`. */
export function sizeText(bytes: number): string {
  if (bytes >= 1 << 20) return `${Number((bytes / (1 << 20)).toFixed(1))} MB`;
  if (bytes >= 1 << 10) return `${Math.round(bytes / (1 << 10))} KB`;
  return `${bytes} bytes`;
}

/** A file that cannot be read at all: the import fails as a whole with this one error. */
export function unreadable(message: string, details: Record<string, unknown> = {}): AppError {
  return new AppError('UNREADABLE_FILE', message, details);
}

/** An .xlsx file whose zip or XML is broken. */
export function damagedXlsx(why: string): AppError {
  return unreadable(
    `The .xlsx file is damaged (${why}). Open it in your spreadsheet program and save it again as .xlsx or CSV.`,
  );
}

/**
 * A problem found at one row while reading rows, before the row has a record number. The
 * record reader, which counts records, turns it into an UNREADABLE_FILE error naming both.
 */
export class RowError extends Error {
  /** Where the row starts: the line of a CSV file, the row number of a sheet. */
  readonly at: { kind: 'line' | 'row'; number: number };

  constructor(problem: string, at: { kind: 'line' | 'row'; number: number }) {
    super(problem);
    this.name = 'RowError';
    this.at = at;
  }
}
