import { randomBytes } from 'node:crypto';
import zlib from 'node:zlib';
import { Zip, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { NativeDeflateEntry, crc32Fallback } from './zipEntry.js';

function zipOf(pieces: Uint8Array[]): Buffer {
  const out: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    out.push(chunk);
  });
  const entry = new NativeDeflateEntry('part.xml', { level: 1 });
  zip.add(entry);
  pieces.forEach((piece, i) => entry.push(piece, i === pieces.length - 1));
  zip.end();
  return Buffer.concat(out);
}

describe('NativeDeflateEntry', () => {
  it('joins separately deflated chunks into one entry that unzips to the original', () => {
    const text = Buffer.from('<row r="1"><c><v>1</v></c></row>'.repeat(20_000));
    const pieces = [
      text.subarray(0, 100_000),
      randomBytes(50_000),
      text.subarray(100_000),
      new Uint8Array(0),
    ];
    const unzipped = unzipSync(zipOf(pieces))['part.xml'];
    expect(Buffer.from(unzipped ?? []).equals(Buffer.concat(pieces))).toBe(true);
  });

  it('unzips a single final chunk', () => {
    const unzipped = unzipSync(zipOf([Buffer.from('<a/>')]))['part.xml'];
    expect(Buffer.from(unzipped ?? []).toString()).toBe('<a/>');
  });
});

describe('crc32Fallback', () => {
  it('agrees with zlib, also when continued over chunks', () => {
    const data = randomBytes(10_000);
    const whole = crc32Fallback(data, 0);
    expect(crc32Fallback(data.subarray(5_000), crc32Fallback(data.subarray(0, 5_000), 0))).toBe(
      whole,
    );
    if (typeof zlib.crc32 === 'function') expect(whole).toBe(zlib.crc32(data));
    expect(crc32Fallback(Buffer.from('123456789'), 0)).toBe(0xcbf43926);
  });
});
