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
 * Jumps from quote to line break with indexOf (native speed), looking at a line's bytes only to
 * tell a blank row, which the first byte of any other row settles.
 */
export async function countCsvRecords(source: ByteSource): Promise<number | null> {
  let lines = 0;
  let quoted = false;
  let content = false; // the current line has something besides blanks
  let delimiter = -1; // chosen when the header ends: the candidate it holds most of
  const inHeader = [0, 0, 0];
  let first = true;
  const endLine = () => {
    if (content) lines += 1;
    content = false;
    if (delimiter < 0 && lines > 0) {
      const most = Math.max(...inHeader);
      delimiter = DELIMITERS[most === 0 ? 0 : inHeader.indexOf(most)] as number;
    }
  };
  for await (const chunk of source()) {
    if (first) {
      if (!looksLikeText(chunk)) return null;
      first = false;
    }
    const n = chunk.length;
    const quoteFrom = (at: number) => {
      const q = chunk.indexOf(QUOTE, at);
      return q < 0 ? n : q;
    };
    let nextQuote = quoteFrom(0);
    let pos = 0;
    while (pos < n) {
      if (quoted) {
        if (nextQuote >= n) break; // the rest of the chunk is inside quotes
        quoted = false;
        pos = nextQuote + 1;
        nextQuote = quoteFrom(pos);
        continue;
      }
      let lf = chunk.indexOf(LF, pos);
      if (lf < 0) lf = n;
      const stop = Math.min(lf, nextQuote);
      if (delimiter < 0) countDelimiters(chunk, pos, stop, inHeader);
      if (!content) content = hasContent(chunk, pos, stop, delimiter);
      if (nextQuote < lf) {
        quoted = true;
        content = true;
        pos = nextQuote + 1;
        nextQuote = quoteFrom(pos);
      } else if (lf < n) {
        endLine();
        pos = lf + 1;
      } else {
        pos = n;
      }
    }
  }
  if (content) endLine();
  return Math.max(0, lines - 1);
}
