/**
 * Zip entries for fflate's streaming `Zip`, compressed by Node's native zlib. fflate's own
 * ZipDeflate is pure JavaScript: at level 1 it spent ~8 s of CPU on the ~650 MB of XML of a
 * 1M-row sheet, where zlib takes ~2 s. fflate still writes the zip container.
 */
import zlib from 'node:zlib';
import type { AsyncFlateStreamHandler, ZipInputFile } from 'fflate';

const DEFLATE = 8;

let crcTable: Int32Array | null = null;

/** CRC-32 in JavaScript, for Node 20 releases before 20.15 that lack `zlib.crc32`. */
export function crc32Fallback(data: Uint8Array, previous: number): number {
  if (!crcTable) {
    crcTable = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c;
    }
  }
  let crc = ~previous;
  for (let i = 0; i < data.length; i++) {
    crc = (crcTable[(crc ^ (data[i] ?? 0)) & 0xff] ?? 0) ^ (crc >>> 8);
  }
  return ~crc >>> 0;
}

const crc32: (data: Uint8Array, previous: number) => number =
  typeof zlib.crc32 === 'function' ? zlib.crc32 : crc32Fallback;

const { Z_FINISH, Z_SYNC_FLUSH } = zlib.constants;
/** Pieces being compressed at once: enough to keep a pool thread busy, few enough to hold. */
const MAX_IN_FLIGHT = 4;

/**
 * Deflates one piece on libuv's thread pool. A piece ends with a sync flush (byte-aligned, not
 * final), so separately compressed pieces join into one valid DEFLATE stream; the last piece
 * is finished instead.
 */
function deflatePiece(piece: Uint8Array, level: number, last: boolean): Promise<Buffer> {
  const options = { level, finishFlush: last ? Z_FINISH : Z_SYNC_FLUSH };
  const compressed = new Promise<Buffer>((resolve, reject) =>
    zlib.deflateRaw(piece, options, (error, out) => (error ? reject(error) : resolve(out))),
  );
  // Awaited later, in order; this only keeps an early failure from counting as unhandled.
  compressed.catch(() => undefined);
  return compressed;
}

/**
 * A zip entry whose content is deflated piece by piece off the main thread, so compressing one
 * piece overlaps with building the next; the pieces reach the zip in order.
 */
export class DeflateEntry implements ZipInputFile {
  readonly filename: string;
  readonly compression = DEFLATE;
  readonly mtime: Date | undefined;
  size = 0;
  crc = 0;
  ondata?: AsyncFlateStreamHandler;
  private readonly level: number;
  private readonly inFlight: Promise<Buffer>[] = [];
  private emitted: Promise<void> = Promise.resolve();

  constructor(filename: string, options: { level: number; mtime?: Date }) {
    this.filename = filename;
    this.level = options.level;
    this.mtime = options.mtime;
  }

  /** Queues a piece of content; returns a promise when the caller should wait for room. */
  write(piece: Uint8Array): Promise<void> | null {
    this.queue(piece, false);
    return this.inFlight.length < MAX_IN_FLIGHT ? null : this.emitOldest(false);
  }

  /** Queues the last piece and resolves once the whole entry has gone into the zip. */
  async end(piece: Uint8Array = new Uint8Array(0)): Promise<void> {
    this.queue(piece, true);
    while (this.inFlight.length > 0) await this.emitOldest(this.inFlight.length === 1);
  }

  private queue(piece: Uint8Array, last: boolean): void {
    this.size += piece.length;
    this.crc = crc32(piece, this.crc);
    this.inFlight.push(deflatePiece(piece, this.level, last));
  }

  /** Hands the oldest piece to the zip once compressed, after every piece queued before it. */
  private emitOldest(final: boolean): Promise<void> {
    const oldest = this.inFlight.shift();
    if (!oldest) return this.emitted;
    this.emitted = this.emitted.then(async () => {
      const compressed = await oldest;
      if (!this.ondata) throw new Error(`add ${this.filename} to a Zip before writing to it`);
      // zlib's output is never a SharedArrayBuffer, which is all fflate's type rules out.
      const bytes = new Uint8Array(
        compressed.buffer as ArrayBuffer,
        compressed.byteOffset,
        compressed.length,
      );
      this.ondata(null, bytes, final);
    });
    return this.emitted;
  }
}
