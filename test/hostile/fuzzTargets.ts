/**
 * The reader fuzzing targets of bench/fuzz.bench.ts: the same inputs as the hostile-input
 * tests, in any number. Each tallies its outcomes and lists its failures: an exception other
 * than UNREADABLE_FILE, an honest file not read back exactly, a run past its time limit.
 */
import fc from 'fast-check';
import { fixture } from '../../src/imports/read/testSources.js';
import {
  simpleWorkbook,
  zipParts,
  zipStreaming,
} from '../../src/imports/read/xlsx/testWorkbooks.js';
import {
  csvShape,
  expectedCells,
  hostileBytes,
  reportRows,
  writeCsv,
  writeXlsx,
  xmlSafeRows,
} from './generators.js';
import { outcomeLabel, readOutcome, type ReadOutcome } from './readOutcome.js';
import { expectedRecords, spectrumCases, withImportHeader } from './spectrum.js';
import { headerRowXml } from './workbooks.js';

export interface TargetResult {
  inputs: number;
  /** Records read from honest files and checked against what was written. */
  recordsChecked: number;
  outcomes: Record<string, number>;
  failures: string[];
}

export type Target = (runs: number, seed: number) => Promise<TargetResult>;

const RUN_LIMIT_MS = 20_000;

/** Runs `read`, tallying its outcome; a throw or a run past the limit is a failure. */
async function attempt(result: TargetResult, what: string, read: () => Promise<ReadOutcome>) {
  result.inputs++;
  let timer: NodeJS.Timeout | undefined;
  try {
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer within ${RUN_LIMIT_MS} ms`)),
        RUN_LIMIT_MS,
      );
    });
    const outcome = await Promise.race([read(), late]);
    const label = outcomeLabel(outcome);
    result.outcomes[label] = (result.outcomes[label] ?? 0) + 1;
    return outcome;
  } catch (error) {
    result.failures.push(`${what}: ${(error as Error).stack ?? String(error)}`.slice(0, 500));
    return null;
  } finally {
    clearTimeout(timer);
  }
}

function fresh(): TargetResult {
  return { inputs: 0, recordsChecked: 0, outcomes: {}, failures: [] };
}

/** Draws `runs` values in batches, so a long run never holds them all. */
function* draw<T>(arbitrary: fc.Arbitrary<T>, runs: number, seed: number): Generator<T> {
  for (let done = 0; done < runs; done += 1000) {
    yield* fc.sample(arbitrary, { numRuns: Math.min(1000, runs - done), seed: seed + done });
  }
}

const chunkSize = fc.oneof(fc.integer({ min: 1, max: 16 }), fc.integer({ min: 17, max: 70_000 }));

/** Compares what was read with what was written, counting the records checked. */
function checkRecords(
  result: TargetResult,
  outcome: ReadOutcome | null,
  rows: string[][],
  what: string,
) {
  if (outcome === null) return;
  const read = outcome.kind === 'records' ? outcome.records.map((r) => r.cells) : null;
  if (JSON.stringify(read) !== JSON.stringify(expectedCells(rows))) {
    result.failures.push(
      `${what}: read ${JSON.stringify(read).slice(0, 200)} for ${JSON.stringify(rows).slice(0, 200)}`,
    );
  } else result.recordsChecked += rows.length;
}

export const csvRandomBytes: Target = async (runs, seed) => {
  const result = fresh();
  for (const [bytes, size] of draw(fc.tuple(hostileBytes(8000), chunkSize), runs, seed)) {
    await attempt(result, `bytes ${Buffer.from(bytes).toString('base64').slice(0, 80)}`, () =>
      readOutcome(bytes, size),
    );
  }
  return result;
};

export const csvRoundTrip: Target = async (runs, seed) => {
  const result = fresh();
  for (const [rows, shape, size] of draw(fc.tuple(reportRows, csvShape, chunkSize), runs, seed)) {
    const outcome = await attempt(result, 'honest CSV', () =>
      readOutcome(writeCsv(rows, shape), size),
    );
    checkRecords(result, outcome, rows, `CSV ${JSON.stringify(shape)}`);
  }
  return result;
};

export const xlsxRoundTrip: Target = async (runs, seed) => {
  const result = fresh();
  const inputs = fc.tuple(xmlSafeRows, fc.integer({ min: 1, max: 4 }), chunkSize);
  for (const [rows, sharedEvery, size] of draw(inputs, runs, seed)) {
    const outcome = await attempt(result, 'honest .xlsx', () =>
      readOutcome(writeXlsx(rows, sharedEvery), size),
    );
    checkRecords(result, outcome, rows, '.xlsx');
  }
  return result;
};

export const xlsxMutations: Target = async (runs, seed) => {
  const result = fresh();
  const parts = simpleWorkbook(`${headerRowXml()}<row r="2"><c r="A2" t="s"><v>0</v></c></row>`, [
    '<t>x</t>',
  ]);
  const valid = [
    fixture('spreadsheet/libreoffice-saved.xlsx'),
    zipParts(parts),
    zipParts(parts, 0),
    zipStreaming(parts),
  ];
  const flips = fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), {
    minLength: 1,
    maxLength: 8,
  });
  const inputs = fc.tuple(fc.nat({ max: valid.length - 1 }), flips, fc.option(fc.nat()), chunkSize);
  for (const [which, changes, cut, size] of draw(inputs, runs, seed)) {
    const bytes = (valid[which] as Uint8Array).slice();
    for (const [at, value] of changes) bytes[at % bytes.length] = value;
    const input = cut === null ? bytes : bytes.subarray(0, cut % bytes.length);
    await attempt(result, `mutation of workbook ${which}`, () => readOutcome(input, size));
  }
  return result;
};

export const truncatedFiles: Target = async () => {
  const result = fresh();
  const names = [
    'spreadsheet/export-as-written.csv',
    'spreadsheet/libreoffice-saved-utf8.csv',
    'spreadsheet/libreoffice-saved-semicolon-cp1252.csv',
    'spreadsheet/libreoffice-saved.xlsx',
    'import/utf8-bom-crlf-reordered.csv',
    'import/utf16le-bom-tab.txt',
  ];
  for (const name of names) {
    const bytes = fixture(name);
    for (let cut = 0; cut <= bytes.length; cut++) {
      await attempt(result, `${name} cut at ${cut}`, () =>
        readOutcome(bytes.subarray(0, cut), 1 + (cut % 64)),
      );
    }
  }
  return result;
};

export const csvSpectrum: Target = async () => {
  const result = fresh();
  for (const c of spectrumCases()) {
    const bytes = withImportHeader(c.csv);
    const expected = JSON.stringify(expectedRecords(c));
    for (let size = 1; size <= 64; size++) {
      const outcome = await attempt(result, `${c.name} in chunks of ${size}`, () =>
        readOutcome(bytes, size),
      );
      const read =
        outcome?.kind === 'records' ? JSON.stringify(outcome.records.map((r) => r.cells)) : null;
      if (read === expected) result.recordsChecked += c.expected.length;
      else result.failures.push(`${c.name} in chunks of ${size}: read ${read}`);
    }
  }
  return result;
};
