/**
 * Decodes the bytes of a text file as a stream of strings, choosing the encoding a spreadsheet
 * program most likely wrote: the byte-order mark's (UTF-8, UTF-16 LE/BE); otherwise UTF-8 when
 * the whole file is valid UTF-8, else Windows-1252.
 *
 * "The whole file" matters: a UTF-8 file whose first accented letter is far down, or a
 * Windows-1252 file whose first few accents happen to be valid UTF-8, must still be decoded one
 * way throughout. While the bytes are ASCII the two encodings agree, so text flows without a
 * decision; at the first non-ASCII chunk the rest of the file is checked (a second pass over the
 * source, only validating, no strings built) before any non-ASCII text is handed out. Records
 * already read therefore never need to be read again.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';
import type { ByteSource } from './types.js';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedText {
  /** Known once the first non-ASCII byte has been seen; `utf-8` until then (ASCII is both). */
  encoding(): TextEncodingName;
  chunks: AsyncGenerator<string, void, undefined>;
}

function bomOf(bytes: Uint8Array): { encoding: TextEncodingName; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { encoding: 'utf-8', length: 3 };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/** How many bytes at the end of `bytes` start a UTF-8 sequence that the next chunk completes. */
export function incompleteUtf8Tail(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const byte = bytes[n - back] as number;
    if ((byte & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return needed > back ? back : 0;
  }
  return 0;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}

/** Whether the bytes of the source from `offset` to its end are valid UTF-8. */
export async function isUtf8From(source: ByteSource, offset: number): Promise<boolean> {
  let position = 0;
  let carry: Uint8Array = new Uint8Array(0);
  for await (const chunk of source()) {
    const start = Math.max(0, offset - position);
    position += chunk.length;
    if (start >= chunk.length) continue;
    const bytes = concat(carry, start > 0 ? chunk.subarray(start) : chunk);
    const tail = incompleteUtf8Tail(bytes);
    if (!isUtf8(bytes.subarray(0, bytes.length - tail))) return false;
    carry = bytes.slice(bytes.length - tail);
  }
  return carry.length === 0;
}

interface StreamDecoder {
  decode(chunk: Uint8Array, options?: { stream: boolean }): string;
}

/**
 * UTF-8 through Buffer#toString rather than TextDecoder: its strings are one byte per character
 * when the text is Latin-1 (as almost every report is), where a streaming TextDecoder builds two
 * bytes per character, and every cell sliced from the text keeps that size. A sequence split
 * over two chunks waits for the next one, as TextDecoder's streaming does.
 */
function utf8Decoder(): StreamDecoder {
  let carry: Uint8Array = new Uint8Array(0);
  return {
    decode(chunk, options) {
      const bytes = concat(carry, chunk);
      const tail = options?.stream === true ? incompleteUtf8Tail(bytes) : 0;
      carry = bytes.slice(bytes.length - tail);
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length - tail).toString('utf8');
    },
  };
}

function decoderFor(encoding: TextEncodingName): StreamDecoder {
  // Mid-file, a U+FEFF is a character, not a byte-order mark to drop.
  return encoding === 'utf-8' ? utf8Decoder() : new TextDecoder(encoding, { ignoreBOM: true });
}

/** ASCII reads alike in every candidate encoding; latin1 is the cheapest way to a string. */
const asciiText = (bytes: Uint8Array) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');

async function* chunksOf(
  source: ByteSource,
  state: { encoding: TextEncodingName },
): AsyncGenerator<string, void, undefined> {
  let decoder: StreamDecoder | null = null;
  let head: Uint8Array = new Uint8Array(0);
  let position = 0; // bytes of the file before the current chunk
  for await (const raw of source()) {
    let chunk: Uint8Array = raw;
    if (decoder === null && position === 0) {
      // The byte-order mark can be split over the first chunks.
      head = concat(head, chunk);
      if (head.length < 3) continue;
      chunk = head;
      const bom = bomOf(head);
      if (bom !== null) {
        state.encoding = bom.encoding;
        decoder = decoderFor(bom.encoding);
        position += bom.length;
        chunk = head.subarray(bom.length);
      }
    }
    if (decoder === null && !isAscii(chunk)) {
      const utf8 = isUtf8(chunk.subarray(0, chunk.length - incompleteUtf8Tail(chunk)))
        ? await isUtf8From(source, position)
        : false;
      state.encoding = utf8 ? 'utf-8' : 'windows-1252';
      decoder = decoderFor(state.encoding);
    }
    position += chunk.length;
    // Before any decision the bytes are ASCII, which every candidate encoding reads alike.
    const text = decoder === null ? asciiText(chunk) : decoder.decode(chunk, { stream: true });
    if (text.length > 0) yield text;
  }
  if (decoder === null && head.length > 0 && position === 0) {
    // A file of fewer than three bytes.
    const bom = bomOf(head);
    state.encoding = bom?.encoding ?? (isUtf8(head) ? 'utf-8' : 'windows-1252');
    const text = new TextDecoder(state.encoding).decode(head);
    if (text.length > 0) yield text;
    return;
  }
  const rest = decoder?.decode(new Uint8Array(0)) ?? '';
  if (rest.length > 0) yield rest;
}

/** The text of a file, decoded as it streams. */
export function decodeText(source: ByteSource): DecodedText {
  const state: { encoding: TextEncodingName } = { encoding: 'utf-8' };
  return { encoding: () => state.encoding, chunks: chunksOf(source, state) };
}
