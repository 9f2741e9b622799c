/**
 * How many records a CSV holds, counted on its bytes without decoding or splitting cells: line
 * breaks outside double quotes, less the header and lines with nothing but delimiters and
 * spaces (blank rows, which the reader skips). About twenty times faster than reading the file,
 * so an import can show its total before its first chunk. UTF-8 and Windows-1252 only (their
 * quotes, delimiters and line breaks are single ASCII bytes); null for anything else (UTF-16,
 * .xlsx), which the caller counts by reading.
 */
import type { ByteSource } from './types.js';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;
/** `,`, `;` and tab: the delimiters the reader accepts, in its order of preference. */
const DELIMITERS = [0x2c, 0x3b, TAB];

function looksLikeText(first: Uint8Array): boolean {
  if (first[0] === 0x50 && first[1] === 0x4b) return false; // a zip (.xlsx)
  if ((first[0] === 0xff && first[1] === 0xfe) || (first[0] === 0xfe && first[1] === 0xff)) {
    return false; // UTF-16 byte-order mark
  }
  return !first.subarray(0, 512).includes(0); // UTF-16 without one has NULs
}

/** Whether bytes [from, to) hold anything but blanks; a header (delimiter -1) any non-space. */
function hasContent(bytes: Uint8Array, from: number, to: number, delimiter: number): boolean {
  for (let i = from; i < to; i++) {
    const byte = bytes[i] as number;
    if (byte === SPACE || byte === TAB || byte === CR || byte === delimiter) continue;
    if (delimiter < 0 && DELIMITERS.includes(byte)) continue;
    return true;
  }
  return false;
}

/** Counts each candidate delimiter in bytes [from, to) of the header line. */
function countDelimiters(bytes: Uint8Array, from: number, to: number, counts: number[]): void {
  for (let i = from; i < to; i++) {
    const at = DELIMITERS.indexOf(bytes[i] as number);
    if (at >= 0) counts[at] = (counts[at] as number) + 1;
  }
}

/**
 * Counts a CSV's records as its bytes go by (an upload streaming into storage, say): push each
 * chunk, then read `count()` once the last has been pushed.
 */
export class CsvRecordCounter {
  private lines = 0;
  private quoted = false;
  private content = false; // the current line has something besides blanks
  private delimiter = -1; // chosen when the header ends: the candidate it holds most of
  private readonly inHeader = [0, 0, 0];
  private first = true;
  private notCsv = false;

  private endLine(): void {
    if (this.content) this.lines += 1;
    this.content = false;
    if (this.delimiter < 0 && this.lines > 0) {
      const most = Math.max(...this.inHeader);
      this.delimiter = DELIMITERS[most === 0 ? 0 : this.inHeader.indexOf(most)] as number;
    }
  }

  push(chunk: Uint8Array): void {
    if (this.notCsv || chunk.length === 0) return;
    if (this.first) {
      this.first = false;
      if (!looksLikeText(chunk)) {
        this.notCsv = true;
        return;
      }
    }
    const n = chunk.length;
    const quoteFrom = (at: number) => {
      const q = chunk.indexOf(QUOTE, at);
      return q < 0 ? n : q;
    };
    let nextQuote = quoteFrom(0);
    let pos = 0;
    while (pos < n) {
      if (this.quoted) {
        if (nextQuote >= n) break; // the rest of the chunk is inside quotes
        this.quoted = false;
        pos = nextQuote + 1;
        nextQuote = quoteFrom(pos);
        continue;
      }
      let lf = chunk.indexOf(LF, pos);
      if (lf < 0) lf = n;
      const stop = Math.min(lf, nextQuote);
      if (this.delimiter < 0) countDelimiters(chunk, pos, stop, this.inHeader);
      if (!this.content) this.content = hasContent(chunk, pos, stop, this.delimiter);
      if (nextQuote < lf) {
        this.quoted = true;
        this.content = true;
        pos = nextQuote + 1;
        nextQuote = quoteFrom(pos);
      } else if (lf < n) {
        this.endLine();
        pos = lf + 1;
      } else {
        pos = n;
      }
    }
  }

  /** False once the first bytes showed the file is not CSV text (a zip, UTF-16). */
  get maybeCsv(): boolean {
    return !this.notCsv;
  }

  /** The records pushed (the header and blank rows not counted), or null for a file not CSV. */
  count(): number | null {
    if (this.notCsv) return null;
    if (this.content) this.endLine();
    return Math.max(0, this.lines - 1);
  }
}

export async function countCsvRecords(source: ByteSource): Promise<number | null> {
  const counter = new CsvRecordCounter();
  for await (const chunk of source()) {
    counter.push(chunk);
    if (!counter.maybeCsv) return null;
  }
  return counter.count();
}
