/**
 * Properties of the import readers over honest, broken and random files: each gives its records
 * (none lost, none doubled) or one UNREADABLE_FILE error with a message, never another
 * exception. Inputs are kept small so every property runs in seconds; bench/fuzz.bench.ts runs
 * the same properties for longer.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../src/imports/read/testSources.js';
import {
  csvShape,
  expectedCells,
  hostileBytes,
  reportRows,
  writeCsv,
  writeXlsx,
  xmlSafeRows,
} from './generators.js';
import { cellsOf, readOutcome, type ReadOutcome } from './readOutcome.js';

const chunkSize = fc.oneof(fc.integer({ min: 1, max: 16 }), fc.integer({ min: 17, max: 70_000 }));
const RUNS = { numRuns: 300 };

describe('import readers on hostile input', () => {
  it('read random bytes as records or refuse them with a message, nothing else', async () => {
    await fc.assert(
      fc.asyncProperty(hostileBytes(3000), chunkSize, async (bytes, size) => {
        const outcome = await readOutcome(bytes, size);
        if (outcome.kind === 'records') {
          outcome.records.forEach((record, i) => expect(record.recordNumber).toBe(i + 1));
        }
      }),
      RUNS,
    );
  });

  it('read every record of an honest CSV once, whatever its shape and chunking', async () => {
    await fc.assert(
      fc.asyncProperty(reportRows, csvShape, chunkSize, async (rows, shape, size) => {
        const outcome = await readOutcome(writeCsv(rows, shape), size);
        expect(cellsOf(outcome)).toEqual(expectedCells(rows));
      }),
      RUNS,
    );
  });

  it('read every record of an honest .xlsx once, inline or shared strings', async () => {
    await fc.assert(
      fc.asyncProperty(
        xmlSafeRows,
        fc.integer({ min: 1, max: 4 }),
        chunkSize,
        async (rows, sharedEvery, size) => {
          const outcome = await readOutcome(writeXlsx(rows, sharedEvery), size);
          expect(cellsOf(outcome)).toEqual(expectedCells(rows));
        },
      ),
      { numRuns: 150 },
    );
  });
});

/**
 * Records of a cut file must be the full file's first records; the last may itself be cut. A
 * UTF-16 file cut after an odd byte ends in half a character, read as U+FFFD: that garbage may
 * make one more record (which the import then reports as an error row), never a copy of one.
 */
function expectPrefixOf(cut: ReadOutcome, full: string[][]): void {
  if (cut.kind === 'refused') return;
  const cells = cut.records.map((record) => record.cells);
  if (cells.length > full.length) {
    expect(cells.length).toBe(full.length + 1);
    expect(cells.pop()?.join('')).toBe('\ufffd');
  }
  const whole = Math.max(0, cells.length - 1);
  expect(cells.slice(0, whole)).toEqual(full.slice(0, whole));
}

describe('import readers on files cut short', () => {
  const csvFiles = [
    'spreadsheet/export-as-written.csv',
    'spreadsheet/libreoffice-saved-utf8.csv',
    'spreadsheet/libreoffice-saved-semicolon-cp1252.csv',
    'import/utf8-bom-crlf-reordered.csv',
    'import/utf16le-bom-tab.txt',
  ];

  it.each(csvFiles)('%s: every cut gives a prefix of its records or a refusal', async (name) => {
    const bytes = fixture(name);
    const full = await readOutcome(bytes);
    const fullCells = cellsOf(full);
    const counts = { read: 0, refused: 0, otherEncoding: 0 };
    for (let cut = 0; cut < bytes.length; cut++) {
      const outcome = await readOutcome(bytes.subarray(0, cut), 1 + (cut % 64));
      counts[outcome.kind === 'records' ? 'read' : 'refused']++;
      // A cut inside a UTF-8 sequence leaves the file invalid UTF-8: it is read as
      // Windows-1252, so its accented text differs while its records keep their places.
      if (
        outcome.kind === 'records' &&
        outcome.encoding !== (full as { encoding: string }).encoding
      ) {
        counts.otherEncoding++;
        expect(outcome.records.length).toBeLessThanOrEqual(fullCells.length);
        continue;
      }
      expectPrefixOf(outcome, fullCells);
    }
    expect(counts.read).toBeGreaterThan(0);
    expect(counts.refused).toBeGreaterThan(0);
  });

  it('refuses an .xlsx cut anywhere as damaged', async () => {
    const bytes = fixture('spreadsheet/libreoffice-saved.xlsx');
    for (let cut = 0; cut < bytes.length; cut += 7) {
      const outcome = await readOutcome(bytes.subarray(0, cut), 4096);
      if (cut < 4) continue; // too short to be recognised as a zip: read as a (refused) CSV
      expect(outcome.kind, `cut at ${cut}`).toBe('refused');
    }
  });
});
