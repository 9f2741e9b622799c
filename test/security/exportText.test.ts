/**
 * Exported text is never run by a spreadsheet: whatever names and ids a tenant's participants
 * have, no text cell of the CSV or .xlsx report starts with `=`, `+`, `-`, `@`, tab or carriage
 * return, no .xlsx cell is a formula, and importing the file gives the text back as it was.
 */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvScanner } from '../../src/imports/read/csvScanner.js';
import { REPORT_COLUMNS, type BalanceReportRow } from '../../src/reports/format/columns.js';
import { writeCsv } from '../../src/reports/format/csvWriter.js';
import { buildReportRow, collectBytes } from '../../src/reports/format/testRows.js';
import { writeXlsx } from '../../src/reports/format/xlsxWriter.js';
import { cellsOf, readOutcome } from '../hostile/readOutcome.js';

const FORMULA_START = /^[=+\-@\t\r]/;
const TEXT_COLUMNS = [
  'firstName',
  'lastName',
  'email',
  'userId',
  'accountId',
  'programId',
  'unit',
  'unitName',
  'currency',
] as const;

/** Text a hostile participant could choose: formula starts, quotes before them, anything. */
const hostileText = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('=', '+', '-', '@', '\t', '\r', "'=", "''+", '', ' ='),
      fc.string({ maxLength: 12 }),
    )
    .map(([start, rest]) => `${start}${rest}`),
  fc.constantFrom(
    '=HYPERLINK("http://x","y")',
    "=cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    '-2+3',
    '+1',
    "'",
  ),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
);

const hostileRow = fc
  .record(
    Object.fromEntries(TEXT_COLUMNS.map((column) => [column, hostileText])) as Record<
      (typeof TEXT_COLUMNS)[number],
      fc.Arbitrary<string>
    >,
  )
  .map((texts) =>
    buildReportRow({ ...texts, userId: texts.userId || 'u', accountId: texts.accountId || 'a' }),
  );

function csvCells(bytes: Buffer): string[][] {
  const rows: string[][] = [];
  new CsvScanner(',').scan(bytes.toString('utf8').replace(/^\uFEFF/, ''), 0, true, rows);
  return rows.slice(1);
}

async function xlsxCells(bytes: Buffer): Promise<{ text: string[]; formulas: number }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const text: string[] = [];
  let formulas = 0;
  for (const sheet of workbook.worksheets) {
    sheet.eachRow((row, number) => {
      if (number === 1) return;
      row.eachCell((cell) => {
        if (cell.type === ExcelJS.ValueType.Formula) formulas++;
        if (typeof cell.value === 'string') text.push(cell.value);
      });
    });
  }
  return { text, formulas };
}

function isXmlControl(char: string): boolean {
  const code = char.charCodeAt(0);
  return (code < 0x20 && ![0x09, 0x0a, 0x0d].includes(code)) || code === 0xfffe || code === 0xffff;
}

/** What importing the report gives for the row's text columns. */
function texts(rows: readonly BalanceReportRow[]): string[][] {
  return rows.map((row) => TEXT_COLUMNS.map((column) => row[column] ?? ''));
}

describe('exported text', () => {
  it('is never a formula in CSV, and imports back unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(hostileRow, { minLength: 1, maxLength: 8 }), async (rows) => {
        const bytes = await collectBytes(writeCsv([rows]));
        for (const cells of csvCells(bytes)) {
          for (const cell of cells.slice(0, TEXT_COLUMNS.length))
            expect(cell).not.toMatch(FORMULA_START);
        }
        const read = cellsOf(await readOutcome(bytes)).map((cells) =>
          cells.slice(0, TEXT_COLUMNS.length),
        );
        expect(read).toEqual(texts(rows));
      }),
      { numRuns: 200 },
    );
  });

  it('is never a formula in .xlsx, and imports back unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(hostileRow, { minLength: 1, maxLength: 8 }), async (rows) => {
        const bytes = await collectBytes(writeXlsx([rows]));
        const { text, formulas } = await xlsxCells(bytes);
        expect(formulas).toBe(0);
        for (const cell of text) expect(cell).not.toMatch(FORMULA_START);
        const read = cellsOf(await readOutcome(bytes)).map((cells) =>
          cells.slice(0, TEXT_COLUMNS.length),
        );
        // XML cannot carry most control characters: the writer leaves them out.
        const carried = (cell: string) => [...cell].filter((c) => !isXmlControl(c)).join('');
        expect(read).toEqual(texts(rows).map((row) => row.map(carried)));
      }),
      { numRuns: 60 },
    );
  });

  it('keeps the report columns this test reads in their place', () => {
    expect(REPORT_COLUMNS.slice(0, TEXT_COLUMNS.length)).toEqual([...TEXT_COLUMNS]);
  });
});
