import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { neutralise } from '../../reports/format/neutralise.js';
import { readCsv } from './csvReader.js';
import { CsvScanner } from './csvScanner.js';
import { isBlankRow } from './records.js';
import { allCells, bytesSource } from './testSources.js';

/** Characters that matter to CSV, so the edge cases come up often, and any text besides. */
const cellText = fc.oneof(
  fc.string({
    unit: fc.constantFrom(
      'a',
      'B',
      '1',
      ' ',
      '"',
      ',',
      ';',
      '\t',
      '\r',
      '\n',
      "'",
      '=',
      'é',
      '€',
      '😀',
    ),
    maxLength: 8,
  }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
);
const delimiter = fc.constantFrom(',', ';', '\t');
const lineEnd = fc.constantFrom('\r\n', '\n', '\r');

/** RFC 4180, as a spreadsheet writes it: quotes only where needed, or around everything. */
function writeCsv(
  rows: string[][],
  d: string,
  end: string,
  quoteAll: boolean,
  finalEnd: boolean,
): string {
  const cell = (text: string): string =>
    quoteAll || /["\r\n]/.test(text) || text.includes(d) ? `"${text.replace(/"/g, '""')}"` : text;
  // A lone empty cell would be an empty line, which is not a row: a writer quotes it.
  const line = (row: string[]): string =>
    row.length === 1 && row[0] === '' ? '""' : row.map(cell).join(d);
  return rows.map(line).join(end) + (finalEnd ? end : '');
}

/** Scans text handed over in pieces, as the reader does. */
function scanPieces(text: string, d: string, cuts: number[]): string[][] {
  const scanner = new CsvScanner(d);
  const rows: string[][] = [];
  let carry = '';
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    const piece = text.slice(at, Math.max(at, cut));
    at = Math.max(at, cut);
    const all = carry + piece;
    carry = all.slice(scanner.scan(all, 0, false, rows));
  }
  const all = carry + text.slice(at);
  scanner.scan(all, 0, true, rows);
  return rows;
}

describe('CsvScanner', () => {
  it('reads back any table written as RFC 4180, however the text is cut', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(cellText, { minLength: 1, maxLength: 6 }), {
          minLength: 1,
          maxLength: 12,
        }),
        delimiter,
        lineEnd,
        fc.boolean(),
        fc.boolean(),
        fc.array(fc.nat({ max: 400 }), { maxLength: 10 }),
        (rows, d, end, quoteAll, finalEnd, cuts) => {
          const text = writeCsv(rows, d, end, quoteAll, finalEnd);
          expect(scanPieces(text, d, cuts)).toEqual(rows);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('counts lines across quoted line breaks and all three line ends', () => {
    const scanner = new CsvScanner(',');
    const rows: string[][] = [];
    scanner.scan('a\r\n"b\r\nc\nd\re"\r\rf', 0, true, rows);
    expect(rows).toEqual([['a'], ['b\r\nc\nd\re'], ['f']]);
    // 'f' starts on line 7; having read it, the scanner stands at line 8.
    expect(scanner.line).toBe(8);
  });

  it('keeps text after a closing quote, as spreadsheet programs do', () => {
    const rows: string[][] = [];
    new CsvScanner(',').scan('"a"b,"c""d"e,O"Brien\n', 0, true, rows);
    expect(rows).toEqual([['ab', 'c"de', 'O"Brien']]);
  });

  it('waits for more text when a row may go on', () => {
    for (const text of ['a,b', 'a,b\r', 'a,"b', 'a,"b"', 'a,"b\r\n']) {
      const rows: string[][] = [];
      expect(new CsvScanner(',').scan(text, 0, false, rows)).toBe(0);
      expect(rows).toEqual([]);
    }
  });
});

describe('readCsv', () => {
  it('drops a row whose only content is a neutralised CR, as blank', async () => {
    const text = 'accountId,userId,unit,valueToRedeem\r\n,,"\'\r",\r\na,u,POINT,1\r\n';
    const file = await readCsv(bytesSource(text, 1));
    expect(await allCells(file)).toEqual([['a', 'u', 'POINT', '1']]);
  });

  it('reads back any table the exporter could write, blank rows aside', async () => {
    const header = ['accountId', 'userId', 'unit', 'valueToRedeem'];
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cellText, { minLength: 4, maxLength: 4 }), { maxLength: 10 }),
        delimiter,
        lineEnd,
        fc.boolean(),
        fc.integer({ min: 1, max: 40 }),
        async (table, d, end, bom, chunkSize) => {
          const rows = table.map((row) => row.map((cell) => cell.replace(/\0/g, '')));
          const text = writeCsv(
            [header, ...rows.map((row) => row.map(neutralise))],
            d,
            end,
            false,
            true,
          );
          const file = await readCsv(bytesSource(`${bom ? '\ufeff' : ''}${text}`, chunkSize));
          expect(file.delimiter).toBe(d);
          expect(await allCells(file)).toEqual(rows.filter((row) => !isBlankRow(row)));
        },
      ),
      { numRuns: 300 },
    );
  });
});
