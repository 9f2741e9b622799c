/**
 * The workflow end to end: export the balances report, fill valueToRedeem as an admin would
 * (in the CSV text; in the workbook through a spreadsheet library), upload it, and find the
 * balances changed by exactly those amounts, with no row in error or warned.
 */
import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { describeEachDb } from '../../../test/helpers/databases.js';
import { createExport } from '../../exports/createExport.js';
import { reportBytes, runExportJobs } from '../../exports/testing.js';
import { runJobs } from '../../imports/testing.js';
import { giveRewards, testConfig, useServer } from '../testing.js';
import { uploadFile } from './importsTesting.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describeEachDb('HTTP import of an exported report', (get) => {
  const { setUp } = useServer(get);

  async function ledger() {
    const ctx = await setUp();
    await giveRewards(ctx.db, ctx.tenant.id, [
      { userId: '000123', amount: '25.00', firstName: '=cmd', dateExpires: '2099-01-31' },
      { userId: '000123', amount: '3.00', programId: 'spring' },
      { userId: '123456789012345678', unit: 'POINT', amount: '1500', programId: 'spring' },
      { userId: 'u-3', unit: 'CASH/KWD', amount: '1.234', lastName: 'Smith, Jr.' },
      { userId: 'u-4', amount: '9.99' },
    ]);
    const balance = async (userId: string, unit = 'CASH/USD') =>
      (
        await ctx.client.get(
          `/balances?accountId=acct-1&userId=${userId}&unit=${encodeURIComponent(unit)}`,
        )
      ).body.items[0]?.available as string;
    const exported = async (format: 'CSV' | 'XLSX', programId?: string) => {
      const { id } = await createExport(ctx.db, {
        tenantId: ctx.tenant.id,
        format,
        programId,
        notifyEmail: null,
        actor: 'test',
      });
      await runExportJobs(get().handle);
      return reportBytes(ctx.db, ctx.tenant.id, id);
    };
    const upload = async (content: Buffer, filename: string) => {
      const reply = await uploadFile(ctx.app, ctx.apiKey, {
        content,
        filename,
        contentType: filename.endsWith('.xlsx') ? XLSX_TYPE : 'text/csv',
      });
      expect(reply.status).toBe(202);
      await runJobs(get().handle, testConfig());
      return (await ctx.client.get(`/imports/${reply.body.id}`)).body;
    };
    return { balance, exported, upload };
  }

  it('imports the CSV report with valueToRedeem filled in', async () => {
    const { balance, exported, upload } = await ledger();
    const values: Record<string, string> = {
      '000123': '10.556',
      '123456789012345678': '700',
      'u-3': '0.5',
    };
    const lines = (await exported('CSV')).toString('utf8').split('\r\n');
    expect(lines.length).toBe(6); // header, 4 balances, the final line end
    const filled = lines.map((line) => {
      const user = Object.keys(values).find((u) => line.includes(`,${u},`));
      return user ? line + values[user] : line;
    });
    const imp = await upload(Buffer.from(filled.join('\r\n'), 'utf8'), 'report.csv');
    expect(imp.summary).toEqual({
      rows: 4,
      redeemed: 3,
      skipped: 1,
      errors: 0,
      warnings: 0,
      totals: [
        { unit: 'CASH/KWD', amount: '0.500', rows: 1 },
        { unit: 'CASH/USD', amount: '10.55', rows: 1 },
        { unit: 'POINT', amount: '700', rows: 1 },
      ],
    });
    expect(await balance('000123')).toBe('17.45');
    expect(await balance('123456789012345678', 'POINT')).toBe('800');
    expect(await balance('u-3', 'CASH/KWD')).toBe('0.734');
    expect(await balance('u-4')).toBe('9.99');
  });

  it('imports the Excel report of one program, filled in and saved by a spreadsheet library', async () => {
    const { balance, exported, upload } = await ledger();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await exported('XLSX', 'spring')) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new Error('the report has no sheet');
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    const userCol = header.indexOf('userId');
    const valueCol = header.indexOf('valueToRedeem');
    const values: Record<string, number> = { '000123': 3, '123456789012345678': 1499.9 };
    let filled = 0;
    sheet.eachRow((row, n) => {
      const value = values[String(row.getCell(userCol).value)];
      if (n === 1 || value === undefined) return;
      row.getCell(valueCol).value = value;
      filled += 1;
    });
    expect(filled).toBe(2);
    const imp = await upload(Buffer.from(await workbook.xlsx.writeBuffer()), 'report.xlsx');
    expect(imp.summary).toMatchObject({ rows: 2, redeemed: 2, errors: 0, warnings: 0 });
    // Only the spring rewards were redeemed: the program narrows each row's balance.
    expect(await balance('000123')).toBe('25.00');
    expect(await balance('123456789012345678', 'POINT')).toBe('1');
  });
});
