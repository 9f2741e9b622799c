/**
 * Reads the rows of a worksheet part as its XML streams in. Each `<row>` becomes an array of
 * cell texts placed by column (cells a sheet leaves out are empty), with values rendered as a
 * spreadsheet shows them: shared and inline strings, numbers (numberText.ts), TRUE/FALSE,
 * error codes such as #N/A, and the cached text of formulas.
 */
import { RowError, sizeText } from '../unreadable.js';
import { ElementScanner, rootPrefix } from './elements.js';
import { numberText } from './numberText.js';
import { CellType, readCellTag, rowNumberAt, type CellTag } from './cellTag.js';
import { decodeCellText, inlineStringText, isNameEnd } from './xml.js';

/** Excel's widest sheet ends at column XFD. */
export const MAX_SHEET_COLUMNS = 16_384;
/** A full-width row of long inline strings fits; a runaway one does not. */
const MAX_ROW_CHARS = 32 << 20;
/**
 * A row is as wide as its last value's column, the columns it skips being empty cells. Skipped
 * columns cost memory but no XML, so a tiny `<c r="XFD2">` row would stand for 16,384 cells: a row
 * may be wider than this only as far as its XML is long, which keeps the cells a sheet yields in
 * proportion to its size.
 */
const FREE_ROW_WIDTH = 64;

/** `XFD` for the 0-based column 16383. */
function columnName(column: number): string {
  let name = '';
  for (let n = column + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  }
  return name;
}

export class SheetParser {
  private scanner: ElementScanner | null = null;
  private head = '';
  private cellOpen = '<c';
  private cellClose = '</c>';
  private valueOpen = '<v';
  private valueClose = '</v>';
  private rowNumber = 0;
  private rowOpenLength = '<row'.length;
  private rows: string[][] = [];
  private readonly tag: CellTag = { column: -1, type: CellType.Number };
  /** Whether the sheet's elements have no namespace prefix, as nearly all sheets: see simpleCell. */
  private unprefixed = true;
  private simpleValue = '';
  /** The text of the values read so far; see maxTextChars. */
  private textChars = 0;

  /**
   * `maxTextChars` caps the text of all the sheet's values together. Inline text costs XML of
   * its own length, but a shared string costs only its index each time it is used, so without
   * this cap a small file could stand for terabytes of cells for the import to store.
   */
  constructor(
    private readonly sharedStrings: readonly string[],
    private readonly damaged: (why: string) => Error,
    private readonly maxTextChars = 1 << 30,
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
      this.rowOpenLength = `<${prefix}row`.length;
      this.unprefixed = prefix === '';
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
    const declared = rowNumberAt(text, tagStart + this.rowOpenLength, tagEnd);
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
      readCellTag(text, pos, tagEnd, this.tag);
      column = this.tag.column >= 0 ? this.tag.column : column + 1;
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
      let value: string;
      const simpleEnd = this.unprefixed ? this.simpleCell(text, tagEnd + 1, to) : -1;
      if (simpleEnd >= 0) {
        value = this.simpleValue;
        pos = simpleEnd;
      } else {
        const contentEnd = text.indexOf(this.cellClose, tagEnd);
        if (contentEnd < 0 || contentEnd > to) {
          throw this.damaged(`a cell of row ${this.rowNumber} is not closed`);
        }
        value = this.value(text, tagEnd + 1, contentEnd, this.tag.type);
        pos = contentEnd + this.cellClose.length;
      }
      if (value.length === 0) continue;
      this.textChars += value.length;
      if (this.textChars > this.maxTextChars) {
        throw new RowError(
          `the sheet's values up to this row hold more than ${sizeText(this.maxTextChars)} of text, ` +
            'more than rewardbook reads; split the sheet into smaller files',
          { kind: 'row', number: this.rowNumber },
        );
      }
      if (column >= FREE_ROW_WIDTH && column >= to - from) {
        throw new RowError(
          `a value in column ${columnName(column)} lies far to the right of the rest of its row, ` +
            'with empty columns between; delete what lies to the right of the report',
          { kind: 'row', number: this.rowNumber },
        );
      }
      while (cells.length < column) cells.push('');
      cells[column] = value;
    }
  }

  /**
   * Reads the two shapes nearly every cell has, `<v>…</v></c>` and `<is><t>…</t></is></c>`,
   * in place; returns where the cell ends, or -1 for any other shape (then parsed in full).
   */
  private simpleCell(text: string, from: number, to: number): number {
    if (text.charCodeAt(from) !== 60 /* < */) return -1;
    const type = this.tag.type;
    if (type !== CellType.InlineString && text.startsWith('<v>', from)) {
      const lt = text.indexOf('<', from + 3);
      if (lt < 0 || lt >= to || !text.startsWith('</v></c>', lt)) return -1;
      this.simpleValue = this.typed(text.slice(from + 3, lt), type);
      return lt + 8;
    }
    if (type === CellType.InlineString && text.startsWith('<is><t>', from)) {
      const lt = text.indexOf('<', from + 7);
      if (lt < 0 || lt >= to || !text.startsWith('</t></is></c>', lt)) return -1;
      this.simpleValue = decodeCellText(text.slice(from + 7, lt));
      return lt + 13;
    }
    return -1;
  }

  private value(text: string, from: number, to: number, type: CellType): string {
    if (type === CellType.InlineString) return inlineStringText(text, from, to);
    const open = text.indexOf(this.valueOpen, from);
    if (open < 0 || open >= to || !isNameEnd(text.charCodeAt(open + this.valueOpen.length))) {
      return '';
    }
    const gt = text.indexOf('>', open);
    if (text.charCodeAt(gt - 1) === 47) return '';
    const close = text.indexOf(this.valueClose, gt);
    if (close < 0 || close > to) return '';
    return this.typed(text.slice(gt + 1, close), type);
  }

  /** The text of a cell whose stored value (`<v>`) is `stored`. */
  private typed(stored: string, type: CellType): string {
    if (stored.length === 0) return stored;
    switch (type) {
      case CellType.Number:
        return numberText(stored);
      case CellType.Shared:
        return this.sharedStrings[Number(stored)] ?? '';
      case CellType.Boolean:
        return stored === '1' ? 'TRUE' : stored === '0' ? 'FALSE' : stored;
      default: // str (a formula's text), e (an error such as #N/A), d (an ISO date)
        return decodeCellText(stored);
    }
  }
}
