/**
 * The CSV reader at and beyond its limits: huge fields and lines, very many columns, quotes
 * that never close, and text in an encoding it was not told about. Each is read or refused
 * with a message that names the record and the problem.
 */
import { describe, expect, it } from 'vitest';
import { IMPORT_HEADER } from './generators.js';
import { cellsOf, readOutcome, refusalOf } from './readOutcome.js';

const HEADER = `${IMPORT_HEADER.join(',')}\r\n`;
const MB = 1 << 20;

describe('CSV reader on huge input', () => {
  it('refuses a 5 MB field, plain or quoted, naming the record', async () => {
    for (const field of ['x'.repeat(5 * MB), `"${'x'.repeat(5 * MB)}"`]) {
      const file = `${HEADER}a,b,CASH/USD,1,ok\r\nc,d,CASH/USD,${field},x\r\n`;
      expect(refusalOf(await readOutcome(file))).toBe(
        'Record 2 (line 3) cannot be read: a field is longer than 1 MB',
      );
    }
  });

  it('refuses a 20 MB line, and a quote never closed, at 8 MB', async () => {
    const line = refusalOf(await readOutcome(`${HEADER}${'a,'.repeat(10 * MB)}`));
    expect(line).toMatch(/^Record 1 \(line 2\) cannot be read: it goes on for more than 8 MB/);
    const open = refusalOf(await readOutcome(`${HEADER}a,b,"${'x\n'.repeat(10 * MB)}`));
    expect(open).toBe(
      'Record 1 (line 2) cannot be read: it goes on for more than 8 MB; a quote is probably never closed',
    );
  });

  it('refuses a field of 10 million doubled quotes as too long, not as a quote left open', async () => {
    const field = `${HEADER}a,b,"${'""'.repeat(10 * MB)}`;
    expect(refusalOf(await readOutcome(field))).toBe(
      'Record 1 (line 2) cannot be read: a field is longer than 1 MB',
    );
    expect(refusalOf(await readOutcome('"'.repeat(20 * MB)))).toBe(
      'The header row (line 1) cannot be read: a field is longer than 1 MB',
    );
  });

  it('refuses 200,000 header columns and a million columns in a record', async () => {
    const wide = Array.from({ length: 200_000 }, (_, i) => `c${i}`).join(',');
    expect(refusalOf(await readOutcome(`${wide},${HEADER}`))).toBe(
      'The header row (line 1) cannot be read: it has more than 10000 columns',
    );
    const row = `${HEADER}a,b,CASH/USD,1${','.repeat(1_000_000)}\r\n`;
    expect(refusalOf(await readOutcome(row))).toBe(
      'Record 1 (line 2) cannot be read: it has more than 10000 columns',
    );
  });

  it('reads 10,000 columns, the most it allows', async () => {
    const row = `a,b,CASH/USD,1${',z'.repeat(10_000 - 4)}`;
    const cells = cellsOf(await readOutcome(`${HEADER}${row}\r\n`));
    expect(cells[0]?.length).toBe(10_000);
  });

  it('reads a header after a million blank lines, and 20 MB without a line break as no header', async () => {
    expect(cellsOf(await readOutcome(`${'\r\n'.repeat(MB)}${HEADER}a,b,u,1,\r\n`))).toEqual([
      ['a', 'b', 'u', '1', ''],
    ]);
    expect(refusalOf(await readOutcome('x'.repeat(20 * MB)))).toMatch(
      /^The file has no header row in its first 8 MB\./,
    );
  });
});

describe('CSV reader on text in an unexpected encoding', () => {
  it('reads Latin-1 text as Windows-1252', async () => {
    const bytes = Buffer.from(`${HEADER}Jos\xe9,M\xfcller,CASH/USD,1,\xa3 \xbd\r\n`, 'latin1');
    const outcome = await readOutcome(bytes);
    expect(cellsOf(outcome)).toEqual([['José', 'Müller', 'CASH/USD', '1', '£ ½']]);
    expect(outcome.kind === 'records' && outcome.encoding).toBe('windows-1252');
  });

  it('refuses UTF-16 without a byte-order mark, saying so, however it is chunked', async () => {
    const le = Buffer.from(`${HEADER}a,b,CASH/USD,1,\r\n`, 'utf16le');
    for (const bytes of [le, Buffer.from(le).swap16()]) {
      for (const chunkSize of [1, 2, 7, 1 << 16]) {
        expect(refusalOf(await readOutcome(bytes, chunkSize))).toMatch(
          /^The file is UTF-16 text without a byte-order mark, which rewardbook does not read\. Save it as CSV in UTF-8/,
        );
      }
    }
  });

  it('reads UTF-16 with a byte-order mark, little- or big-endian', async () => {
    const le = Buffer.from(`\ufeff${HEADER}a,Zoë,CASH/USD,1,漢字\r\n`, 'utf16le');
    for (const bytes of [le, Buffer.from(le).swap16()]) {
      expect(cellsOf(await readOutcome(bytes, 3))).toEqual([['a', 'Zoë', 'CASH/USD', '1', '漢字']]);
    }
  });

  it('reads a file of valid and invalid UTF-8 wholly as Windows-1252', async () => {
    const bytes = Buffer.concat([
      Buffer.from(`${HEADER}é,`),
      Buffer.from([0xff, 0xfe]),
      Buffer.from(',u,1,\r\n'),
    ]);
    expect(cellsOf(await readOutcome(bytes))).toEqual([['Ã©', 'ÿþ', 'u', '1', '']]);
  });
});
