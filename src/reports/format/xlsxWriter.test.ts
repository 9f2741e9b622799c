import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { type BalanceReportRow, REPORT_COLUMNS } from './columns.js';
import { buildReportRow, collectBytes, syntheticBatches } from './testRows.js';
import { type XlsxOptions, writeXlsx } from './xlsxWriter.js';
import { xmlProblems } from './xmlWellFormed.js';

async function xlsxOf(rows: BalanceReportRow[], options?: XlsxOptions): Promise<Buffer> {
  // Uneven batches, so sheet boundaries fall inside a batch.
  const batches = [rows.slice(0, 3), rows.slice(3)];
  return collectBytes(writeXlsx(batches, options));
}

async function workbookOf(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

const ROWS = [
  buildReportRow(),
  buildReportRow({
    userId: '123456789012345678',
    accountId: '0042',
    unit: 'POINT',
    unitName: 'Points',
    currency: null,
    decimals: 0,
    available: 1500,
    totalRedeemed: 200,
    nextExpiry: null,
  }),
  buildReportRow({
    unit: 'CASH/KWD',
    currency: 'KWD',
    decimals: 3,
    available: 1234,
    programId: 'loyalty',
    lastName: '=HYPERLINK("http://x")',
  }),
];

describe('writeXlsx', () => {
  it('writes a workbook whose zip parts are all present and well-formed XML', async () => {
    const files = unzipSync(await xlsxOf(ROWS));
    expect(Object.keys(files).sort()).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/workbook.xml',
      'xl/worksheets/sheet1.xml',
    ]);
    for (const [name, content] of Object.entries(files)) {
      expect({ name, problems: xmlProblems(strFromU8(content)) }).toEqual({ name, problems: [] });
    }
  });

  it('keeps identifiers as text and amounts as numbers in the unit decimals', async () => {
    const sheet = (await workbookOf(await xlsxOf(ROWS))).getWorksheet('Balances');
    if (!sheet) throw new Error('no Balances sheet');
    expect(sheet.getRow(1).values).toEqual([undefined, ...REPORT_COLUMNS]);
    expect(sheet.getCell('D2').value).toBe('000123');
    expect(sheet.getCell('D3').value).toBe('123456789012345678');
    expect(sheet.getCell('E3').value).toBe('0042');
    expect(sheet.getCell('D3').type).toBe(ExcelJS.ValueType.String);
    expect([2, 3, 4].map((r) => sheet.getCell(`J${r}`).value)).toEqual([25, 1500, 1.234]);
    expect([2, 3, 4].map((r) => sheet.getCell(`J${r}`).numFmt)).toEqual(['0.00', '0', '0.000']);
    expect(sheet.getCell('K4').value).toBe(0);
    expect(sheet.getCell('K4').numFmt).toBe('0.000');
    expect(sheet.getCell('L2').value).toBe(2);
    expect(sheet.getCell('F2').value).toBeNull();
    expect(sheet.getCell('F4').value).toBe('loyalty');
    expect(sheet.getCell('I3').value).toBeNull();
  });

  it('writes nextExpiry as a yyyy-mm-dd date cell, empty when nothing expires', async () => {
    const sheet = (await workbookOf(await xlsxOf(ROWS))).worksheets[0];
    expect(sheet?.getCell('M2').value).toEqual(new Date(Date.UTC(2027, 0, 31)));
    expect(sheet?.getCell('M2').numFmt).toBe('yyyy-mm-dd');
    expect(sheet?.getCell('M3').value).toBeNull();
  });

  it('freezes and bolds the header and marks valueToRedeem as the column to fill', async () => {
    const sheet = (await workbookOf(await xlsxOf(ROWS))).worksheets[0];
    if (!sheet) throw new Error('no sheet');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getCell('A1').font?.bold).toBe(true);
    expect(sheet.autoFilter).toBe('A1:N4');
    for (const address of ['N1', 'N2', 'N4']) {
      expect(sheet.getCell(address).fill).toMatchObject({
        type: 'pattern',
        pattern: 'solid',
        fgColor: { argb: 'FFFFF2CC' },
      });
    }
    expect(sheet.getCell('M2').fill).toEqual({ type: 'pattern', pattern: 'none' });
    expect(sheet.getCell('N2').protection).toMatchObject({ locked: false });
    expect(sheet.getCell('N2').value).toBeNull();
  });

  it('escapes markup, neutralises formulas and strips characters XML cannot carry', async () => {
    const rows = [
      buildReportRow({ firstName: `<b>&"'`, lastName: 'a\u0001b\u001fc\u0000', email: ' x ' }),
      buildReportRow({ firstName: '=1+2', lastName: '_x0041_', email: 'two\r\nlines' }),
    ];
    const bytes = await xlsxOf(rows);
    const xml = strFromU8(unzipSync(bytes)['xl/worksheets/sheet1.xml'] ?? new Uint8Array());
    expect(xmlProblems(xml)).toEqual([]);
    expect(xml).toContain('<t>&lt;b&gt;&amp;"\'</t>');
    expect(xml).toContain('<t xml:space="preserve"> x </t>');
    expect(xml).toContain('<t>_x005F_x0041_</t>');
    expect(xml).toContain('<t>two&#13;\nlines</t>');
    const sheet = (await workbookOf(bytes)).worksheets[0];
    expect(sheet?.getCell('A2').value).toBe(`<b>&"'`);
    expect(sheet?.getCell('B2').value).toBe('abc');
    expect(sheet?.getCell('A3').value).toBe("'=1+2");
  });

  it('continues on further sheets, each with its header, past the sheet row limit', async () => {
    const rows = Array.from({ length: 10 }, (_, i) => buildReportRow({ userId: `u${i}` }));
    const workbook = await workbookOf(await xlsxOf(rows, { sheetRowLimit: 4 }));
    const names = workbook.worksheets.map((s) => s.name);
    expect(names).toEqual(['Balances', 'Balances 2', 'Balances 3', 'Balances 4']);
    const seen: unknown[] = [];
    for (const sheet of workbook.worksheets) {
      expect(sheet.getCell('A1').value).toBe('firstName');
      expect(sheet.getCell('N1').value).toBe('valueToRedeem');
      expect(sheet.views[0]?.state).toBe('frozen');
      expect(sheet.rowCount).toBeLessThanOrEqual(4);
      for (let r = 2; r <= sheet.rowCount; r++) seen.push(sheet.getCell(`D${r}`).value);
    }
    expect(seen).toEqual(rows.map((r) => r.userId));
  });

  it('continues on a further sheet when a sheet reaches the byte limit', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => buildReportRow({ userId: `u${i}` }));
    const workbook = await workbookOf(await xlsxOf(rows, { sheetByteLimit: 8_000 }));
    expect(workbook.worksheets.length).toBeGreaterThan(1);
    const total = workbook.worksheets.reduce((n, s) => n + s.rowCount - 1, 0);
    expect(total).toBe(40);
  });

  it('streams a sheet larger than one deflate piece in several chunks that read back whole', async () => {
    const chunks: Uint8Array[] = [];
    for await (const chunk of writeXlsx(syntheticBatches(3000, 250))) chunks.push(chunk);
    expect(chunks.length).toBeGreaterThan(1);
    const sheet = (await workbookOf(Buffer.concat(chunks))).worksheets[0];
    expect(sheet?.rowCount).toBe(3001);
    const last = [...syntheticBatches(3000)].flat()[2999];
    expect(sheet?.getCell('C3001').value).toBe(last?.email);
    expect(sheet?.getCell('D3001').value).toBe(last?.userId);
  });

  it('writes a row longer than a compression piece whole', async () => {
    const long = (c: string): string => c.repeat(30_000);
    const rows = [
      buildReportRow({ userId: 'before' }),
      buildReportRow({ firstName: long('é'), lastName: long('b'), email: long('c') }),
      buildReportRow({ userId: 'after' }),
    ];
    const sheet = (await workbookOf(await xlsxOf(rows))).worksheets[0];
    expect(sheet?.getCell('A3').value).toBe(long('é'));
    expect(sheet?.getCell('C3').value).toBe(long('c'));
    expect([sheet?.getCell('D2').value, sheet?.getCell('D4').value]).toEqual(['before', 'after']);
  });

  it('writes a header-only sheet when there are no rows', async () => {
    const files = unzipSync(await collectBytes(writeXlsx([])));
    const xml = strFromU8(files['xl/worksheets/sheet1.xml'] ?? new Uint8Array());
    expect(xml).toContain('<autoFilter ref="A1:N1"/>');
    expect(xmlProblems(xml)).toEqual([]);
  });

  it('refuses a sheet row limit Excel could not open', async () => {
    await expect(collectBytes(writeXlsx([], { sheetRowLimit: 1_048_577 }))).rejects.toThrow(
      /sheetRowLimit/,
    );
    await expect(collectBytes(writeXlsx([[buildReportRow({ decimals: 9 })]]))).rejects.toThrow(
      /0 to 8 decimals/,
    );
  });
});

describe('xmlProblems', () => {
  it('finds what would stop a spreadsheet opening a part', () => {
    expect(xmlProblems('<a><b></a>')).not.toEqual([]);
    expect(xmlProblems('<a>x & y</a>')).not.toEqual([]);
    expect(xmlProblems('<a v=1/>')).not.toEqual([]);
    expect(xmlProblems('<a>\u0001</a>')).not.toEqual([]);
    expect(xmlProblems('<a/><b/>')).not.toEqual([]);
    expect(xmlProblems('<?xml version="1.0"?>\n<a x="1"><b>&amp;&#13;</b></a>')).toEqual([]);
  });
});
