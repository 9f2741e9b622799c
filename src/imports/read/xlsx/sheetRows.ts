/**
 * Reads the rows of a worksheet part as its XML streams in. Each `<row>` becomes an array of
 * cell texts placed by column (cells a sheet leaves out are empty), with values rendered as a
 * spreadsheet shows them: shared and inline strings, numbers (numberText.ts), TRUE/FALSE,
 * error codes such as #N/A, and the cached text of formulas.
 */
import { RowError } from '../unreadable.js';
import { ElementScanner, rootPrefix } from './elements.js';
import { numberText } from './numberText.js';
import { attribute, decodeCellText, runText } from './xml.js';

/** Excel's widest sheet ends at column XFD. */
export const MAX_SHEET_COLUMNS = 16_384;
/** A full-width row of long inline strings fits; a runaway one does not. */
const MAX_ROW_CHARS = 32 << 20;

function isNameEnd(code: number): boolean {
  return code === 32 || code === 62 || code === 47 || code === 9 || code === 10 || code === 13;
}

const enum CellType {
  Number,
  Shared,
  InlineString,
  Boolean,
  Text,
}

/** The 0-based column of the cell reference (such as `AB12`) in text[from, to); -1 if none. */
export function columnAt(text: string, from: number, to: number): number {
  let column = 0;
  let i = from;
  for (; i < to; i++) {
    const code = text.charCodeAt(i) & ~32; // upper case
    if (code < 65 || code > 90) break;
    column = column * 26 + (code - 64);
  }
  return i === from ? -1 : column - 1;
}

/** The type a `t` attribute value in text[from, to) gives a cell. */
function cellTypeAt(text: string, from: number, to: number): CellType {
  const first = text.charCodeAt(from);
  if (to - from === 1) {
    if (first === 115 /* s */) return CellType.Shared;
    if (first === 110 /* n */) return CellType.Number;
    if (first === 98 /* b */) return CellType.Boolean;
    return CellType.Text; // e, d
  }
  return to - from === 9 && first === 105 /* inlineStr */ ? CellType.InlineString : CellType.Text;
}

const INLINE_START = '<is><t';
const INLINE_END = '</t></is>';

/** The text of an inline string cell's content text[from, to). */
function inlineText(text: string, from: number, to: number): string {
  // The usual shape, <is><t>text</t></is>, read in place; anything richer is parsed.
  if (
    text.startsWith(INLINE_START, from) &&
    isNameEnd(text.charCodeAt(from + INLINE_START.length))
  ) {
    const gt = text.indexOf('>', from + INLINE_START.length);
    const lt = text.indexOf('<', gt);
    if (
      lt + INLINE_END.length === to &&
      text.startsWith(INLINE_END, lt) &&
      text.charCodeAt(gt - 1) !== 47
    ) {
      return decodeCellText(text.slice(gt + 1, lt));
    }
  }
  return runText(text.slice(from, to));
}

export class SheetParser {
  private scanner: ElementScanner | null = null;
  private head = '';
  private cellOpen = '<c';
  private cellClose = '</c>';
  private valueOpen = '<v';
  private valueClose = '</v>';
  private rowNumber = 0;
  private rows: string[][] = [];
  private tagColumn = -1;
  private tagType = CellType.Number;

  constructor(
    private readonly sharedStrings: readonly string[],
    private readonly damaged: (why: string) => Error,
  ) {}

  /** Parses a piece of the sheet's text; returns the rows it completed. */
  push(piece: string): string[][] {
    if (this.scanner === null) {
      this.head += piece;
      let prefix: string | null;
      try {
        prefix = rootPrefix(this.head, 'worksheet');
      } catch {
        throw this.damaged('its sheet has no <worksheet> element');
      }
      if (prefix === null) return [];
      this.cellOpen = `<${prefix}c`;
      this.cellClose = `</${prefix}c>`;
      this.valueOpen = `<${prefix}v`;
      this.valueClose = `</${prefix}v>`;
      this.scanner = new ElementScanner(`${prefix}row`, MAX_ROW_CHARS, () => {
        return new RowError('the row is longer than 32 MB of XML', {
          kind: 'row',
          number: this.rowNumber + 1,
        });
      });
      piece = this.head;
      this.head = '';
    }
    this.scanner.push(piece, this.onRow);
    return this.takeRows();
  }

  /** The rows completed so far; after push throws, those before the bad one. */
  takeRows(): string[][] {
    const rows = this.rows;
    this.rows = [];
    return rows;
  }

  private readonly onRow = (
    text: string,
    tagStart: number,
    tagEnd: number,
    contentEnd: number,
  ): void => {
    const declared = Number(attribute(text.slice(tagStart, tagEnd), 'r'));
    this.rowNumber = declared > 0 ? declared : this.rowNumber + 1;
    if (contentEnd < 0) return; // <row/>: nothing in it
    const cells = this.cells(text, tagEnd + 1, contentEnd);
    if (cells.length > 0) this.rows.push(cells);
  };

  private cells(text: string, from: number, to: number): string[] {
    const cells: string[] = [];
    let column = -1;
    let pos = from;
    for (;;) {
      const start = text.indexOf(this.cellOpen, pos);
      if (start < 0 || start >= to) return cells;
      pos = start + this.cellOpen.length;
      if (!isNameEnd(text.charCodeAt(pos))) continue;
      const tagEnd = text.indexOf('>', pos);
      if (tagEnd < 0 || tagEnd > to) throw this.damaged(`a cell of row ${this.rowNumber} is cut`);
      this.readCellTag(text, pos, tagEnd);
      column = this.tagColumn >= 0 ? this.tagColumn : column + 1;
      if (column >= MAX_SHEET_COLUMNS) {
        throw new RowError(`a cell lies beyond column XFD, the last a sheet has`, {
          kind: 'row',
          number: this.rowNumber,
        });
      }
      if (text.charCodeAt(tagEnd - 1) === 47 /* <c/> */) {
        pos = tagEnd + 1;
        continue;
      }
      const contentEnd = text.indexOf(this.cellClose, tagEnd);
      if (contentEnd < 0 || contentEnd > to) {
        throw this.damaged(`a cell of row ${this.rowNumber} is not closed`);
      }
      const value = this.value(text, tagEnd + 1, contentEnd, this.tagType);
      pos = contentEnd + this.cellClose.length;
      if (value.length === 0) continue;
      while (cells.length < column) cells.push('');
      cells[column] = value;
    }
  }

  /**
   * Reads the `r` and `t` attributes of a cell's start tag into tagColumn and tagType, without
   * building a string: this runs for every cell of the sheet.
   */
  private readCellTag(text: string, from: number, to: number): void {
    this.tagColumn = -1;
    this.tagType = CellType.Number;
    let i = from;
    while (i < to) {
      const code = text.charCodeAt(i);
      if (code === 32 || code === 9 || code === 10 || code === 13 || code === 47) {
        i++;
        continue;
      }
      const nameStart = i;
      while (i < to && text.charCodeAt(i) !== 61 /* = */) i++;
      const quote = text.charCodeAt(i + 1);
      const valueStart = i + 2;
      const valueEnd = text.indexOf(quote === 39 ? "'" : '"', valueStart);
      if (valueEnd < 0 || valueEnd > to) return;
      if (i - nameStart === 1) {
        const name = text.charCodeAt(nameStart);
        if (name === 114 /* r */) this.tagColumn = columnAt(text, valueStart, valueEnd);
        else if (name === 116 /* t */) this.tagType = cellTypeAt(text, valueStart, valueEnd);
      }
      i = valueEnd + 1;
    }
  }

  private value(text: string, from: number, to: number, type: CellType): string {
    if (type === CellType.InlineString) return inlineText(text, from, to);
    const open = text.indexOf(this.valueOpen, from);
    if (open < 0 || open >= to || !isNameEnd(text.charCodeAt(open + this.valueOpen.length))) {
      return '';
    }
    const gt = text.indexOf('>', open);
    if (text.charCodeAt(gt - 1) === 47) return '';
    const stored = text.slice(gt + 1, text.indexOf(this.valueClose, gt));
    switch (type) {
      case CellType.Number:
        return numberText(stored);
      case CellType.Shared:
        return this.sharedStrings[Number(stored)] ?? '';
      case CellType.Boolean:
        return stored === '1' ? 'TRUE' : stored === '0' ? 'FALSE' : stored;
      default: // str (a formula's text), e (an error such as #N/A), d (an ISO date) (a formula's text), 'e' (an error such as #N/A), 'd' (an ISO date)
        return decodeCellText(stored);
    }
  }
}
