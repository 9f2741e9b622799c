import { describe, expect, it } from 'vitest';
import { CellType, columnAt, readCellTag, rowNumberAt, type CellTag } from './cellTag.js';

function tagOf(text: string): CellTag {
  const tag: CellTag = { column: 0, type: CellType.Text };
  readCellTag(text, 0, text.length, tag);
  return tag;
}

describe('cellTag', () => {
  it('turns references into 0-based columns, past Z and up to XFD', () => {
    const at = (reference: string): number => columnAt(reference, 0, reference.length);
    expect([at('A1'), at('Z9'), at('AA10'), at('AB1'), at('ZZ1'), at('XFD1'), at('xfd1')]).toEqual([
      0, 25, 26, 27, 701, 16383, 16383,
    ]);
    expect(at('12')).toBe(-1);
  });

  it('reads r and t in any order and quoting, ignoring other attributes', () => {
    expect(tagOf(` r="AB12" s="3" t="s"`)).toEqual({ column: 27, type: CellType.Shared });
    expect(tagOf(` t='inlineStr'\n r='C3' cm="1"`)).toEqual({
      column: 2,
      type: CellType.InlineString,
    });
    expect(tagOf(` s="1" vm="2" /`)).toEqual({ column: -1, type: CellType.Number });
    expect(tagOf(` r="D4" t="b"`).type).toBe(CellType.Boolean);
    expect(tagOf(` r="D4" t="str"`).type).toBe(CellType.Text);
    expect(tagOf(` r="D4" t="n"`).type).toBe(CellType.Number);
  });

  it('reads the number of a row, 0 when it has none', () => {
    const at = (tag: string): number => rowNumberAt(tag, 0, tag.length);
    expect([
      at(' r="12" spans="1:14"'),
      at(" spans='1:3' r='7'"),
      at(' spans="1:3"'),
      at(' r="x"'),
    ]).toEqual([12, 7, 0, 0]);
  });
});
