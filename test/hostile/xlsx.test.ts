/**
 * The .xlsx reader on damaged and hostile workbooks: random mutations of valid files, zip bombs
 * (built by streaming, never held unpacked), and sheets whose few bytes stand for a great many
 * cells or a great deal of text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../src/imports/read/testSources.js';
import {
  simpleWorkbook,
  zipParts,
  zipStreaming,
} from '../../src/imports/read/xlsx/testWorkbooks.js';
import { IMPORT_HEADER } from './generators.js';
import { cellsOf, readOutcome, refusalOf } from './readOutcome.js';
import { bombWorkbook, headerRowXml } from './workbooks.js';

const rows = `${headerRowXml()}<row r="2"><c r="A2"><v>1.5E+3</v></c><c r="B2" t="s"><v>0</v></c><c r="C2" t="b"><v>1</v></c><c r="E2" t="str"><f>A1</f><v>&amp;&#x41;_x000D_</v></c></row>`;
const shared = ['<r><t xml:space="preserve">x </t></r><r><t>y</t></r><rPh><t>z</t></rPh>'];
const parts = simpleWorkbook(rows, shared);
const VALID = [
  fixture('spreadsheet/libreoffice-saved.xlsx'),
  zipParts(parts),
  zipParts(parts, 0),
  zipStreaming(parts),
];
const XML_BYTES = '<>"\'/&;=#x0123456789 rtsvcis:'.split('');

describe('.xlsx reader on damaged files', () => {
  it('reads the valid workbooks these mutations start from', async () => {
    for (const bytes of VALID) expect(cellsOf(await readOutcome(bytes)).length).toBeGreaterThan(0);
  });

  it('reads or refuses a workbook with bytes flipped and cut, never crashes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...VALID),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.option(fc.nat()),
        fc.integer({ min: 1, max: 70_000 }),
        async (valid, flips, cut, chunkSize) => {
          const bytes = valid.slice();
          for (const [at, value] of flips) bytes[at % bytes.length] = value;
          await readOutcome(
            cut === null ? bytes : bytes.subarray(0, cut % bytes.length),
            chunkSize,
          );
        },
      ),
      { numRuns: 400 },
    );
  });

  it('reads or refuses a workbook whose XML is garbled, stored or deflated', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(parts)),
        fc.array(fc.tuple(fc.nat(), fc.oneof(fc.constantFrom(...XML_BYTES), fc.string())), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.option(fc.nat()),
        fc.constantFrom(0 as const, 6 as const),
        async (name, edits, cut, level) => {
          let xml = parts[name] as string;
          for (const [at, text] of edits) {
            const i = at % xml.length;
            xml = xml.slice(0, i) + text + xml.slice(i + 1);
          }
          if (cut !== null) xml = xml.slice(0, cut % xml.length);
          await readOutcome(zipParts({ ...parts, [name]: xml }, level), 97);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads deeply nested rich text and many empty shared strings without recursion', async () => {
    const nested = `${'<r>'.repeat(100_000)}<t>deep</t>${'</r>'.repeat(100_000)}`;
    const many = [nested, ...Array<string>(200_000).fill('')];
    const sheet = `${headerRowXml()}<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>199999</v></c><c r="C2" t="s"><v>9999999</v></c></row>`;
    const cells = cellsOf(await readOutcome(zipParts(simpleWorkbook(sheet, many))));
    expect(cells).toEqual([['deep', '', '', '', '']]);
  });
});

describe('.xlsx reader on zip bombs', () => {
  const GB = 2 ** 30;

  it('refuses a 2 MB workbook whose sheet unpacks to 2 GB before unpacking any of it', async () => {
    const bomb = await bombWorkbook('xl/worksheets/sheet1.xml', 2 * GB);
    expect(bomb.length).toBeLessThan(3 << 20);
    expect(refusalOf(await readOutcome(bomb))).toMatch(
      /^The \.xlsx file's part xl\/worksheets\/sheet1\.xml would unpack from .* to 2048 MB, more than rewardbook reads .*; it may be a zip bomb/,
    );
  });

  it.each(['xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml', 'xl/workbook.xml'])(
    'stops unpacking %s as soon as it yields more than its directory declares',
    async (part) => {
      const bomb = await bombWorkbook(part, 256 << 20, 1 << 20);
      expect(refusalOf(await readOutcome(bomb))).toMatch(
        new RegExp(
          `^The \\.xlsx file is damaged \\(${part.replace(/\./g, '\\.')} unpacks to more than it declares\\)`,
        ),
      );
    },
  );
});

describe('.xlsx reader on sheets that stand for more than they hold', () => {
  const tinyRow = (r: number, column: string) =>
    `<row r="${r}"><c r="${column}${r}"><v>1</v></c></row>`;

  it('refuses a row whose one value lies in column XFD, 16,383 empty columns away', async () => {
    const sheet = headerRowXml() + [2, 3, 4].map((r) => tinyRow(r, 'XFD')).join('');
    expect(refusalOf(await readOutcome(zipParts(simpleWorkbook(sheet))))).toBe(
      'Record 1 (row 2) cannot be read: a value in column XFD lies far to the right of the rest of its row, with empty columns between; delete what lies to the right of the report',
    );
  });

  it('still reads a stray value a few dozen columns to the right of the report', async () => {
    const cells = cellsOf(
      await readOutcome(zipParts(simpleWorkbook(headerRowXml() + tinyRow(2, 'BL')))),
    );
    expect(cells[0]?.length).toBe(64);
    expect(cells[0]?.[63]).toBe('1');
    expect(IMPORT_HEADER.length).toBeLessThan(64);
  });

  it('refuses a sheet whose shared strings, repeated, stand for more than 1 GB of text', async () => {
    const long = `<t>${'x'.repeat(1_000_000)}</t>`;
    const refs = (r: number) =>
      ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'].map((c) => `<c r="${c}${r}" t="s"><v>0</v></c>`);
    const sheet = Array.from(
      { length: 200 },
      (_, i) => `<row r="${i + 2}">${refs(i + 2).join('')}</row>`,
    );
    const bytes = zipParts(simpleWorkbook(headerRowXml() + sheet.join(''), [long]));
    expect(bytes.length).toBeLessThan(20_000);
    expect(refusalOf(await readOutcome(bytes))).toMatch(
      /^Record 135 \(row 136\) cannot be read: the sheet's values up to this row hold more than 1024 MB of text, more than rewardbook reads; split the sheet/,
    );
  });
});
