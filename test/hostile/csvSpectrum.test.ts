/**
 * The csv-spectrum corpus (npm package `csv-spectrum`): published CSV edge cases, each a .csv
 * file with the rows a parser must give as JSON. They are checked twice: at the row scanner,
 * which has no notion of an import header, and through the whole reader with the header row
 * renamed to the import's columns, where every expected row must come back as a record.
 */
import { describe, expect, it } from 'vitest';
import { CsvScanner } from '../../src/imports/read/csvScanner.js';
import { decodeText } from '../../src/imports/read/decode.js';
import { bytesSource } from '../../src/imports/read/testSources.js';
import { cellsOf, readOutcome, refusalOf } from './readOutcome.js';
import { expectedRecords, spectrumCases, withImportHeader } from './spectrum.js';

const cases = spectrumCases();

/** The rows of a CSV file as the reader's scanner gives them, text arriving in pieces. */
async function scanRows(bytes: Uint8Array, chunkSize: number): Promise<string[][]> {
  const scanner = new CsvScanner(',');
  const rows: string[][] = [];
  let carry = '';
  for await (const piece of decodeText(bytesSource(bytes, chunkSize)).chunks) {
    const text = carry + piece;
    carry = text.slice(scanner.scan(text, 0, false, rows));
  }
  expect(scanner.scan(carry, 0, true, rows)).toBe(carry.length);
  return rows;
}

describe('csv-spectrum corpus', () => {
  it('has its twelve cases', () => {
    expect(cases.map((c) => c.name)).toContain('quotes_and_newlines');
    expect(cases.length).toBeGreaterThanOrEqual(12);
  });

  it.each(cases)('$name: the scanner gives the expected rows, in any chunking', async (c) => {
    for (const chunkSize of [1, 2, 3, 5, 8, 64, 1 << 16]) {
      const [header, ...rows] = await scanRows(c.csv, chunkSize);
      const objects = rows.map((row) =>
        Object.fromEntries((header ?? []).map((name, i) => [name, row[i] ?? ''])),
      );
      expect(objects, `chunks of ${chunkSize}`).toEqual(c.expected);
    }
  });

  it.each(cases)('$name: the reader refuses it for want of the import columns', async (c) => {
    expect(refusalOf(await readOutcome(c.csv))).toMatch(
      /^The file has no header row with the columns accountId, userId, unit and valueToRedeem; missing: /,
    );
  });

  it.each(cases)('$name: with the import header, every row is one record', async (c) => {
    const cells = cellsOf(await readOutcome(withImportHeader(c.csv), 7));
    expect(cells).toEqual(expectedRecords(c));
  });
});
