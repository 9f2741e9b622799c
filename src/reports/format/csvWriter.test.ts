import { describe, expect, it } from 'vitest';
import { REPORT_COLUMNS } from './columns.js';
import { csvText, writeCsv } from './csvWriter.js';
import { buildReportRow, collectBytes, syntheticBatches } from './testRows.js';

const BOM = [0xef, 0xbb, 0xbf];
const HEADER =
  'firstName,lastName,email,userId,accountId,programId,unit,unitName,currency,availableValue,totalRedeemedValue,rewardCount,nextExpiry,valueToRedeem';

async function csvOf(...rows: Parameters<typeof buildReportRow>[0][]): Promise<Buffer> {
  return collectBytes(writeCsv([rows.map((r) => buildReportRow(r))]));
}

function linesOf(bytes: Buffer): string[] {
  return bytes.subarray(3).toString('utf8').split('\r\n');
}

describe('writeCsv', () => {
  it('starts with a byte-order mark and the header in report order, and ends lines with CRLF', async () => {
    const bytes = await csvOf({});
    expect([...bytes.subarray(0, 3)]).toEqual(BOM);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.startsWith(`${HEADER}\r\n`)).toBe(true);
    expect(HEADER.split(',')).toEqual([...REPORT_COLUMNS]);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
  });

  it('writes a row with amounts in the unit decimals, an ISO expiry date and an empty valueToRedeem', async () => {
    const lines = linesOf(
      await csvOf(
        {},
        {
          unit: 'POINT',
          unitName: 'Points',
          currency: null,
          decimals: 0,
          available: 1500,
          totalRedeemed: 200,
          rewardCount: 3,
          nextExpiry: null,
        },
        {
          unit: 'CASH/KWD',
          currency: 'KWD',
          decimals: 3,
          available: 1234,
          totalRedeemed: 0,
          programId: 'loyalty',
          rewardCount: 1,
          nextExpiry: Date.UTC(2027, 2, 1, 23, 59),
        },
      ),
    );
    expect(lines.slice(1)).toEqual([
      'Ana,Silva,ana@example.com,000123,acct-1,,CASH/USD,Cash,USD,25.00,0.00,2,2027-01-31,',
      'Ana,Silva,ana@example.com,000123,acct-1,,POINT,Points,,1500,200,3,,',
      'Ana,Silva,ana@example.com,000123,acct-1,loyalty,CASH/KWD,Cash,KWD,1.234,0.000,1,2027-03-01,',
      '',
    ]);
  });

  it('writes the seed fixture rows as the seed system did (export-as-written.csv minus valueToRedeem)', async () => {
    const bytes = await csvOf(
      {
        firstName: '=HYPERLINK("http://x")',
        lastName: 'Smith, Jr.',
        email: 'smith@example.com',
        userId: 'user-4',
        accountId: 'acct-4',
        available: 310,
        totalRedeemed: 100,
        rewardCount: 1,
        nextExpiry: null,
      },
      {
        firstName: 'Søren',
        lastName: 'The "Boss"',
        email: 'soren@example.com',
        userId: '0042',
        accountId: '0042',
        unit: 'CASH/JPY',
        currency: 'JPY',
        decimals: 0,
        available: 1200,
        rewardCount: 1,
        nextExpiry: null,
      },
      {
        firstName: 'Li',
        lastName: '+cmd',
        email: 'li@example.com',
        userId: 'user-6',
        accountId: 'acct-6',
        programId: 'loyalty',
        unit: 'CASH/KWD',
        currency: 'KWD',
        decimals: 3,
        available: 1234,
        rewardCount: 1,
        nextExpiry: Date.UTC(2027, 2, 1),
      },
    );
    // Lines 5-7 of the shared fixture, valueToRedeem emptied; copied so the test stands alone.
    const fixture = [
      `"'=HYPERLINK(""http://x"")","Smith, Jr.",smith@example.com,user-4,acct-4,,CASH/USD,Cash,USD,3.10,1.00,1,,`,
      'Søren,"The ""Boss""",soren@example.com,0042,0042,,CASH/JPY,Cash,JPY,1200,0,1,,',
      "Li,'+cmd,li@example.com,user-6,acct-6,loyalty,CASH/KWD,Cash,KWD,1.234,0.000,1,2027-03-01,",
    ];
    expect(linesOf(bytes).slice(1, 4)).toEqual(fixture);
  });

  it('quotes fields with commas, quotes, line breaks or edge spaces, doubling inner quotes', () => {
    expect(csvText('Smith, Jr.')).toBe('"Smith, Jr."');
    expect(csvText('The "Boss"')).toBe('"The ""Boss"""');
    expect(csvText('two\nlines')).toBe('"two\nlines"');
    expect(csvText('cr\rinside')).toBe('"cr\rinside"');
    expect(csvText(' padded')).toBe('" padded"');
    expect(csvText('padded ')).toBe('"padded "');
    expect(csvText("O'Brien")).toBe("O'Brien");
    expect(csvText(null)).toBe('');
  });

  it('neutralises formula-looking text before quoting it', () => {
    expect(csvText('=1+2')).toBe("'=1+2");
    expect(csvText('-5')).toBe("'-5");
    expect(csvText('@x, y')).toBe(`"'@x, y"`);
    expect(csvText('\tx')).toBe("'\tx");
  });

  it('writes every row once across its chunks, whatever the batch sizes', async () => {
    const chunks: Uint8Array[] = [];
    for await (const chunk of writeCsv(syntheticBatches(5000, 333))) chunks.push(chunk);
    expect(chunks.length).toBeGreaterThan(1);
    const lines = linesOf(Buffer.concat(chunks));
    expect(lines).toHaveLength(5002);
    expect(lines[5000]).toContain('user4999@example.com');
  });

  it('writes only the header when there are no rows', async () => {
    const bytes = await collectBytes(writeCsv([]));
    expect(bytes.subarray(3).toString('utf8')).toBe(`${HEADER}\r\n`);
  });
});
