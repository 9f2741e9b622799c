/**
 * Reads an import file written as CSV: decodes it (decode.ts), finds the delimiter from the
 * header row and scans the rows (csvScanner.ts) as the text streams in.
 */
import { CSV_LIMITS, CsvScanner, type CsvLimits } from './csvScanner.js';
import { decodeText } from './decode.js';
import { REPORT_COLUMNS } from '../../reports/format/columns.js';
import { normaliseColumnName } from './header.js';
import { isBlankRow, readRecords } from './records.js';
import type { ByteSource, ImportFile, ReadOptions } from './types.js';
import { HOW_TO_FIX, RowError, sizeText, unreadable } from './unreadable.js';

const DELIMITERS = [',', ';', '\t'];
const KNOWN_COLUMNS = new Set(REPORT_COLUMNS.map(normaliseColumnName));
/** Text gathered before a scan: large enough that per-scan overhead vanishes. */
const SCAN_CHARS = 1 << 16;
/**
 * Rows handed on at a time. A stored file arrives in chunks of a megabyte, about 10,000 rows;
 * handing them all on at once would keep every one of their cells alive until the last is used.
 */
const ROWS_PER_BATCH = 1000;

type TextChunks = AsyncIterator<string, void, undefined>;

/** The first non-blank row with this delimiter; null when the text may not hold all of it yet. */
function firstRow(text: string, delimiter: string, final: boolean): string[] | null | 'none' {
  const scanner = new CsvScanner(delimiter);
  let pos = 0;
  for (;;) {
    const rows: string[][] = [];
    try {
      pos = scanner.scan(text, pos, final, rows, 1);
    } catch {
      return 'none'; // the real pass reports the problem with its place in the file
    }
    const row = rows[0];
    // Only blank lines so far: the header may still come.
    if (row === undefined) return final ? 'none' : null;
    if (!isBlankRow(row)) return row;
  }
}

/** The delimiter that splits the header into the most report column names (`,` on a tie). */
function chooseDelimiter(text: string, final: boolean): string | null {
  let best = { delimiter: ',', known: 0 };
  for (const delimiter of DELIMITERS) {
    const row = firstRow(text, delimiter, final);
    if (row === null) return null;
    if (row === 'none') continue;
    const known = row.filter((cell) => KNOWN_COLUMNS.has(normaliseColumnName(cell))).length;
    if (known > best.known) best = { delimiter, known };
  }
  return best.delimiter;
}

/** Whether text holding NULs is ASCII written as UTF-16: every other character a NUL. */
function looksLikeUtf16(text: string): boolean {
  const sample = text.slice(0, 512);
  let even = 0;
  let odd = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample.charCodeAt(i) !== 0) continue;
    if (i % 2 === 0) even++;
    else odd++;
  }
  const pairs = Math.floor(sample.length / 2);
  return pairs >= 4 && Math.max(even, odd) >= pairs * 0.9 && Math.min(even, odd) <= pairs * 0.1;
}

/** Refuses text with NULs, telling UTF-16 without a byte-order mark (seen from its start). */
function refuseBinary(text: string): string {
  if (text.includes('\0')) {
    if (looksLikeUtf16(text)) {
      throw unreadable(
        'The file is UTF-16 text without a byte-order mark, which rewardbook does not read. ' +
          `Save it as CSV in UTF-8 (or as "Unicode Text", which writes the mark). ${HOW_TO_FIX}`,
      );
    }
    throw unreadable(
      `The file is not text: it contains NUL bytes, as images, archives and other binary files do. ${HOW_TO_FIX} Upload it as CSV or .xlsx.`,
    );
  }
  return text;
}

async function* rowsOf(
  start: string,
  rest: TextChunks,
  scanner: CsvScanner,
  limits: CsvLimits,
  exhausted: boolean,
): AsyncGenerator<string[][], void, undefined> {
  let carry = start;
  let done = exhausted;
  try {
    for (;;) {
      const parts = [carry];
      let gathered = 0;
      // Waiting for as much new text as is carried keeps a long row from being rescanned often.
      while (!done && gathered < Math.max(SCAN_CHARS, carry.length)) {
        const next = await rest.next();
        if (next.done === true) done = true;
        else {
          parts.push(refuseBinary(next.value));
          gathered += next.value.length;
        }
      }
      const text = parts.length === 1 ? carry : parts.join('');
      let used = 0;
      for (;;) {
        const rows: string[][] = [];
        try {
          used = scanner.scan(text, used, done, rows, ROWS_PER_BATCH);
        } catch (error) {
          // The rows before the bad one come first, so the error can say which record it is.
          if (rows.length > 0) yield rows;
          throw error;
        }
        if (rows.length > 0) yield rows;
        if (rows.length < ROWS_PER_BATCH) break;
      }
      carry = used < text.length ? text.slice(used) : '';
      if (carry.length > limits.maxRowChars) {
        throw new RowError(
          `it goes on for more than ${sizeText(limits.maxRowChars)}; a quote is probably never closed`,
          { kind: 'line', number: scanner.line },
        );
      }
      if (done) return;
    }
  } finally {
    await rest.return?.();
  }
}

/** Skips a `sep=;` first line, which tells Excel the delimiter, and returns that delimiter. */
function delimiterHint(text: string): { delimiter: string; skip: number } | null {
  const hint = /^sep=([,;\t|])(\r\n|\n|\r)/i.exec(text);
  return hint === null ? null : { delimiter: hint[1] as string, skip: hint[0].length };
}

/** Reads a CSV import file: its header, then its records in batches as they are read. */
export async function readCsv(
  source: ByteSource,
  options: ReadOptions & { limits?: CsvLimits } = {},
): Promise<ImportFile> {
  const limits = options.limits ?? CSV_LIMITS;
  const decoded = decodeText(source);
  const chunks = decoded.chunks;
  let text = '';
  let done = false;
  let delimiter: string | null = null;
  try {
    for (let wanted = SCAN_CHARS; delimiter === null; wanted *= 2) {
      while (!done && text.length < wanted) {
        const next = await chunks.next();
        if (next.done === true) done = true;
        else text += next.value;
      }
      // Checked on all the text so far, not per chunk: UTF-16 shows only over many characters.
      refuseBinary(text);
      delimiter = chooseDelimiter(text, done);
      if (delimiter === null && text.length > limits.maxRowChars) {
        throw unreadable(
          `The file has no header row in its first ${sizeText(limits.maxRowChars)}. ${HOW_TO_FIX}`,
        );
      }
    }
  } catch (error) {
    await chunks.return();
    throw error;
  }
  const hint = delimiterHint(text);
  const scanner = new CsvScanner(hint?.delimiter ?? delimiter, limits);
  if (hint !== null) scanner.line = 2;
  const rows = rowsOf(text.slice(hint?.skip ?? 0), chunks, scanner, limits, done);
  const { header, batches } = await readRecords(rows, options.batchSize);
  return {
    format: 'csv',
    // Settled when the first non-ASCII byte is read, which may be after the header.
    get encoding() {
      return decoded.encoding();
    },
    delimiter: hint?.delimiter ?? delimiter,
    header,
    batches,
  };
}
