/** Helpers for the readers' tests: byte sources cut into chunks of any size, and collectors. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ByteSource, ImportFile, ImportRecord } from './types.js';

const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/', import.meta.url));

export function fixture(path: string): Uint8Array {
  return readFileSync(`${FIXTURES}${path}`);
}

/** A source yielding the bytes in chunks of `chunkSize` (1 cuts every character apart). */
export function bytesSource(bytes: Uint8Array | string, chunkSize = 1 << 16): ByteSource {
  const all = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  return async function* () {
    for (let at = 0; at < all.length; at += chunkSize) {
      // A fresh copy each time, as a database or file stream gives.
      yield all.slice(at, at + chunkSize);
    }
  };
}

/** Counts how often a source is read from the start. */
export function countingSource(source: ByteSource): { source: ByteSource; reads: () => number } {
  let reads = 0;
  return {
    source: () => {
      reads++;
      return source();
    },
    reads: () => reads,
  };
}

export async function allRecords(file: ImportFile): Promise<ImportRecord[]> {
  const records: ImportRecord[] = [];
  for await (const batch of file.batches) records.push(...batch);
  return records;
}

export async function allCells(file: ImportFile): Promise<string[][]> {
  return (await allRecords(file)).map((record) => record.cells);
}
