import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { describeEachDb } from '../../test/helpers/databases.js';
import { buildTenant } from '../http/testing.js';
import { createExport } from './createExport.js';
import { getExportView } from './exportViews.js';
import { buildLedger, reportBytes, reportLines, runExportJobs } from './testing.js';

const HEADER =
  'firstName,lastName,email,userId,accountId,programId,unit,unitName,currency,availableValue,totalRedeemedValue,rewardCount,nextExpiry,valueToRedeem';

describeEachDb('export job', (get) => {
  async function exported(input: { format?: string; unit?: string; programId?: string } = {}) {
    const { handle } = get();
    const { tenant } = await buildTenant(handle.db);
    await buildLedger(handle.db, tenant.id);
    const created = await createExport(handle.db, {
      tenantId: tenant.id,
      format: input.format ?? 'CSV',
      unit: input.unit,
      programId: input.programId,
      actor: 'api-key:test',
    });
    await runExportJobs(handle);
    return { db: handle.db, tenantId: tenant.id, exportId: created.id };
  }

  it('writes one row per balance with something available, values as in the ledger', async () => {
    const { db, tenantId, exportId } = await exported();
    expect(await reportLines(db, tenantId, exportId)).toEqual([
      HEADER,
      'Ana,Silva,ana@example.com,000123,acct-1,,CASH/USD,USD,USD,12.75,3.00,2,2099-01-31,',
      'Ana,Silva,ana@example.com,000123,acct-1,,POINT,Point,,100,0,1,,',
      "'=SUM(A1),'+1,,u-2,acct-1,,CASH/USD,USD,USD,0.01,4.00,1,,",
      ',,,u-4,acct-2,,CASH/KWD,KWD,KWD,1.234,0.000,1,,',
    ]);
    const bytes = await reportBytes(db, tenantId, exportId);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const view = await getExportView(db, tenantId, exportId);
    expect(view).toMatchObject({
      status: 'succeeded',
      rowCount: 4,
      error: null,
      progress: { percent: 100, done: 4, total: 4 },
      file: { size: bytes.length, downloadPath: `/api/v1/exports/${exportId}/download` },
    });
    expect(view.file?.name).toMatch(/^available-reward-balances-\d{4}-\d\d-\d\d-export-\d+\.csv$/);
    expect(Date.parse(view.startedAt ?? '')).toBeLessThanOrEqual(Date.parse(view.finishedAt ?? ''));
  });

  it('narrows to one program, whose code every row carries', async () => {
    const { db, tenantId, exportId } = await exported({ programId: 'spring' });
    expect(await reportLines(db, tenantId, exportId)).toEqual([
      HEADER,
      'Ana,Silva,ana@example.com,000123,acct-1,spring,CASH/USD,USD,USD,7.50,3.00,1,2099-01-31,',
      'Ana,Silva,ana@example.com,000123,acct-1,spring,POINT,Point,,100,0,1,,',
    ]);
  });

  it('narrows to one unit', async () => {
    const { db, tenantId, exportId } = await exported({ unit: 'CASH/KWD' });
    expect(await reportLines(db, tenantId, exportId)).toEqual([
      HEADER,
      ',,,u-4,acct-2,,CASH/KWD,KWD,KWD,1.234,0.000,1,,',
    ]);
  });

  it('writes a header-only report when nothing is available', async () => {
    const { handle } = get();
    const { tenant } = await buildTenant(handle.db);
    const { id } = await createExport(handle.db, {
      tenantId: tenant.id,
      format: 'CSV',
      actor: 'cli',
    });
    await runExportJobs(handle);
    expect(await reportLines(handle.db, tenant.id, id)).toEqual([HEADER]);
    expect(await getExportView(handle.db, tenant.id, id)).toMatchObject({ rowCount: 0 });
  });

  it('writes Excel with identifiers as text and amounts as numbers', async () => {
    const { db, tenantId, exportId } = await exported({ format: 'xlsx' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await reportBytes(db, tenantId, exportId)) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Balances');
    if (!sheet) throw new Error('no Balances sheet');
    expect(sheet.getRow(1).values).toEqual([undefined, ...HEADER.split(',')]);
    const first = sheet.getRow(2);
    expect(first.getCell(4).value).toBe('000123'); // userId stays text, leading zeros and all
    expect(first.getCell(4).type).toBe(ExcelJS.ValueType.String);
    expect(first.getCell(5).value).toBe('acct-1');
    expect(first.getCell(10).value).toBe(12.75);
    expect(first.getCell(10).type).toBe(ExcelJS.ValueType.Number);
    expect(first.getCell(11).value).toBe(3);
    expect(first.getCell(12).value).toBe(2);
    expect(first.getCell(13).value).toEqual(new Date(Date.UTC(2099, 0, 31))); // a date cell
    expect(first.getCell(14).value).toBeNull();
    expect(sheet.getRow(4).getCell(1).value).toBe("'=SUM(A1)");
    expect(sheet.getRow(4).getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getRow(5).getCell(10).value).toBe(1.234);
    expect(sheet.rowCount).toBe(5);
  });
});
