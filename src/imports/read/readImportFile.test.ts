import { describe, expect, it } from 'vitest';
import { AppError } from '../../domain/errors.js';
import { readImportFile } from './readImportFile.js';
import { allCells, bytesSource, fixture } from './testSources.js';

async function refusal(bytes: Uint8Array | string): Promise<AppError> {
  try {
    await allCells(await readImportFile(bytesSource(bytes, 3)));
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the file to be refused');
}

describe('readImportFile', () => {
  it('reads a workbook as .xlsx and anything else as CSV, by content', async () => {
    const xlsx = await readImportFile(
      bytesSource(fixture('spreadsheet/libreoffice-saved.xlsx'), 3),
    );
    expect(xlsx.format).toBe('xlsx');
    const csv = await readImportFile(bytesSource(fixture('spreadsheet/export-as-written.csv'), 3));
    expect(csv.format).toBe('csv');
    // Both give the same identifiers for the row whose identifiers survived.
    const [xlsxRows, csvRows] = [await allCells(xlsx), await allCells(csv)];
    expect(xlsxRows[2]?.slice(3, 7)).toEqual(csvRows[2]?.slice(3, 7));
  });

  it('refuses a picture, a zip that is not a workbook, an .xls workbook and an empty file', async () => {
    expect((await refusal(fixture('import/pixel.png'))).message).toMatch(/^The file is not text/);
    expect((await refusal(fixture('import/not-a-workbook.zip'))).message).toMatch(
      /^The file is a zip archive, not an Excel workbook\./,
    );
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    expect((await refusal(ole)).message).toMatch(
      /^The file is an Excel 97-2003 workbook \(\.xls\)/,
    );
    expect((await refusal(fixture('import/empty.csv'))).message).toMatch(/^The file is empty\./);
    for (const error of [await refusal('PK'), await refusal(new Uint8Array([0x50, 0x4b, 5, 6]))]) {
      expect(error.code).toBe('UNREADABLE_FILE');
    }
  });
});
