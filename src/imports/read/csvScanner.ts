/**
 * The row scanner of the CSV reader: RFC 4180 fields (quotes doubled inside quotes, delimiters
 * and line breaks inside quotes), CRLF, LF or CR line ends. It works on decoded text, a buffer at
 * a time, and reports where the first incomplete row starts so the caller can add more text.
 *
 * Speed comes from native string search: a line without a quote is cut with one `split`, and
 * the next line break and quote positions are remembered rather than searched for again.
 */
import { RowError, sizeText } from './unreadable.js';

export interface CsvLimits {
  maxFieldChars: number;
  maxColumns: number;
  maxRowChars: number;
}

/** Large enough for any honest report, small enough that hostile input cannot exhaust memory. */
export const CSV_LIMITS: CsvLimits = {
  maxFieldChars: 1 << 20,
  maxColumns: 10_000,
  maxRowChars: 8 << 20,
};

const QUOTE = 34;
const CR = 13;
const LF = 10;

function lineBreaksIn(text: string): number {
  if (text.indexOf('\n') < 0 && text.indexOf('\r') < 0) return 0;
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) count++;
  }
  return count;
}

export class CsvScanner {
  /** The line on which the next row starts, counting from 1. */
  line = 1;
  private readonly delimiter: string;
  private readonly delimiterCode: number;
  private readonly limits: CsvLimits;

  constructor(delimiter: string, limits: CsvLimits = CSV_LIMITS) {
    this.delimiter = delimiter;
    this.delimiterCode = delimiter.charCodeAt(0);
    this.limits = limits;
  }

  /**
   * Scans the complete rows of `text` from `from`, pushing them to `out` (empty lines are not
   * rows), at most `limit` of them. Returns where the first unscanned row starts. With `final`
   * the end of the text ends the last row.
   */
  scan(text: string, from: number, final: boolean, out: string[][], limit = Infinity): number {
    const n = text.length;
    let pos = from;
    let lf = -1;
    let cr = -1;
    let quote = -1;
    while (pos < n && out.length < limit) {
      if (lf < pos) lf = indexOrEnd(text, '\n', pos);
      if (cr < pos) cr = indexOrEnd(text, '\r', pos);
      if (quote < pos) quote = indexOrEnd(text, '"', pos);
      const end = lf < cr ? lf : cr;
      if (quote < end) {
        const next = this.quotedRow(text, pos, final, out);
        if (next < 0) return pos;
        pos = next;
        continue;
      }
      // Without a line break in sight, or with a CR that may be the first half of a CRLF, the
      // row may go on in the next text.
      if (!final && (end === n || end === n - 1)) return pos;
      if (end > pos) this.plainRow(text, pos, end, out);
      pos =
        end >= n
          ? n
          : text.charCodeAt(end) === CR && text.charCodeAt(end + 1) === LF
            ? end + 2
            : end + 1;
      this.line++;
    }
    return pos;
  }

  private tooLong(problem: string): RowError {
    return new RowError(problem, { kind: 'line', number: this.line });
  }

  private plainRow(text: string, start: number, end: number, out: string[][]): void {
    const { maxColumns, maxFieldChars, maxRowChars } = this.limits;
    if (end - start > maxRowChars) {
      throw this.tooLong(`the line is longer than ${sizeText(maxRowChars)}`);
    }
    const cells = text.slice(start, end).split(this.delimiter, maxColumns + 1);
    if (cells.length > maxColumns) throw this.tooLong(`it has more than ${maxColumns} columns`);
    if (end - start > maxFieldChars && cells.some((cell) => cell.length > maxFieldChars)) {
      throw this.tooLong(`a field is longer than ${sizeText(maxFieldChars)}`);
    }
    out.push(cells);
  }

  /** Where the unquoted text from `from` ends: at a delimiter, a line break or the end. */
  private stopAt(text: string, from: number): number {
    const d = this.delimiterCode;
    for (let i = from; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === d || c === LF || c === CR) return i;
    }
    return text.length;
  }

  /** Scans one row that has a quote in it; -1 when it does not end within `text`. */
  private quotedRow(text: string, start: number, final: boolean, out: string[][]): number {
    const { maxColumns, maxFieldChars, maxRowChars } = this.limits;
    const n = text.length;
    const cells: string[] = [];
    let breaks = 0;
    let p = start;
    for (;;) {
      let cell = '';
      if (text.charCodeAt(p) === QUOTE) {
        let s = p + 1;
        for (;;) {
          const close = text.indexOf('"', s);
          if (close < 0 || (close === n - 1 && !final)) {
            if (!final) return -1;
            throw this.tooLong('a quoted field is never closed (a " opens it, no " ends it)');
          }
          if (text.charCodeAt(close + 1) === QUOTE) {
            cell += text.slice(s, close + 1);
            s = close + 2;
            // Checked as it grows: a field of doubled quotes costs a concatenation per quote.
            if (cell.length > maxFieldChars) {
              throw this.tooLong(`a field is longer than ${sizeText(maxFieldChars)}`);
            }
            continue;
          }
          cell += text.slice(s, close);
          p = close + 1;
          break;
        }
        breaks += lineBreaksIn(cell);
      }
      // Text after a closing quote is kept as written, as spreadsheet programs do.
      const stop = this.stopAt(text, p);
      if (stop > p) cell += text.slice(p, stop);
      p = stop;
      if (cell.length > maxFieldChars) {
        throw this.tooLong(`a field is longer than ${sizeText(maxFieldChars)}`);
      }
      cells.push(cell);
      if (cells.length > maxColumns) throw this.tooLong(`it has more than ${maxColumns} columns`);
      if (p - start > maxRowChars) {
        throw this.tooLong(`the row is longer than ${sizeText(maxRowChars)}`);
      }
      if (p >= n && !final) return -1;
      const c = text.charCodeAt(p);
      if (c === this.delimiterCode) {
        p++;
        continue;
      }
      if (c === CR) {
        if (p + 1 >= n && !final) return -1;
        p += text.charCodeAt(p + 1) === LF ? 2 : 1;
      } else if (c === LF) {
        p++;
      }
      out.push(cells);
      this.line += 1 + breaks;
      return p;
    }
  }
}

function indexOrEnd(text: string, search: string, from: number): number {
  const at = text.indexOf(search, from);
  return at < 0 ? text.length : at;
}
