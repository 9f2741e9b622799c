import { randomBytes } from 'node:crypto';
import zlib from 'node:zlib';
import { Zip, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { DeflateEntry, crc32Fallback } from './zipEntry.js';

async function zipOf(pieces: Uint8Array[]): Promise<Buffer> {
  const out: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    out.push(chunk);
  });
  const entry = new DeflateEntry('part.xml', { level: 1 });
  zip.add(entry);
  for (const piece of pieces.slice(0, -1)) await entry.write(piece);
  await entry.end(pieces[pieces.length - 1]);
  zip.end();
  return Buffer.concat(out);
}

describe('DeflateEntry', () => {
  it('joins separately deflated pieces into one entry that unzips to the original', async () => {
    const text = Buffer.from('<row r="1"><c><v>1</v></c></row>'.repeat(20_000));
    // More pieces than may be in flight at once, of uneven sizes, one incompressible.
    const pieces: Uint8Array[] = Array.from({ length: 9 }, (_, i) =>
      text.subarray(i * 70_000, (i + 1) * 70_000),
    );
    pieces.splice(3, 0, randomBytes(50_000), new Uint8Array(0));
    const unzipped = unzipSync(await zipOf(pieces))['part.xml'];
    expect(Buffer.from(unzipped ?? []).equals(Buffer.concat(pieces))).toBe(true);
  });

  it('keeps the pieces in order even when the caller does not wait for room', async () => {
    const out: Uint8Array[] = [];
    const zip = new Zip((error, chunk) => {
      if (error) throw error;
      out.push(chunk);
    });
    const entry = new DeflateEntry('part.xml', { level: 9 });
    zip.add(entry);
    // A slow first piece, then quick ones that would finish first.
    const pieces = [
      randomBytes(4_000_000),
      ...Array.from({ length: 12 }, (_, i) => Buffer.from(`<p${i}/>`)),
    ];
    const waits = pieces.map((piece) => entry.write(piece));
    await entry.end();
    await Promise.all(waits);
    zip.end();
    const unzipped = unzipSync(Buffer.concat(out))['part.xml'];
    expect(Buffer.from(unzipped ?? []).equals(Buffer.concat(pieces))).toBe(true);
  });

  it('unzips a single final piece', async () => {
    const unzipped = unzipSync(await zipOf([Buffer.from('<a/>')]))['part.xml'];
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
