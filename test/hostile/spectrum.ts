/** The csv-spectrum corpus (npm package `csv-spectrum`): CSV edge cases with expected rows. */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { IMPORT_HEADER } from './generators.js';

type Expected = Record<string, string>[];

export interface SpectrumCase {
  name: string;
  csv: Buffer;
  /** The rows, as objects keyed by the file's header. */
  expected: Expected;
}

/**
 * The corpus's own slip (csv-spectrum issue #20): location_coordinates.json holds one object,
 * not a list, and a phone number other than its CSV's. Corrected here, the rest kept as is.
 */
function corrected(name: string, json: Expected | Record<string, string>): Expected {
  const rows = Array.isArray(json) ? json : [json];
  if (name !== 'location_coordinates') return rows;
  return rows.map((row) => ({ ...row, 'Contact Phone Number': '2095257564' }));
}

export function spectrumCases(): SpectrumCase[] {
  const root = dirname(createRequire(import.meta.url).resolve('csv-spectrum/package.json'));
  return readdirSync(join(root, 'csvs'))
    .filter((file) => file.endsWith('.csv'))
    .map((file) => {
      const name = file.slice(0, -'.csv'.length);
      const json = JSON.parse(readFileSync(join(root, 'json', `${name}.json`), 'utf8')) as Expected;
      return { name, csv: readFileSync(join(root, 'csvs', file)), expected: corrected(name, json) };
    });
}

/** The file with its header row replaced by the import's columns. */
export function withImportHeader(csv: Buffer): Buffer {
  const text = csv.toString('utf8');
  return Buffer.from(`${IMPORT_HEADER.join(',')}${text.slice(text.search(/\r?\n/))}`);
}

/** The records the reader must give for the file with the import header: cells in file order. */
export function expectedRecords(c: SpectrumCase): string[][] {
  const width = Math.max(IMPORT_HEADER.length, ...c.expected.map((o) => Object.keys(o).length));
  return c.expected.map((o) => {
    const row = Object.values(o);
    while (row.length < width) row.push('');
    return row;
  });
}
