/**
 * The shared strings table (xl/sharedStrings.xml): the text of every string cell that refers to
 * it by index. It is parsed as it streams in, but the table itself is kept whole in memory, as
 * any sheet reader must: a cell can refer to any entry. Its unpacked size is capped (see
 * XLSX_LIMITS), which bounds that memory.
 */
import { TextDecoder } from 'node:util';
import { ElementScanner, rootPrefix } from './elements.js';
import { runText } from './xml.js';

/** Excel holds at most 32,767 characters in a cell; this leaves room for rich-text markup. */
const MAX_ITEM_CHARS = 1 << 20;

export class SharedStringsParser {
  readonly strings: string[] = [];
  private head = '';
  private scanner: ElementScanner | null = null;
  private readonly decoder = new TextDecoder('utf-8');

  constructor(private readonly damaged: (why: string) => Error) {}

  push(bytes: Uint8Array): void {
    this.parse(this.decoder.decode(bytes, { stream: true }));
  }

  finish(): string[] {
    this.parse(this.decoder.decode());
    return this.strings;
  }

  private parse(piece: string): void {
    if (this.scanner === null) {
      this.head += piece;
      let prefix: string | null;
      try {
        prefix = rootPrefix(this.head, 'sst');
      } catch {
        throw this.damaged('its shared strings have no <sst> element');
      }
      if (prefix === null) return;
      this.scanner = new ElementScanner(`${prefix}si`, MAX_ITEM_CHARS, () =>
        this.damaged('a shared string is longer than 1 MB'),
      );
      piece = this.head;
      this.head = '';
    }
    this.scanner.push(piece, (text, _start, tagEnd, contentEnd) => {
      this.strings.push(contentEnd < 0 ? '' : runText(text.slice(tagEnd + 1, contentEnd)));
    });
  }
}
