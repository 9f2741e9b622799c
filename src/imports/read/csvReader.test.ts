import { describe, expect, it } from 'vitest';
import { AppError } from '../../domain/errors.js';
import {
  AS_EXPORTED,
  AS_LIBREOFFICE_CSV,
} from '../../../test/fixtures/spreadsheet/expectedRows.js';
import { REPORT_COLUMNS } from '../../reports/format/columns.js';
import { readCsv } from './csvReader.js';
import { pickFields } from './header.js';
import { allCells, allRecords, bytesSource, fixture } from './testSources.js';

async function refusal(bytes: Uint8Array | string): Promise<AppError> {
  try {
    const file = await readCsv(bytesSource(bytes));
    await allRecords(file);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the file to be refused');
}

describe('readCsv on files a spreadsheet program wrote (test/fixtures/spreadsheet)', () => {
  it('reads the export as written: BOM, CRLF, quotes, neutralised cells restored', async () => {
    const file = await readCsv(bytesSource(fixture('spreadsheet/export-as-written.csv')));
    expect(file).toMatchObject({ format: 'csv', delimiter: ',', encoding: 'utf-8' });
    expect(file.header.columns).toEqual(REPORT_COLUMNS);
    const records = await allRecords(file);
    expect(records.map((record) => record.recordNumber)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(records.map((record) => record.cells)).toEqual(AS_EXPORTED);
  });

  it('reads LibreOffice UTF-8 output: no BOM, LF, every text quoted, identifiers mangled', async () => {
    const file = await readCsv(bytesSource(fixture('spreadsheet/libreoffice-saved-utf8.csv')));
    expect(file).toMatchObject({ delimiter: ',', encoding: 'utf-8' });
    expect(await allCells(file)).toEqual(AS_LIBREOFFICE_CSV);
  });

  it('reads LibreOffice Windows-1252 output with ; between fields', async () => {
    const file = await readCsv(
      bytesSource(fixture('spreadsheet/libreoffice-saved-semicolon-cp1252.csv')),
    );
    expect(file.delimiter).toBe(';');
    const cells = await allCells(file);
    expect(file.encoding).toBe('windows-1252');
    expect(cells).toEqual(AS_LIBREOFFICE_CSV);
    expect(cells.map((row) => row[0])).toEqual([
      'Ana',
      'José',
      'Zoë',
      '=HYPERLINK("http://x")',
      'Søren',
      'Li',
    ]);
  });

  it('gives the same records when the file arrives a byte at a time', async () => {
    for (const name of ['export-as-written.csv', 'libreoffice-saved-semicolon-cp1252.csv']) {
      const bytes = fixture(`spreadsheet/${name}`);
      const whole = await allRecords(await readCsv(bytesSource(bytes)));
      expect(await allRecords(await readCsv(bytesSource(bytes, 1)))).toEqual(whole);
    }
  });
});

describe('readCsv on our own samples (test/fixtures/import)', () => {
  it('reads a reordered header with extra columns, quoted line breaks and blank rows', async () => {
    const file = await readCsv(bytesSource(fixture('import/utf8-bom-crlf-reordered.csv'), 7));
    expect(file.header.columns[0]).toBe(' UNIT ');
    const records = await allRecords(file);
    // Blank lines and the all-empty ",,,,,," row are not records and take no number.
    expect(records.map((record) => record.recordNumber)).toEqual([1, 2, 3, 4]);
    expect(records.map((record) => pickFields(file.header, record))).toEqual([
      {
        unit: 'CASH/USD',
        accountId: 'acct-1',
        userId: '000123',
        valueToRedeem: '10.556',
        programId: '',
        availableValue: '25.00',
      },
      {
        unit: 'POINT',
        accountId: 'acct-2',
        userId: 'user-2',
        valueToRedeem: '700',
        programId: 'loyalty',
        availableValue: '1500',
      },
      {
        unit: 'CENTS',
        accountId: 'acct-3',
        userId: 'user-3',
        valueToRedeem: '',
        programId: 'referral-2026',
        availableValue: '4200',
      },
      {
        unit: 'CASH/KWD',
        accountId: 'acct-4',
        userId: 'user-4',
        valueToRedeem: '0.5',
        programId: '',
        availableValue: '1.234',
      },
    ]);
    expect(records.map((record) => record.cells[1])).toEqual([
      'first, with comma',
      'line one\r\nline two',
      'She said "hi"',
      '=SUM(A1)',
    ]);
  });

  it('reads UTF-16 LE, tab-delimited (Excel\'s "Unicode Text")', async () => {
    const file = await readCsv(bytesSource(fixture('import/utf16le-bom-tab.txt'), 3));
    expect(file).toMatchObject({ encoding: 'utf-16le', delimiter: '\t' });
    expect(await allCells(file)).toEqual([
      ['José', 'Müller', 'user-1', 'acct-1', 'CASH/USD', '5'],
      ['Zoë', 'Tab\there', 'user-2', 'acct-2', 'POINT', '10'],
      ['漢字', '😀', 'user-3', 'acct-3', 'POINT', ''],
    ]);
  });

  it('refuses missing columns, naming them', async () => {
    const error = await refusal(fixture('import/missing-columns.csv'));
    expect(error.code).toBe('UNREADABLE_FILE');
    expect(error.message).toContain('missing: userId, valueToRedeem.');
  });

  it('refuses an empty file, and one of blank lines only', async () => {
    for (const bytes of [fixture('import/empty.csv'), '\ufeff', '\r\n\r\n  \r\n,,,\r\n']) {
      const error = await refusal(bytes);
      expect(error.message).toBe(
        'The file is empty. Export the "Available reward balances by user" report and fill its valueToRedeem column.',
      );
    }
  });

  it('refuses a binary file', async () => {
    const error = await refusal(fixture('import/pixel.png'));
    expect(error.message).toMatch(/^The file is not text: it contains NUL bytes/);
    const nulInText = await refusal('accountId,userId,unit,valueToRedeem\r\na,b,\0,1\r\n');
    expect(nulInText.code).toBe('UNREADABLE_FILE');
  });
});

describe('readCsv', () => {
  const header = 'accountId,userId,unit,valueToRedeem\r\n';

  it('pads short rows to the header and keeps extra cells', async () => {
    const file = await readCsv(bytesSource(`${header}a,b\r\na,b,c,d,e,f\r\n`));
    expect(await allCells(file)).toEqual([
      ['a', 'b', '', ''],
      ['a', 'b', 'c', 'd', 'e', 'f'],
    ]);
  });

  it('reads CR line ends and a last row without a line end', async () => {
    const file = await readCsv(
      bytesSource('accountId;userId;unit;valueToRedeem\ra;b;c;1\ra;b;c;"2"'),
    );
    expect(await allCells(file)).toEqual([
      ['a', 'b', 'c', '1'],
      ['a', 'b', 'c', '2'],
    ]);
  });

  it('finds the delimiter from a header that comes after many blank lines', async () => {
    const text = `${'\r\n'.repeat(70_000)}accountId;userId;unit;valueToRedeem\r\na,1;b;c;1\r\n`;
    const file = await readCsv(bytesSource(text));
    expect(file.delimiter).toBe(';');
    expect(await allCells(file)).toEqual([['a,1', 'b', 'c', '1']]);
  });

  it('takes the delimiter from a sep= line, as Excel does', async () => {
    const file = await readCsv(
      bytesSource(`sep=;\r\naccountId;userId;unit;valueToRedeem\r\na,1;b;c;1\r\n`),
    );
    expect(file.delimiter).toBe(';');
    expect(await allCells(file)).toEqual([['a,1', 'b', 'c', '1']]);
  });

  it('restores exactly what the exporter neutralised, and nothing else', async () => {
    const cells = ["'=1", "'+1", "'-1", "'@x", "'\tx", "'\rx", "O'Brien", "'quoted'", "''=x", "'"];
    const line = cells.map((cell) => `"${cell}"`).join(',');
    const file = await readCsv(bytesSource(`${header}${line}\r\n`));
    expect((await allCells(file))[0]).toEqual([
      '=1',
      '+1',
      '-1',
      '@x',
      '\tx',
      '\rx',
      "O'Brien",
      "'quoted'",
      "'=x",
      "'",
    ]);
  });

  it('refuses a quote that is never closed, saying at which record and line', async () => {
    const error = await refusal(`${header}a,b,c,1\r\n\r\na,"b,c,1\r\nmore\r\n`);
    expect(error.message).toBe(
      'Record 2 (line 4) cannot be read: a quoted field is never closed (a " opens it, no " ends it)',
    );
    expect(error.details).toMatchObject({ recordNumber: 2, line: 4 });
  });

  it('refuses a field over 1 MB and a row of more than 10,000 columns', async () => {
    const huge = `${header}a,b,c,"${'x'.repeat((1 << 20) + 1)}"\r\n`;
    expect((await refusal(huge)).message).toBe(
      'Record 1 (line 2) cannot be read: a field is longer than 1 MB',
    );
    const wide = `${header}${'a,'.repeat(10_000)}a\r\n`;
    expect((await refusal(wide)).message).toBe(
      'Record 1 (line 2) cannot be read: it has more than 10000 columns',
    );
  });

  it('stops at an unclosed quote once the row passes the row limit, not at the end of the file', async () => {
    const limits = { maxFieldChars: 1000, maxColumns: 100, maxRowChars: 4000 };
    let served = 0;
    const endless = async function* () {
      yield new TextEncoder().encode(`${header}a,"`);
      for (;;) {
        served++;
        yield new TextEncoder().encode('x'.repeat(1000));
      }
    };
    await expect(readCsv(endless, { limits }).then(allRecords)).rejects.toThrow(
      /^Record 1 \(line 2\) cannot be read: it goes on for more than/,
    );
    expect(served).toBeLessThan(1000);
  });

  it('hands records out in batches of the size asked for', async () => {
    const rows = Array.from({ length: 25 }, (_, i) => `a${i},b,c,${i}`).join('\n');
    const file = await readCsv(bytesSource(`${header}${rows}`), { batchSize: 10 });
    const sizes: number[] = [];
    for await (const batch of file.batches) sizes.push(batch.length);
    expect(sizes).toEqual([10, 10, 5]);
  });
});
