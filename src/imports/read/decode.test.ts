import { describe, expect, it } from 'vitest';
import { decodeText, incompleteUtf8Tail } from './decode.js';
import { bytesSource, countingSource } from './testSources.js';

async function decode(bytes: Uint8Array | string, chunkSize?: number) {
  const decoded = decodeText(bytesSource(bytes, chunkSize));
  let text = '';
  for await (const chunk of decoded.chunks) text += chunk;
  return { text, encoding: decoded.encoding() };
}

const cp1252 = (text: string): Uint8Array =>
  Uint8Array.from(
    [...text].map((c) => ({ é: 0xe9, ë: 0xeb, ø: 0xf8, ü: 0xfc, '€': 0x80 })[c] ?? c.charCodeAt(0)),
  );

function utf16(text: string, littleEndian: boolean): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2);
  const view = new DataView(bytes.buffer);
  view.setUint16(0, 0xfeff, littleEndian);
  for (let i = 0; i < text.length; i++) view.setUint16(2 + i * 2, text.charCodeAt(i), littleEndian);
  return bytes;
}

describe('decodeText', () => {
  it('reads UTF-8 with a byte-order mark, without the mark', async () => {
    expect(await decode('\ufeffJosé,Zoë\r\n')).toEqual({ text: 'José,Zoë\r\n', encoding: 'utf-8' });
  });

  it('reads UTF-16 LE and BE by their byte-order marks', async () => {
    const text = 'Søren\t漢字😀\r\n';
    expect(await decode(utf16(text, true))).toEqual({ text, encoding: 'utf-16le' });
    expect(await decode(utf16(text, false))).toEqual({ text, encoding: 'utf-16be' });
    expect(await decode(utf16(text, true), 1)).toEqual({ text, encoding: 'utf-16le' });
  });

  it('reads valid UTF-8 without a mark as UTF-8, and invalid as Windows-1252', async () => {
    expect(await decode('José,Müller')).toEqual({ text: 'José,Müller', encoding: 'utf-8' });
    expect(await decode(cp1252('José,Müller,Zoë,Søren,€5'))).toEqual({
      text: 'José,Müller,Zoë,Søren,€5',
      encoding: 'windows-1252',
    });
  });

  it('keeps multi-byte characters whole when chunks cut them apart', async () => {
    const text = 'a€b😀c漢字\r\nJosé';
    expect(await decode(text, 1)).toEqual({ text, encoding: 'utf-8' });
    expect(await decode(text, 3)).toEqual({ text, encoding: 'utf-8' });
  });

  it('decodes the whole file as Windows-1252 when invalid UTF-8 comes after valid UTF-8', async () => {
    // "Ã©" in Windows-1252 is the bytes C3 A9, which are also UTF-8 for "é": only the byte
    // further on shows the file is not UTF-8, and the first name must be read the same way.
    const bytes = new Uint8Array([
      ...cp1252('A'.repeat(70_000)),
      0xc3,
      0xa9,
      ...cp1252(',x'.repeat(40_000)),
      0xe9,
    ]);
    const { text, encoding } = await decode(bytes);
    expect(encoding).toBe('windows-1252');
    expect(text.slice(70_000, 70_002)).toBe('Ã©');
    expect(text.endsWith('xé')).toBe(true);
  });

  it('reads the source again only when it meets non-ASCII bytes without a mark', async () => {
    const ascii = countingSource(bytesSource('a,b\r\n'.repeat(50_000)));
    for await (const _ of decodeText(ascii.source).chunks);
    expect(ascii.reads()).toBe(1);
    const accented = countingSource(bytesSource(`${'a,b\r\n'.repeat(50_000)}José`));
    for await (const _ of decodeText(accented.source).chunks);
    expect(accented.reads()).toBe(2);
    const marked = countingSource(bytesSource('\ufeffJosé'));
    for await (const _ of decodeText(marked.source).chunks);
    expect(marked.reads()).toBe(1);
  });

  it('reads files shorter than a byte-order mark', async () => {
    expect(await decode('')).toEqual({ text: '', encoding: 'utf-8' });
    expect(await decode('a')).toEqual({ text: 'a', encoding: 'utf-8' });
    expect(await decode('é')).toEqual({ text: 'é', encoding: 'utf-8' });
    expect(await decode(new Uint8Array([0xe9]))).toEqual({ text: 'é', encoding: 'windows-1252' });
    expect(await decode(new Uint8Array([0xff, 0xfe]))).toEqual({ text: '', encoding: 'utf-16le' });
  });
});

describe('incompleteUtf8Tail', () => {
  it('counts the bytes of a sequence the next chunk completes', () => {
    const euro = [0xe2, 0x82, 0xac];
    expect(incompleteUtf8Tail(new Uint8Array([0x61, ...euro]))).toBe(0);
    expect(incompleteUtf8Tail(new Uint8Array([0x61, 0xe2, 0x82]))).toBe(2);
    expect(incompleteUtf8Tail(new Uint8Array([0x61, 0xe2]))).toBe(1);
    expect(incompleteUtf8Tail(new Uint8Array([0xf0, 0x9f, 0x98]))).toBe(3);
    expect(incompleteUtf8Tail(new Uint8Array([]))).toBe(0);
  });
});
