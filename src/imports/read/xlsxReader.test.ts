import ExcelJS from 'exceljs';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AS_LIBREOFFICE_XLSX } from '../../../test/fixtures/spreadsheet/expectedRows.js';
import { AppError } from '../../domain/errors.js';
import { pickFields } from './header.js';
import { allCells, allRecords, bytesSource, countingSource, fixture } from './testSources.js';
import {
  relsXml,
  ROOT_RELS_XML,
  sheetXml,
  simpleWorkbook,
  toZip64,
  withDeclaredSize,
  workbookXml,
  zipParts,
  zipStreaming,
} from './xlsx/testWorkbooks.js';
import { readXlsx, XLSX_LIMITS } from './xlsxReader.js';

const HEADER_ROW =
  '<row r="1"><c r="A1" t="inlineStr"><is><t>accountId</t></is></c><c r="B1" t="inlineStr"><is><t>userId</t></is></c>' +
  '<c r="C1" t="inlineStr"><is><t>unit</t></is></c><c r="D1" t="inlineStr"><is><t>valueToRedeem</t></is></c></row>';

async function cellsOf(bytes: Uint8Array, chunkSize?: number): Promise<string[][]> {
  return allCells(await readXlsx(bytesSource(bytes, chunkSize)));
}

async function refusal(bytes: Uint8Array, limits = XLSX_LIMITS): Promise<AppError> {
  try {
    await allRecords(await readXlsx(bytesSource(bytes), { limits }));
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the workbook to be refused');
}

describe('readXlsx on a workbook LibreOffice saved (test/fixtures/spreadsheet)', () => {
  it('reads the first sheet with identifiers as the spreadsheet stored them', async () => {
    const counted = countingSource(bytesSource(fixture('spreadsheet/libreoffice-saved.xlsx'), 100));
    const file = await readXlsx(counted.source);
    expect(file).toMatchObject({ format: 'xlsx', delimiter: null });
    expect(file.header.columns[13]).toBe('valueToRedeem');
    const records = await allRecords(file);
    expect(records.map((record) => record.recordNumber)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(records.map((record) => record.cells)).toEqual(AS_LIBREOFFICE_XLSX);
    // Its sheet comes before its shared strings in the zip; a small file is still read once.
    expect(counted.reads()).toBe(1);
  });
});

async function excelJsWorkbook(useSharedStrings: boolean): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Balances');
  const extras = Array.from({ length: 25 }, (_, i) => `extra${i}`);
  // The required columns start at AA, past Z.
  sheet.addRow([
    'firstName',
    ...extras,
    'accountId',
    'userId',
    'unit',
    'valueToRedeem',
    'active',
    'check',
    'formula',
  ]);
  const row = sheet.getRow(2);
  row.getCell(1).value = {
    richText: [{ text: 'Jo', font: { bold: true } }, { text: 'sé <&> "x"' }],
  };
  row.getCell(2).value = new Date(Date.UTC(2027, 0, 31));
  row.getCell(27).value = 'acct-1';
  row.getCell(28).value = 123;
  row.getCell(29).value = 'CASH/USD';
  row.getCell(30).value = 10.556;
  row.getCell(31).value = true;
  row.getCell(32).value = { error: '#N/A' };
  row.getCell(33).value = { formula: 'A1&"x"', result: 'firstNamex' };
  // Row 3 is left empty; row 4 has a long identifier and text a spreadsheet would run.
  const fourth = sheet.getRow(4);
  fourth.getCell(1).value = "'=SUM(A1)";
  fourth.getCell(27).value = 'acct-2';
  // The 18-digit userId as a spreadsheet stores it: a double, its last digits lost.
  fourth.getCell(28).value = Number('123456789012345678');
  fourth.getCell(29).value = 'POINT';
  fourth.getCell(30).value = 0.1 + 0.2;
  fourth.getCell(31).value = false;
  workbook.addWorksheet('Second').addRow(['not read']);
  return new Uint8Array(await workbook.xlsx.writeBuffer({ useSharedStrings }));
}

describe('readXlsx on workbooks exceljs wrote', () => {
  for (const useSharedStrings of [true, false]) {
    it(`reads strings, rich text, numbers, booleans, errors, formulas and gaps (shared strings: ${useSharedStrings})`, async () => {
      const file = await readXlsx(bytesSource(await excelJsWorkbook(useSharedStrings), 50));
      expect(file.header.columns).toHaveLength(33);
      expect(file.header.index).toMatchObject({
        accountId: 26,
        userId: 27,
        unit: 28,
        valueToRedeem: 29,
      });
      const records = await allRecords(file);
      const gap = Array<string>(24).fill('');
      expect(records).toEqual([
        {
          recordNumber: 1,
          cells: [
            'José <&> "x"',
            '46418',
            ...gap,
            'acct-1',
            '123',
            'CASH/USD',
            '10.556',
            'TRUE',
            '#N/A',
            'firstNamex',
          ],
        },
        {
          recordNumber: 2,
          cells: [
            '=SUM(A1)',
            '',
            ...gap,
            'acct-2',
            '1.23456789012346E+17',
            'POINT',
            '0.3',
            'FALSE',
            '',
            '',
          ],
        },
      ]);
      expect(pickFields(file.header, records[1] as (typeof records)[number]).userId).toBe(
        '1.23456789012346E+17',
      );
    });
  }
});

describe('readXlsx on hand-built workbooks', () => {
  it('reads prefixed XML, rich runs without their phonetic guides, escapes and cells without r', async () => {
    const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
    const parts = simpleWorkbook('', ['x']);
    parts['xl/sharedStrings.xml'] =
      `<x:sst xmlns:x="${ns}"><x:si><x:t>accountId</x:t></x:si>` +
      '<x:si><x:r><x:rPr><x:b/></x:rPr><x:t xml:space="preserve">漢 </x:t></x:r><x:r><x:t>字</x:t></x:r>' +
      '<x:rPh sb="0" eb="1"><x:t>かん</x:t></x:rPh></x:si><x:si/></x:sst>';
    parts['xl/worksheets/sheet1.xml'] =
      `<?xml version="1.0"?><x:worksheet xmlns:x="${ns}"><x:sheetData>` +
      '<x:row><x:c t="s"><x:v>0</x:v></x:c><x:c t="inlineStr"><x:is><x:t>userId</x:t></x:is></x:c>' +
      '<x:c t="str"><x:v>unit</x:v></x:c><x:c t="inlineStr"><x:is><x:t>valueToRedeem</x:t></x:is></x:c></x:row>' +
      '<x:row r="3"><x:c r="A3" t="s"><x:v>1</x:v></x:c><x:c r="B3" t="s"><x:v>2</x:v></x:c>' +
      '<x:c r="C3" t="inlineStr"><x:is><x:t>a&#233;&#x1F600;&amp;_x000D_b</x:t></x:is></x:c><x:c r="D3" s="2"/>' +
      '<x:c r="E3" t="d"><x:v>2027-01-31T00:00:00Z</x:v></x:c><x:c r="F3" t="e"><x:v>#DIV/0!</x:v></x:c>' +
      '<x:c r="G3"><x:v>1.5E-07</x:v></x:c><x:c r="H3"><x:f>1/3</x:f><x:v>0.33333333333333331</x:v></x:c></x:row>' +
      '</x:sheetData><x:rowBreaks count="1"><x:brk id="3"/></x:rowBreaks></x:worksheet>';
    expect(await cellsOf(zipParts(parts), 17)).toEqual([
      [
        '漢 字',
        '',
        'aé😀&\rb',
        '',
        '2027-01-31T00:00:00Z',
        '#DIV/0!',
        '1.5E-07',
        '0.333333333333333',
      ],
    ]);
  });

  it('takes the first worksheet in tab order, by its relationship, skipping a chart sheet', async () => {
    const parts = {
      '_rels/.rels': ROOT_RELS_XML,
      'xl/workbook.xml': workbookXml([
        { name: 'Chart', id: 'rId9' },
        { name: 'Data', id: 'rId7' },
        { name: 'Other', id: 'rId1' },
      ]),
      'xl/_rels/workbook.xml.rels': relsXml([
        { id: 'rId1', type: 'worksheet', target: 'worksheets/sheet1.xml' },
        { id: 'rId7', type: 'worksheet', target: '/xl/worksheets/data.xml' },
        { id: 'rId9', type: 'chartsheet', target: 'chartsheets/sheet1.xml' },
      ]),
      'xl/worksheets/sheet1.xml': sheetXml(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>wrong</t></is></c></row>',
      ),
      'xl/worksheets/data.xml': sheetXml(`${HEADER_ROW}<row r="2"><c r="A2"><v>7</v></c></row>`),
    };
    expect(await cellsOf(zipParts(parts))).toEqual([['7', '', '', '']]);
  });

  it('reads a zip whose sizes come after the data, as streaming writers make them', async () => {
    const bytes = zipStreaming(
      simpleWorkbook(`${HEADER_ROW}<row r="2"><c r="A2" t="s"><v>0</v></c></row>`, [
        '<t>acct-1</t>',
      ]),
    );
    expect(await cellsOf(bytes, 64)).toEqual([['acct-1', '', '', '']]);
  });

  it('reads empty values as empty, in either shape', async () => {
    const rows = `${HEADER_ROW}<row r="2"><c r="A2" t="s"><v></v></c><c r="B2" t="s"><v/></c><c r="C2"><v>3</v></c></row>`;
    expect(await cellsOf(zipParts(simpleWorkbook(rows, ['<t>first</t>'])))).toEqual([
      ['', '', '3', ''],
    ]);
  });

  it('reads a zip64 file', async () => {
    const bytes = toZip64(
      zipParts(simpleWorkbook(`${HEADER_ROW}<row r="2"><c r="D2"><v>5</v></c></row>`)),
    );
    expect(await cellsOf(bytes)).toEqual([['', '', '', '5']]);
  });

  it('streams a file too large to keep, reading it three times: directory, parts, sheet', async () => {
    const parts = {
      ...simpleWorkbook(`${HEADER_ROW}<row r="2"><c r="A2"><v>1</v></c></row>`),
      'xl/media/image1.png': randomBytes(17 << 20),
    };
    const counted = countingSource(bytesSource(zipParts(parts, 0)));
    expect(await allCells(await readXlsx(counted.source))).toEqual([['1', '', '', '']]);
    expect(counted.reads()).toBe(3);
  });

  it('says which record a bad row is, by its sheet row', async () => {
    const rows = `${HEADER_ROW}<row r="2"><c r="A2"><v>1</v></c></row><row r="5"><c r="XFE5"><v>1</v></c></row>`;
    const error = await refusal(zipParts(simpleWorkbook(rows)));
    expect(error.message).toBe(
      'Record 2 (row 5) cannot be read: a cell lies beyond column XFD, the last a sheet has',
    );
  });

  it('refuses a workbook without a worksheet, and an empty first sheet', async () => {
    const noSheet = { ...simpleWorkbook(''), 'xl/workbook.xml': workbookXml([]) };
    expect((await refusal(zipParts(noSheet))).message).toMatch(
      /^The Excel file has no worksheet\./,
    );
    expect((await refusal(zipParts(simpleWorkbook('<row r="1"/>')))).message).toMatch(
      /^The first sheet of the workbook \("Balances"\) is empty\./,
    );
  });

  it('refuses a zip bomb before unpacking it', async () => {
    const bomb = zipParts(
      simpleWorkbook(`${HEADER_ROW}<row r="2"><c r="A2"><v>1</v></c></row>${' '.repeat(64 << 20)}`),
    );
    expect(bomb.length).toBeLessThan(200_000);
    const error = await refusal(bomb);
    expect(error.message).toMatch(
      /^The \.xlsx file's part xl\/worksheets\/sheet1\.xml would unpack from .* to 64 MB, more than rewardbook reads .*; it may be a zip bomb\./,
    );
  });

  it('stops unpacking a part that yields more than its directory declares', async () => {
    const honest = zipParts(
      simpleWorkbook(`${HEADER_ROW}${'<row r="2"><c r="A2"><v>1</v></c></row>'.repeat(20_000)}`),
    );
    const error = await refusal(withDeclaredSize(honest, 'xl/worksheets/sheet1.xml', 1000));
    expect(error.message).toMatch(/sheet1\.xml unpacks to more than it declares/);
    const part = await refusal(withDeclaredSize(honest, 'xl/workbook.xml', 10));
    expect(part.message).toMatch(/workbook\.xml unpacks to more than it declares/);
  });

  it('refuses what the limits do not allow', async () => {
    const bytes = zipParts(simpleWorkbook(`${HEADER_ROW}<row r="2"><c r="A2"><v>1</v></c></row>`));
    const tight = { ...XLSX_LIMITS, sheet: { maxBytes: 100, maxRatio: 250, slackBytes: 0 } };
    expect((await refusal(bytes, tight)).message).toMatch(
      /more than rewardbook reads \(100 bytes\)/,
    );
  });

  it('refuses a cut or damaged file', async () => {
    const bytes = zipParts(simpleWorkbook(HEADER_ROW));
    expect((await refusal(bytes.subarray(0, bytes.length - 30))).message).toMatch(
      /^The \.xlsx file is damaged/,
    );
    const garbled = bytes.slice();
    garbled.fill(0x41, 40, 200);
    expect((await refusal(garbled)).code).toBe('UNREADABLE_FILE');
  });
});
