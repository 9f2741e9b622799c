/**
 * Builds zip files whose parts may unpack to gigabytes, without ever holding the unpacked bytes.
 * A part's filler is deflated once, a megabyte of one byte ended by a full flush, which makes
 * that piece of the stream independent of what came before: repeating its compressed bytes
 * (about 1 KB) stands for any number of megabytes, so a 2 GB part is built in about a second.
 */
import { once } from 'node:events';
import { constants, crc32, createDeflateRaw, type DeflateRaw } from 'node:zlib';

export interface BombPart {
  name: string;
  /** Text before the filler, such as the start of a sheet. */
  head?: string;
  /** How many bytes of `fillByte` follow the head. */
  fillBytes?: number;
  /** 0x20 (a space) by default: whitespace inside XML, which a parser must wade through. */
  fillByte?: number;
  tail?: string;
  /** The unpacked size the zip directory claims; the true size when absent. */
  declaredSize?: number;
}

interface Packed {
  name: Buffer;
  data: Buffer;
  crc: number;
  declared: number;
}

const FILL_CHUNK = 1 << 20;

/** Deflates `bytes` and returns what the stream wrote up to a full flush. */
async function flushed(deflate: DeflateRaw, bytes: Buffer): Promise<Buffer> {
  const out: Buffer[] = [];
  const collect = (data: Buffer) => out.push(data);
  deflate.on('data', collect);
  deflate.write(bytes);
  await new Promise<void>((resolve) => deflate.flush(constants.Z_FULL_FLUSH, () => resolve()));
  deflate.off('data', collect);
  return Buffer.concat(out);
}

async function pack(part: BombPart): Promise<Packed> {
  const deflate = createDeflateRaw({ level: 9 });
  const head = Buffer.from(part.head ?? '');
  const tail = Buffer.from(part.tail ?? '');
  const fillBytes = part.fillBytes ?? 0;
  const filler = Buffer.alloc(FILL_CHUNK, part.fillByte ?? 0x20);
  const whole = Math.floor(fillBytes / FILL_CHUNK);
  const rest = fillBytes % FILL_CHUNK;
  const pieces = [await flushed(deflate, head)];
  let crc = crc32(head);
  if (whole > 0) {
    const chunk = await flushed(deflate, filler);
    for (let i = 0; i < whole; i++) {
      pieces.push(chunk);
      crc = crc32(filler, crc);
    }
  }
  pieces.push(await flushed(deflate, filler.subarray(0, rest)));
  crc = crc32(filler.subarray(0, rest), crc);
  const end: Buffer[] = [];
  deflate.on('data', (data: Buffer) => end.push(data));
  const ended = once(deflate, 'end');
  deflate.end(tail);
  await ended;
  crc = crc32(tail, crc);
  const size = head.length + fillBytes + tail.length;
  const declared = part.declaredSize ?? size;
  if (declared > 0xffffffff) throw new Error('declare at most 4 GB (no zip64 here)');
  return { name: Buffer.from(part.name), data: Buffer.concat([...pieces, ...end]), crc, declared };
}

function header(fields: [number, 2 | 4][]): Buffer {
  const buffer = Buffer.alloc(fields.reduce((sum, [, width]) => sum + width, 0));
  let at = 0;
  for (const [value, width] of fields) {
    if (width === 2) buffer.writeUInt16LE(value, at);
    else buffer.writeUInt32LE(value >>> 0, at);
    at += width;
  }
  return buffer;
}

/** A zip of the parts, deflated, with true or claimed sizes in its headers and directory. */
export async function buildZip(parts: BombPart[]): Promise<Buffer> {
  const packed = await Promise.all(parts.map(pack));
  const body: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const p of packed) {
    const common: [number, 2 | 4][] = [
      [20, 2], // version needed
      [0, 2], // flags
      [8, 2], // deflate
      [0, 2], // time
      [0x21, 2], // date: 1980-01-01
      [p.crc, 4],
      [p.data.length, 4],
      [p.declared, 4],
      [p.name.length, 2],
      [0, 2], // extra
    ];
    const local = header([[0x04034b50, 4], ...common]);
    body.push(local, p.name, p.data);
    const central = header([[0x02014b50, 4], [20, 2], ...common, [0, 2], [0, 2], [0, 2]]);
    directory.push(
      central,
      header([
        [0, 4],
        [offset, 4],
      ]),
      p.name,
    );
    offset += local.length + p.name.length + p.data.length;
  }
  const directoryBytes = Buffer.concat(directory);
  const end = header([
    [0x06054b50, 4],
    [0, 2],
    [0, 2],
    [packed.length, 2],
    [packed.length, 2],
    [directoryBytes.length, 4],
    [offset, 4],
    [0, 2],
  ]);
  return Buffer.concat([...body, directoryBytes, end]);
}
