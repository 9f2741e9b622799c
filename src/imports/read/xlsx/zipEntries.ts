/**
 * Reads entries out of a zip, streaming, with the guards that keep a zip bomb harmless: an
 * entry's declared size must fit its limit and a plausible compression ratio before anything is
 * inflated, and inflating stops as soon as it yields more than was declared.
 *
 * Inflating uses node:zlib rather than fflate's streaming Inflate: on a sheet of this kind zlib
 * measured about ten times faster (290 MB/s against 25 MB/s), which decides whether a
 * million-row sheet reads in seconds or in half a minute.
 */
import { Readable } from 'node:stream';
import { createInflateRaw, inflateRawSync } from 'node:zlib';
import { isAppError } from '../../../domain/errors.js';
import type { ByteSource } from '../types.js';
import { damagedXlsx, sizeText, unreadable } from '../unreadable.js';
import type { ZipEntry } from './zipIndex.js';

export interface InflateLimits {
  /** The most an entry may unpack to. */
  maxBytes: number;
  /** The most an entry may unpack to per compressed byte, beyond `slackBytes`. */
  maxRatio: number;
  slackBytes: number;
}

/** Refuses an entry whose declared size is beyond its limit, before inflating any of it. */
export function checkDeclaredSize(entry: ZipEntry, limits: InflateLimits): void {
  const ratioCap = limits.slackBytes + limits.maxRatio * entry.compressedSize;
  if (entry.size > limits.maxBytes || entry.size > ratioCap) {
    throw unreadable(
      `The .xlsx file's part ${entry.name} would unpack from ${sizeText(entry.compressedSize)} to ` +
        `${sizeText(entry.size)}, more than rewardbook reads (${sizeText(Math.min(limits.maxBytes, ratioCap))}); ` +
        'it may be a zip bomb. Save the sheet as CSV and upload that instead.',
      { part: entry.name, compressedSize: entry.compressedSize, size: entry.size },
    );
  }
  if (entry.flags & 1) throw unreadable('The .xlsx file is encrypted. Save it without a password.');
  if (entry.method !== 0 && entry.method !== 8) {
    throw damagedXlsx(`${entry.name} uses compression method ${entry.method}`);
  }
}

function u16(b: Uint8Array, at: number): number {
  return (b[at] as number) | ((b[at + 1] as number) << 8);
}

/** The compressed bytes of the entries, in file order, as pieces of the source's chunks. */
export async function* compressedPieces(
  source: ByteSource,
  entries: ZipEntry[],
): AsyncGenerator<{ entry: ZipEntry; piece: Uint8Array }, void, undefined> {
  const sorted = [...entries].sort((a, b) => a.offset - b.offset);
  const header = new Uint8Array(30);
  let k = 0;
  let phase: 'seek' | 'header' | 'skip' | 'data' = 'seek';
  let filled = 0;
  let left = 0;
  let position = 0;
  for await (const chunk of source()) {
    let i = 0;
    while (i < chunk.length && k < sorted.length) {
      const entry = sorted[k] as ZipEntry;
      if (phase === 'seek') {
        const ahead = entry.offset - (position + i);
        if (ahead < 0) throw damagedXlsx('its parts overlap');
        if (ahead >= chunk.length - i) break;
        i += ahead;
        phase = 'header';
        filled = 0;
      }
      if (phase === 'header') {
        const take = Math.min(30 - filled, chunk.length - i);
        header.set(chunk.subarray(i, i + take), filled);
        filled += take;
        i += take;
        if (filled < 30) break;
        if (header[0] !== 0x50 || header[1] !== 0x4b || header[2] !== 3 || header[3] !== 4) {
          throw damagedXlsx(`no header where ${entry.name} should start`);
        }
        phase = 'skip';
        left = u16(header, 26) + u16(header, 28);
      }
      if (phase === 'skip') {
        const take = Math.min(left, chunk.length - i);
        i += take;
        left -= take;
        if (left > 0) break;
        phase = 'data';
        left = entry.compressedSize;
      }
      const take = Math.min(left, chunk.length - i);
      if (take > 0) yield { entry, piece: chunk.subarray(i, i + take) };
      i += take;
      left -= take;
      if (left === 0) {
        k++;
        phase = 'seek';
      }
    }
    position += chunk.length;
    if (k === sorted.length) return;
  }
  throw damagedXlsx('it is cut short');
}

/** The compressed bytes of small entries, read in one pass. */
export async function collectCompressed(
  source: ByteSource,
  entries: ZipEntry[],
): Promise<Map<ZipEntry, Uint8Array>> {
  const pieces = new Map<ZipEntry, Uint8Array[]>(entries.map((entry) => [entry, []]));
  for await (const { entry, piece } of compressedPieces(source, entries)) {
    pieces.get(entry)?.push(new Uint8Array(piece));
  }
  return new Map(entries.map((entry) => [entry, Buffer.concat(pieces.get(entry) ?? [])]));
}

/** Inflates a small entry held in memory. */
export function inflateWhole(
  entry: ZipEntry,
  compressed: Uint8Array,
  limits: InflateLimits,
): Buffer {
  checkDeclaredSize(entry, limits);
  if (entry.method === 0) return Buffer.from(compressed);
  try {
    return inflateRawSync(compressed, { maxOutputLength: Math.max(1, entry.size) });
  } catch (error) {
    const tooLarge = (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
    throw damagedXlsx(
      tooLarge
        ? `${entry.name} unpacks to more than it declares`
        : `${entry.name} cannot be unpacked: ${(error as Error).message}`,
    );
  }
}

/** Inflates an entry as it streams, never holding more than a chunk of it. */
export async function* inflateStreaming(
  entry: ZipEntry,
  compressed: AsyncIterable<Uint8Array>,
  limits: InflateLimits,
): AsyncGenerator<Uint8Array, void, undefined> {
  checkDeclaredSize(entry, limits);
  const input = Readable.from(compressed, { objectMode: false });
  const output = entry.method === 0 ? input : input.pipe(createInflateRaw({ chunkSize: 1 << 16 }));
  if (output !== input) input.on('error', (error) => output.destroy(error));
  let produced = 0;
  try {
    for await (const data of output as AsyncIterable<Uint8Array>) {
      produced += data.length;
      if (produced > entry.size)
        throw damagedXlsx(`${entry.name} unpacks to more than it declares`);
      yield data;
    }
  } catch (error) {
    throw isAppError(error)
      ? error
      : damagedXlsx(`${entry.name} cannot be unpacked: ${(error as Error).message}`);
  } finally {
    input.destroy();
    output.destroy();
  }
}
