/**
 * What the import readers make of a file, hostile or not: its records, or a refusal. Any other
 * outcome (another exception, an error without a message) is thrown on, so a property that calls
 * `readOutcome` fails on it. Shared by the hostile-input tests and bench/fuzz.bench.ts.
 */
import { isAppError } from '../../src/domain/errors.js';
import { readImportFile } from '../../src/imports/read/readImportFile.js';
import type { ByteSource, ImportRecord } from '../../src/imports/read/types.js';

export type ReadOutcome =
  | { kind: 'records'; format: 'csv' | 'xlsx'; encoding: string; records: ImportRecord[] }
  | { kind: 'refused'; message: string; details: Record<string, unknown> };

/** A source yielding the bytes in chunks of `chunkSize`, a fresh copy each time. */
function chunkedSource(bytes: Uint8Array | string, chunkSize = 1 << 16): ByteSource {
  const all = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  return async function* () {
    for (let at = 0; at < all.length; at += chunkSize) yield all.slice(at, at + chunkSize);
  };
}

/** Reads every record of the source, or returns the UNREADABLE_FILE refusal. */
export async function readSource(source: ByteSource): Promise<ReadOutcome> {
  try {
    const file = await readImportFile(source, { batchSize: 500 });
    const records: ImportRecord[] = [];
    for await (const batch of file.batches) records.push(...batch);
    return { kind: 'records', format: file.format, encoding: file.encoding, records };
  } catch (error) {
    if (isAppError(error) && error.code === 'UNREADABLE_FILE' && error.message.length > 20) {
      return { kind: 'refused', message: error.message, details: error.details };
    }
    throw error;
  }
}

export function readOutcome(bytes: Uint8Array | string, chunkSize?: number): Promise<ReadOutcome> {
  return readSource(chunkedSource(bytes, chunkSize));
}

/** The message of a refusal; fails when the file was read. */
export function refusalOf(outcome: ReadOutcome): string {
  if (outcome.kind !== 'refused') {
    throw new Error(`expected a refusal, got ${outcome.records.length} records`);
  }
  return outcome.message;
}

/** The cells of every record; fails when the file was refused. */
export function cellsOf(outcome: ReadOutcome): string[][] {
  if (outcome.kind !== 'records') throw new Error(`expected records, got: ${outcome.message}`);
  return outcome.records.map((record) => record.cells);
}

/** A tally of outcomes, for the benchmark's figures: `records`, or the refusal's first words. */
export function outcomeLabel(outcome: ReadOutcome): string {
  if (outcome.kind === 'records') return 'read';
  const words = outcome.message
    .replace(/\d[\d.,]*/g, 'N')
    .replace(/"[^"]*"/g, '"…"')
    .split(/[:;(]/)[0];
  return `refused: ${(words ?? '').slice(0, 70)}`;
}
