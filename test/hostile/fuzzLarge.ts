/**
 * The large hostile inputs of bench/fuzz.bench.ts, each read once (in a process of its own, so
 * its peak memory is its own) and expected to end as stated: refused with a message that
 * matches, or read whole.
 */
import { simpleWorkbook, zipParts } from '../../src/imports/read/xlsx/testWorkbooks.js';
import { IMPORT_HEADER } from './generators.js';
import { bombWorkbook, headerRowXml } from './workbooks.js';

export interface LargeCase {
  name: string;
  build: () => Promise<Uint8Array | string> | Uint8Array | string;
  /** A pattern the refusal must match, or the number of records to read. */
  expect: RegExp | number;
}

const MB = 1 << 20;
const GB = 1 << 30;
const HEADER = `${IMPORT_HEADER.join(',')}\r\n`;

function sheetOf(rows: number, row: (r: number) => string, shared: string[] = []): Uint8Array {
  const parts = [headerRowXml()];
  for (let r = 2; r < rows + 2; r++) parts.push(row(r));
  return zipParts(simpleWorkbook(parts.join(''), shared));
}

export const LARGE_CASES: LargeCase[] = [
  {
    name: 'CSV, a 5 MB field',
    build: () => `${HEADER}a,b,c,${'x'.repeat(5 * MB)},e\r\n`,
    expect: /a field is longer than 1 MB/,
  },
  {
    name: 'CSV, a 20 MB line',
    build: () => `${HEADER}${'a,'.repeat(10 * MB)}`,
    expect: /goes on for more than 8 MB/,
  },
  {
    name: 'CSV, a field of 10M doubled quotes',
    build: () => `${HEADER}a,b,"${'""'.repeat(10 * MB)}`,
    expect: /a field is longer than 1 MB/,
  },
  {
    name: 'CSV, 200,000 header columns',
    build: () => `${Array.from({ length: 200_000 }, (_, i) => `c${i}`).join(',')},${HEADER}`,
    expect: /more than 10000 columns/,
  },
  {
    name: 'CSV, 1,000,000 columns in a record',
    build: () => `${HEADER}a,b,c,1${','.repeat(1_000_000)}\r\n`,
    expect: /more than 10000 columns/,
  },
  {
    name: 'CSV, 10 MB of UTF-16 without a byte-order mark',
    build: () => Buffer.from(`${HEADER}${'acct,user,POINT,1,\r\n'.repeat(250_000)}`, 'utf16le'),
    expect: /UTF-16 text without a byte-order mark/,
  },
  {
    name: 'CSV, 1,000,000 honest records',
    build: () => `${HEADER}${'acct-1,user-1,CASH/USD,1.00,\r\n'.repeat(1_000_000)}`,
    expect: 1_000_000,
  },
  {
    name: '.xlsx, a sheet of 2 GB declared (zip bomb)',
    build: () => bombWorkbook('xl/worksheets/sheet1.xml', 2 * GB),
    expect: /may be a zip bomb/,
  },
  {
    name: '.xlsx, a sheet of 2 GB declaring 500 MB',
    build: () => bombWorkbook('xl/worksheets/sheet1.xml', 2 * GB, 500 * MB),
    expect: /sheet1\.xml unpacks to more than it declares/,
  },
  {
    name: '.xlsx, shared strings of 2 GB declaring 200 MB',
    build: () => bombWorkbook('xl/sharedStrings.xml', 2 * GB, 200 * MB),
    expect: /sharedStrings\.xml unpacks to more than it declares/,
  },
  {
    name: '.xlsx, 20,000 rows with one value in column XFD',
    build: () => sheetOf(20_000, (r) => `<row r="${r}"><c r="XFD${r}"><v>1</v></c></row>`),
    expect: /lies far to the right of the rest of its row/,
  },
  {
    name: '.xlsx, one 1 MB shared string in 160,000 cells',
    build: () =>
      sheetOf(
        20_000,
        (r) =>
          `<row r="${r}">${'ABCDEFGH'
            .split('')
            .map((c) => `<c r="${c}${r}" t="s"><v>0</v></c>`)
            .join('')}</row>`,
        [`<t>${'x'.repeat(1_000_000)}</t>`],
      ),
    expect: /more than 1024 MB of text/,
  },
  {
    name: '.xlsx, 2,000,000 distinct shared strings',
    build: () =>
      sheetOf(
        1000,
        (r) => `<row r="${r}"><c r="A${r}" t="s"><v>${(r * 1999) % 2_000_000}</v></c></row>`,
        Array.from({ length: 2_000_000 }, (_, i) => `<t>s${i}</t>`),
      ),
    expect: 1000,
  },
];
