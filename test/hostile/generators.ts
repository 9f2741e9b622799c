/**
 * fast-check generators of import files, honest and hostile, shared by the hostile-input tests
 * and bench/fuzz.bench.ts. An honest file comes with the records a reader must give for it.
 */
import fc from 'fast-check';
import { neutralise } from '../../src/reports/format/neutralise.js';
import { simpleWorkbook, zipParts } from '../../src/imports/read/xlsx/testWorkbooks.js';

/** The report's columns that an import needs, then one it ignores. */
export const IMPORT_HEADER = ['accountId', 'userId', 'unit', 'valueToRedeem', 'note'];

/** Characters that matter to CSV and spreadsheets, so edge cases come up often. */
const TRICKY = ['a', 'Z', '0', '7', ' ', '"', ',', ';', '\t', '\n', '\r', "'", '=', '+', '-', '@'];
const WIDE = ['é', '€', 'ß', 'Ж', '中', '😀', '\u00a0', '\ufeff'];

const cellText = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: fc.constantFrom(...TRICKY, ...WIDE), maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
);

/** Rows of the import's width; the first cell is never blank, so every row is a record. */
export const reportRows = fc.array(
  fc
    .tuple(
      fc.string({ unit: fc.constantFrom('a', '1', 'é', '"', ','), minLength: 1, maxLength: 6 }),
      fc.array(cellText, { minLength: IMPORT_HEADER.length - 1, maxLength: 4 }),
    )
    .map(([first, rest]) => [first.trim() === '' ? 'x' : first, ...rest]),
  { maxLength: 30 },
);

export interface CsvShape {
  delimiter: ',' | ';' | '\t';
  lineEnd: '\r\n' | '\n' | '\r';
  bom: boolean;
  quoteAll: boolean;
  finalLineEnd: boolean;
  blankLines: boolean;
}

export const csvShape: fc.Arbitrary<CsvShape> = fc.record({
  delimiter: fc.constantFrom(',' as const, ';' as const, '\t' as const),
  lineEnd: fc.constantFrom('\r\n' as const, '\n' as const, '\r' as const),
  bom: fc.boolean(),
  quoteAll: fc.boolean(),
  finalLineEnd: fc.boolean(),
  blankLines: fc.boolean(),
});

/** The rows as a spreadsheet program writes CSV: neutralised, quoted where needed, in UTF-8. */
export function writeCsv(rows: string[][], shape: CsvShape): Uint8Array {
  const { delimiter: d, lineEnd } = shape;
  const cell = (raw: string): string => {
    const text = neutralise(raw);
    return shape.quoteAll || /["\r\n]/.test(text) || text.includes(d)
      ? `"${text.replace(/"/g, '""')}"`
      : text;
  };
  const lines = [IMPORT_HEADER, ...rows].map((row) => row.map(cell).join(d));
  const text =
    lines.join(shape.blankLines ? `${lineEnd}${lineEnd}` : lineEnd) +
    (shape.finalLineEnd ? lineEnd : '');
  const bytes = new TextEncoder().encode(text);
  return shape.bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]) : bytes;
}

function xmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Text that XML can carry as it is: no carriage returns, no other control characters. */
export const xmlSafeRows = reportRows.map((rows) =>
  rows.map((row) => row.map((cell) => [...cell].map(xmlSafeChar).join(''))),
);

function xmlSafeChar(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  return (code < 0x20 && char !== '\t' && char !== '\n') || code === 0xfeff ? '_' : char;
}

/** The rows as an .xlsx sheet: each text as an inline string or a shared one, by turns. */
export function writeXlsx(rows: string[][], sharedEvery: number): Uint8Array {
  const shared: string[] = [];
  const sheetRows = [IMPORT_HEADER, ...rows].map((row, r) => {
    const cells = row.map((raw, c) => {
      const text = neutralise(raw);
      if (text === '') return '';
      const ref = `${String.fromCharCode(65 + c)}${r + 1}`;
      if ((r + c) % sharedEvery === 0) {
        shared.push(`<t xml:space="preserve">${xmlText(text)}</t>`);
        return `<c r="${ref}" t="s"><v>${shared.length - 1}</v></c>`;
      }
      return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${xmlText(text)}</t></is></c>`;
    });
    return `<row r="${r + 1}">${cells.join('')}</row>`;
  });
  return zipParts(simpleWorkbook(sheetRows.join(''), shared));
}

/** What a reader gives for honest rows: the same cells, padded to the header's width. */
export function expectedCells(rows: string[][]): string[][] {
  return rows.map((row) => {
    const cells = [...row];
    while (cells.length < IMPORT_HEADER.length) cells.push('');
    return cells;
  });
}

/** Random bytes, and random bytes after an honest header, of at most `maxLength` bytes. */
export function hostileBytes(maxLength: number): fc.Arbitrary<Uint8Array> {
  const header = new TextEncoder().encode(`${IMPORT_HEADER.join(',')}\r\n`);
  const csvish = fc.string({ unit: fc.constantFrom(...TRICKY, ...WIDE, '\0'), maxLength });
  return fc.oneof(
    fc.uint8Array({ maxLength }),
    fc.uint8Array({ maxLength }).map((tail) => Buffer.concat([header, tail])),
    csvish.map((tail) => Buffer.concat([header, Buffer.from(tail)])),
    fc.uint8Array({ maxLength }).map((tail) => Buffer.concat([Buffer.from('PK\x03\x04'), tail])),
  );
}
