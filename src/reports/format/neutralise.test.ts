import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { neutralise, restoreNeutralised } from './neutralise.js';

const FORMULA_START = /^[=+\-@\t\r]/;

// Strings built from the characters that matter here, so the edge cases come up often.
const trickyText = fc
  .array(fc.constantFrom("'", '=', '+', '-', '@', '\t', '\r', 'a', ' ', '1', '"'), {
    maxLength: 8,
  })
  .map((chars) => chars.join(''));

describe('neutralise', () => {
  it('prefixes a quote to text a spreadsheet would run as a formula', () => {
    expect(neutralise('=HYPERLINK("http://x")')).toBe('\'=HYPERLINK("http://x")');
    expect(neutralise('+cmd')).toBe("'+cmd");
    expect(neutralise('-5')).toBe("'-5");
    expect(neutralise('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutralise('\tx')).toBe("'\tx");
    expect(neutralise('\rx')).toBe("'\rx");
  });

  it('leaves ordinary text alone, including a quote not followed by a formula character', () => {
    for (const text of ['', 'Ana', "O'Brien", "'quoted'", 'a=b', ' =x', "'"]) {
      expect(neutralise(text)).toBe(text);
    }
  });

  it("adds a quote to the user's own quoted formula so it survives the round trip", () => {
    expect(neutralise("'=x")).toBe("''=x");
    expect(restoreNeutralised("''=x")).toBe("'=x");
  });

  it('restores what the seed system wrote (fixtures/spreadsheet/export-as-written.csv)', () => {
    expect(restoreNeutralised('\'=HYPERLINK("http://x")')).toBe('=HYPERLINK("http://x")');
    expect(restoreNeutralised("'+cmd")).toBe('+cmd');
    expect(restoreNeutralised("O'Brien")).toBe("O'Brien");
  });

  it('round-trips any text and never leaves a formula start', () => {
    for (const arbitrary of [fc.string(), fc.string({ unit: 'grapheme' }), trickyText]) {
      fc.assert(
        fc.property(arbitrary, (text) => {
          const written = neutralise(text);
          expect(FORMULA_START.test(written)).toBe(false);
          expect(restoreNeutralised(written)).toBe(text);
        }),
        { numRuns: 2000 },
      );
    }
  });
});
