/**
 * Finds the elements of one name (`<row>`, `<si>`) in XML text that arrives in pieces, handing
 * each complete one to a callback. An element cut by the end of a piece is carried over to the
 * next; the search for its end resumes where it stopped, so a long element is not rescanned.
 */

import { isNameEnd } from './xml.js';

const MAX_ROOT_SEARCH = 1 << 20;

/**
 * The namespace prefix of the document's root element (`''` for `<worksheet>`, `'x:'` for
 * `<x:worksheet>`), or null when `text` does not reach it yet.
 */
export function rootPrefix(text: string, root: string): string | null {
  const match = new RegExp(`<([A-Za-z_][\\w.-]*:)?${root}[\\s>/]`).exec(text);
  if (match !== null) return match[1] ?? '';
  if (text.length > MAX_ROOT_SEARCH) throw new Error(`no <${root}> element`);
  return null;
}

/** Called with the text, where the start tag begins and ends (at its `>`), and where the
 * element's content ends (at `</name>`); `contentEnd` is -1 for an empty `<name/>`. */
export type OnElement = (
  text: string,
  tagStart: number,
  tagEnd: number,
  contentEnd: number,
) => void;

export class ElementScanner {
  private readonly open: string;
  private readonly close: string;
  private carry = '';
  private resumeAt = 0;

  constructor(
    qualifiedName: string,
    private readonly maxElementChars: number,
    private readonly tooLong: () => Error,
  ) {
    this.open = `<${qualifiedName}`;
    this.close = `</${qualifiedName}>`;
  }

  push(piece: string, onElement: OnElement): void {
    const text = this.carry.length > 0 ? this.carry + piece : piece;
    const { open, close } = this;
    let pos = 0;
    for (;;) {
      const start = text.indexOf(open, pos);
      if (start < 0) {
        // Keep what may be the beginning of a start tag cut by the end of the piece.
        this.carry = text.slice(Math.max(pos, text.length - open.length));
        this.resumeAt = 0;
        return;
      }
      if (start + open.length >= text.length) return this.keep(text, start, 0);
      if (!isNameEnd(text.charCodeAt(start + open.length))) {
        pos = start + open.length; // another element whose name begins the same, like <rowBreaks>
        continue;
      }
      const tagEnd = text.indexOf('>', start);
      if (tagEnd < 0) return this.keep(text, start, 0);
      if (text.charCodeAt(tagEnd - 1) === 47 /* / */) {
        onElement(text, start, tagEnd, -1);
        pos = tagEnd + 1;
        continue;
      }
      const from = start === 0 ? Math.max(tagEnd, this.resumeAt) : tagEnd;
      const contentEnd = text.indexOf(close, from);
      if (contentEnd < 0)
        return this.keep(text, start, Math.max(0, text.length - start - close.length));
      onElement(text, start, tagEnd, contentEnd);
      pos = contentEnd + close.length;
      this.resumeAt = 0;
    }
  }

  /** Whether the text pushed so far ended inside an element. */
  get inElement(): boolean {
    return this.carry.startsWith(this.open) && this.carry.length > this.open.length;
  }

  private keep(text: string, start: number, resumeAt: number): void {
    this.carry = text.slice(start);
    this.resumeAt = resumeAt;
    if (this.carry.length > this.maxElementChars) throw this.tooLong();
  }
}
