/**
 * The table of contents of a zip file, read from its central directory at the end of the file.
 *
 * A zip is read from its end because that is the only reliable way: the local headers that
 * precede each entry may leave sizes out (a "data descriptor" follows the data instead), and
 * guessing where such an entry ends by searching for a signature goes wrong on unlucky bytes.
 * The first pass over the file therefore only keeps its tail; a small file is kept whole so the
 * later passes do not read the source again.
 */
import type { ByteSource } from '../types.js';
import { damagedXlsx, unreadable } from '../unreadable.js';

export interface ZipEntry {
  /** As stored, with `/` separators and no leading `/`. */
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  /** Offset of the entry's local header from the start of the file. */
  offset: number;
}

export interface ZipIndex {
  size: number;
  /** Keyed by lower-case name: package part names are case-insensitive. */
  entries: Map<string, ZipEntry>;
  /** The whole file when it is small, to serve the later passes from memory. */
  bytes: Uint8Array | null;
}

const KEEP_WHOLE = 16 << 20;
/** The end record, its comment, and a central directory of some thousands of entries. */
const KEEP_TAIL = (1 << 20) + 0x10000 + 22;

function u16(b: Uint8Array, at: number): number {
  return (b[at] as number) | ((b[at + 1] as number) << 8);
}

function u32(b: Uint8Array, at: number): number {
  return (u16(b, at) + u16(b, at + 2) * 0x10000) >>> 0;
}

function u64(b: Uint8Array, at: number): number {
  return u32(b, at) + u32(b, at + 4) * 0x100000000;
}

function joined(chunks: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

function findEnd(tail: Uint8Array): number {
  for (let at = tail.length - 22; at >= Math.max(0, tail.length - KEEP_TAIL); at--) {
    if (u32(tail, at) === 0x06054b50) return at;
  }
  throw damagedXlsx('no zip directory at its end; it may be cut short');
}

function zip64Fields(tail: Uint8Array, at: number, length: number, entry: ZipEntry): void {
  let p = at;
  const stop = at + length;
  while (p + 4 <= stop) {
    const id = u16(tail, p);
    const size = u16(tail, p + 2);
    if (id === 0x0001) {
      let q = p + 4;
      if (entry.size === 0xffffffff) {
        entry.size = u64(tail, q);
        q += 8;
      }
      if (entry.compressedSize === 0xffffffff) {
        entry.compressedSize = u64(tail, q);
        q += 8;
      }
      if (entry.offset === 0xffffffff) entry.offset = u64(tail, q);
      return;
    }
    p += 4 + size;
  }
}

function parseDirectory(tail: Uint8Array, base: number, fileSize: number): Map<string, ZipEntry> {
  const end = findEnd(tail);
  let count = u16(tail, end + 10);
  let offset = u32(tail, end + 16);
  if (
    (count === 0xffff || offset === 0xffffffff) &&
    end >= 20 &&
    u32(tail, end - 20) === 0x07064b50
  ) {
    // zip64: the real count and offset live in a larger end record that the locator points to.
    const at = u64(tail, end - 12) - base;
    if (at < 0 || u32(tail, at) !== 0x06064b50) throw damagedXlsx('its zip64 directory is missing');
    count = u64(tail, at + 32);
    offset = u64(tail, at + 48);
  }
  let p = offset - base;
  if (p < 0) {
    throw unreadable('The .xlsx file has too many parts to read. Save it again with one sheet.');
  }
  const entries = new Map<string, ZipEntry>();
  const names = new TextDecoder();
  for (let i = 0; i < count; i++) {
    if (p + 46 > tail.length || u32(tail, p) !== 0x02014b50)
      throw damagedXlsx('its directory is cut');
    const nameLength = u16(tail, p + 28);
    const extraLength = u16(tail, p + 30);
    const entry: ZipEntry = {
      name: names
        .decode(tail.subarray(p + 46, p + 46 + nameLength))
        .replace(/\\/g, '/')
        .replace(/^\/+/, ''),
      flags: u16(tail, p + 8),
      method: u16(tail, p + 10),
      compressedSize: u32(tail, p + 20),
      size: u32(tail, p + 24),
      offset: u32(tail, p + 42),
    };
    zip64Fields(tail, p + 46 + nameLength, extraLength, entry);
    if (entry.offset + entry.compressedSize > fileSize)
      throw damagedXlsx('a part lies beyond its end');
    entries.set(entry.name.toLowerCase(), entry);
    p += 46 + nameLength + extraLength + u16(tail, p + 32);
  }
  return entries;
}

/** Gathers chunks into blocks of at least 64 KB, so that tiny chunks stay cheap to keep. */
class Blocks {
  readonly list: Uint8Array[] = [];
  private staging = new Uint8Array(1 << 16);
  private staged = 0;

  add(chunk: Uint8Array): void {
    if (this.staged + chunk.length > this.staging.length) this.flush();
    // A copy either way: a source may reuse its buffer for the next chunk.
    if (chunk.length >= this.staging.length) this.list.push(new Uint8Array(chunk));
    else {
      this.staging.set(chunk, this.staged);
      this.staged += chunk.length;
    }
  }

  flush(): void {
    if (this.staged === 0) return;
    this.list.push(this.staging.slice(0, this.staged));
    this.staged = 0;
  }
}

/** Reads the whole source once, keeping its tail (or all of it when small), and indexes it. */
export async function readZipIndex(source: ByteSource): Promise<ZipIndex> {
  const blocks = new Blocks();
  let kept = 0;
  let size = 0;
  for await (const chunk of source()) {
    blocks.add(chunk);
    kept += chunk.length;
    size += chunk.length;
    const { list } = blocks;
    while (
      size > KEEP_WHOLE &&
      list.length > 1 &&
      kept - (list[0] as Uint8Array).length >= KEEP_TAIL
    ) {
      kept -= (list.shift() as Uint8Array).length;
    }
  }
  blocks.flush();
  const tail = joined(blocks.list, kept);
  const entries = parseDirectory(tail, size - kept, size);
  return { size, entries, bytes: size <= KEEP_WHOLE ? tail : null };
}
