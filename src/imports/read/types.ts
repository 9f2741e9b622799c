/**
 * What the import readers produce, whatever the file format.
 *
 * Terminology:
 * - source: a factory of the file's bytes. It is called once per pass; the readers call it more
 *   than once (an encoding look-ahead for CSV, the zip index and the sheet for XLSX), so it
 *   must yield the same bytes every time. Files live in the database, so that is cheap.
 * - row: one line of a CSV file or one `<row>` of a sheet, as cells of text.
 * - blank row: a row whose cells are all empty or spaces. It is not a record and gets no number.
 * - record: a non-blank row after the header. recordNumber 1 is the first one, in file order.
 */

/**
 * The bytes of an uploaded file, readable from the start as many times as needed. Each chunk
 * must be a buffer of its own that the reader may hold on to (file streams and database drivers
 * give such), not one buffer refilled for every chunk.
 */
export type ByteSource = () => AsyncIterable<Uint8Array>;

/** The fields of an import row, by the names the report gives its columns. */
export type ImportField =
  'accountId' | 'userId' | 'unit' | 'valueToRedeem' | 'programId' | 'availableValue';

export interface ImportHeader {
  /** The header cells as written in the file. */
  columns: string[];
  /** The 0-based column of each field; null for an optional field the file does not have. */
  index: {
    accountId: number;
    userId: number;
    unit: number;
    valueToRedeem: number;
    programId: number | null;
    availableValue: number | null;
  };
}

export interface ImportRecord {
  /** 1 = first non-blank row after the header, in file order; blank rows are not counted. */
  recordNumber: number;
  /**
   * Every cell as text, as uploaded (after decoding; formula-neutralised cells restored),
   * padded with '' to the header's width; cells beyond the header are kept.
   */
  cells: string[];
}

/** The named fields of one record, as uploaded (not trimmed); null when the column is absent. */
export interface ImportFields {
  accountId: string;
  userId: string;
  unit: string;
  valueToRedeem: string;
  programId: string | null;
  availableValue: string | null;
}

export interface ImportFile {
  format: 'csv' | 'xlsx';
  /**
   * How the text was read: `utf-8`, `utf-16le`, `utf-16be` or `windows-1252`. For CSV it is
   * settled at the first non-ASCII byte, so it is final once the batches have been read.
   */
  readonly encoding: string;
  /** The CSV field delimiter; null for XLSX. */
  delimiter: string | null;
  header: ImportHeader;
  /**
   * The records in file order, in batches. Iterate it once, to the end or until you `return()`
   * (a `break` does), which stops the reading of the file.
   */
  batches: AsyncGenerator<ImportRecord[], void, undefined>;
}

export interface ReadOptions {
  /** Records per batch; 1,000 by default. */
  batchSize?: number;
}
