import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvParser, readCsvRecords } from './csvParser.js';

function parseAll(text: string, chunkSize = text.length || 1): string[][] {
  const parser = new CsvParser();
  const records: string[][] = [];
  for (let i = 0; i < text.length; i += chunkSize) {
    records.push(...parser.push(text.slice(i, i + chunkSize)));
  }
  records.push(...parser.end());
  return records;
}

function serialise(records: string[][], eol: string): string {
  const cell = (c: string) => (/[",\r\n]/.test(c) || c === '' ? `"${c.replace(/"/g, '""')}"` : c);
  return records.map((r) => r.map(cell).join(',') + eol).join('');
}

describe('CsvParser', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    const text = 'a,b,c\r\n"x, y","say ""hi""","two\r\nlines"\r\n';
    expect(parseAll(text)).toEqual([
      ['a', 'b', 'c'],
      ['x, y', 'say "hi"', 'two\r\nlines'],
    ]);
  });

  it('drops a byte-order mark and accepts LF, CRLF and CR line ends', () => {
    expect(parseAll('\uFEFFa,b\nc,d\r\ne,f\rg,h')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'f'],
      ['g', 'h'],
    ]);
  });

  it('keeps empty fields, including a trailing one, and reads blank lines as one empty cell', () => {
    expect(parseAll('a,,c,\n\n,\n')).toEqual([['a', '', 'c', ''], [''], ['', '']]);
  });

  it('gives the same records whatever the chunk boundaries (CRLF split, quotes split)', () => {
    const text = '\uFEFFid,name\r\n1,"A ""quoted"", name"\r\n2,plain\r\n';
    const whole = parseAll(text);
    for (let size = 1; size <= text.length; size++) expect(parseAll(text, size)).toEqual(whole);
  });

  it('round-trips any records in any chunking', () => {
    const cellText = fc.string({ unit: fc.constantFrom('a', 'é', ',', '"', '\n', '\r', ' ', '1') });
    const records = fc.array(fc.array(cellText, { minLength: 2, maxLength: 4 }), { maxLength: 6 });
    fc.assert(
      fc.property(
        records,
        fc.constantFrom('\n', '\r\n'),
        fc.integer({ min: 1, max: 7 }),
        (rs, eol, size) => {
          expect(parseAll(serialise(rs, eol), size)).toEqual(rs);
        },
      ),
    );
  });

  it('refuses a quoted field that is never closed, naming the record', () => {
    expect(() => parseAll('a,b\n1,"open\n')).toThrow(/record 2: a quoted field is never closed/);
  });

  it('refuses text after a closing quote', () => {
    expect(() => parseAll('a\n"x"y\n')).toThrow(/record 2: unexpected "y" after a closing quote/);
  });

  it('reads from an async source', async () => {
    async function* chunks() {
      yield 'a,b\n1,';
      yield '2\n';
    }
    const records: string[][] = [];
    for await (const r of readCsvRecords(chunks())) records.push(r);
    expect(records).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });
});
