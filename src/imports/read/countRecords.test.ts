import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countCsvRecords } from './countRecords.js';
import { readImportFile } from './readImportFile.js';
import { bytesOf } from '../testing.js';

async function readCount(text: string | Uint8Array): Promise<number> {
  const file = await readImportFile(() => bytesOf(text));
  let n = 0;
  for await (const batch of file.batches) n += batch.length;
  return n;
}

const HEADER = 'accountId,userId,unit,valueToRedeem';

describe('countCsvRecords', () => {
  it('counts records past the header, whatever the line endings and blank rows', async () => {
    const cases = [
      `${HEADER}\r\na,u1,X,1\r\na,u2,X,2\r\n`,
      `${HEADER}\na,u1,X,1\na,u2,X,2`,
      `\uFEFF${HEADER}\r\na,u1,X,1\r\n\r\n,,,\r\n;;\r\n`,
      `${HEADER}\r\na,"u1\r\nstill u1",X,1\r\na,"say ""hi""",X,2\r\n`,
      `${HEADER}\r\n`,
      '',
    ];
    for (const text of cases) {
      expect(await countCsvRecords(() => bytesOf(text)), JSON.stringify(text)).toBe(
        text === '' ? 0 : await readCount(text),
      );
    }
  });

  it('leaves UTF-16 and .xlsx to the reader', async () => {
    const utf16 = Buffer.from(`\uFEFF${HEADER}\r\na,u,X,1\r\n`, 'utf16le');
    expect(await countCsvRecords(() => bytesOf(utf16))).toBeNull();
    expect(await countCsvRecords(() => bytesOf(utf16.subarray(2)))).toBeNull();
    expect(await countCsvRecords(() => bytesOf(Buffer.from('PK\u0003\u0004rest')))).toBeNull();
  });

  it('agrees with the reader on generated files', async () => {
    const cell = fc.oneof(
      fc.constantFrom('', 'x', 'u 1', '1.50', 'a,b', 'say "hi"', 'two\nlines', 'é'),
      fc.string({ maxLength: 4 }).filter((s) => !s.includes('\r') && !s.includes('\u0000')),
    );
    const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(cell, cell, cell, cell), { maxLength: 8 }),
        fc.constantFrom('\n', '\r\n'),
        async (rows, eol) => {
          const text = [HEADER, ...rows.map((r) => r.map(quote).join(','))].join(eol) + eol;
          expect(await countCsvRecords(() => bytesOf(text))).toBe(await readCount(text));
        },
      ),
      { numRuns: 200 },
    );
  });
});
