/**
 * Reads a cell's start tag (`<c r="AB12" s="3" t="s">`): where the cell goes and what kind of
 * value it holds. This runs for every cell of a sheet, so it reads characters in place rather
 * than building strings.
 */

export const CellType = {
  Number: 0,
  Shared: 1,
  InlineString: 2,
  Boolean: 3,
  /** A formula's text (`str`), an error such as #N/A (`e`), an ISO date (`d`). */
  Text: 4,
} as const;
export type CellType = (typeof CellType)[keyof typeof CellType];

export interface CellTag {
  /** 0-based; -1 when the tag has no reference, meaning the column after the previous cell. */
  column: number;
  type: CellType;
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

/** The type that a `t` attribute's value, text[from, to), gives a cell. */
function typeAt(text: string, from: number, to: number): CellType {
  const first = text.charCodeAt(from);
  if (to - from === 1) {
    if (first === 115 /* s */) return CellType.Shared;
    if (first === 110 /* n */) return CellType.Number;
    if (first === 98 /* b */) return CellType.Boolean;
    return CellType.Text;
  }
  return to - from === 9 && first === 105 /* inlineStr */ ? CellType.InlineString : CellType.Text;
}

/** Reads the `r` and `t` attributes of the start tag whose attributes are text[from, to). */
export function readCellTag(text: string, from: number, to: number, tag: CellTag): void {
  tag.column = -1;
  tag.type = CellType.Number;
  let i = from;
  while (i < to) {
    const code = text.charCodeAt(i);
    if (code === 32 || code === 9 || code === 10 || code === 13 || code === 47) {
      i++;
      continue;
    }
    const nameStart = i;
    while (i < to && text.charCodeAt(i) !== 61 /* = */) i++;
    const valueStart = i + 2; // after =" or ='
    const valueEnd = text.indexOf(text.charCodeAt(i + 1) === 39 ? "'" : '"', valueStart);
    if (valueEnd < 0 || valueEnd > to) return;
    if (i - nameStart === 1) {
      const name = text.charCodeAt(nameStart);
      if (name === 114 /* r */) tag.column = columnAt(text, valueStart, valueEnd);
      else if (name === 116 /* t */) tag.type = typeAt(text, valueStart, valueEnd);
    }
    i = valueEnd + 1;
  }
}

/** The `r` attribute of a row's start tag, whose attributes are text[from, to); 0 if none. */
export function rowNumberAt(text: string, from: number, to: number): number {
  let i = from;
  while (i < to) {
    const code = text.charCodeAt(i);
    if (code === 32 || code === 9 || code === 10 || code === 13 || code === 47) {
      i++;
      continue;
    }
    const nameStart = i;
    while (i < to && text.charCodeAt(i) !== 61 /* = */) i++;
    const valueStart = i + 2;
    const valueEnd = text.indexOf(text.charCodeAt(i + 1) === 39 ? "'" : '"', valueStart);
    if (valueEnd < 0 || valueEnd > to) return 0;
    if (i - nameStart === 1 && text.charCodeAt(nameStart) === 114 /* r */) {
      let row = 0;
      for (let j = valueStart; j < valueEnd; j++) {
        const digit = text.charCodeAt(j) - 48;
        if (digit < 0 || digit > 9) return 0;
        row = row * 10 + digit;
      }
      return Number.isSafeInteger(row) ? row : 0;
    }
    i = valueEnd + 1;
  }
  return 0;
}
