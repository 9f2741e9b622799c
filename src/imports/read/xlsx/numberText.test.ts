import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numberText } from './numberText.js';

describe('numberText', () => {
  it('gives integers below 10^15 as plain digits, as the sheet still holds them whole', () => {
    expect(numberText('123')).toBe('123');
    expect(numberText('42')).toBe('42');
    expect(numberText('123456789012')).toBe('123456789012');
    expect(numberText('999999999999999')).toBe('999999999999999');
    expect(numberText('-5')).toBe('-5');
    expect(numberText('0')).toBe('0');
    expect(numberText('-0')).toBe('0');
    expect(numberText('1500.0')).toBe('1500');
  });

  it('gives larger numbers in the scientific notation the importer reports as mangled', () => {
    // LibreOffice stores the 18-digit userId 123456789012345678 like this.
    expect(numberText('1.23456789012346E+017')).toBe('1.23456789012346E+17');
    // Excel stores it with 17 digits; the 15 a spreadsheet keeps are the same.
    expect(numberText('1.2345678901234568E+17')).toBe('1.23456789012346E+17');
    expect(numberText('123456789012345678')).toBe('1.23456789012346E+17');
    expect(numberText('1000000000000000')).toBe('1E+15');
    expect(numberText('-2.5E+20')).toBe('-2.5E+20');
  });

  it('gives fractions in their shortest form at 15 significant digits', () => {
    expect(numberText('10.556')).toBe('10.556');
    expect(numberText('3.1')).toBe('3.1');
    expect(numberText('3.1000000000000001')).toBe('3.1');
    expect(numberText('0.30000000000000004')).toBe('0.3');
    expect(numberText('0.00001')).toBe('0.00001');
    expect(numberText('1.5E-07')).toBe('1.5E-07');
    expect(numberText('0.000001')).toBe('1E-06');
  });

  it('leaves text that is not a number as it is', () => {
    for (const text of ['', 'abc', 'NaN', 'Infinity', '1,5']) expect(numberText(text)).toBe(text);
  });

  it('agrees with the general rule when it takes its shortcut for plain decimals', () => {
    const general = (text: string): string => {
      const rounded = Number(Number(text).toPrecision(15));
      const size = Math.abs(rounded);
      if (size === 0) return '0';
      if (size >= 1e15 || size < 1e-5) return numberText(`${rounded.toExponential()}`);
      return String(rounded);
    };
    const decimal = fc
      .tuple(
        fc.boolean(),
        fc.stringMatching(/^\d{1,17}$/),
        fc.option(fc.stringMatching(/^\d{1,17}$/)),
      )
      .map(
        ([negative, whole, fraction]) =>
          `${negative ? '-' : ''}${whole}${fraction === null ? '' : `.${fraction}`}`,
      );
    fc.assert(
      fc.property(decimal, (text) => {
        expect(numberText(text)).toBe(general(text));
      }),
      { numRuns: 5000 },
    );
  });
});
