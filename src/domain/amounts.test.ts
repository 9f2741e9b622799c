import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exampleAmount, formatAmount, parseExactAmount, parseRedeemAmount } from './amounts.js';

const minor = (text: string, decimals: number) => {
  const parsed = parseRedeemAmount(text, decimals);
  return parsed.kind === 'amount' ? parsed.minor : null;
};

describe('formatAmount', () => {
  it('writes exactly `decimals` digits, no grouping', () => {
    expect(formatAmount(1050, 2)).toBe('10.50');
    expect(formatAmount(1200, 0)).toBe('1200');
    expect(formatAmount(1234, 3)).toBe('1.234');
    expect(formatAmount(5, 2)).toBe('0.05');
    expect(formatAmount(0, 3)).toBe('0.000');
    expect(formatAmount(123456789012, 2)).toBe('1234567890.12');
    expect(formatAmount(-250, 2)).toBe('-2.50');
  });

  it('round-trips with exact parsing for any amount and decimals', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 50 }), fc.integer({ min: 0, max: 8 }), (m, d) => {
        expect(parseExactAmount(formatAmount(m, d), d)).toBe(m);
      }),
    );
  });
});

describe('parseRedeemAmount', () => {
  it('truncates digits beyond the unit decimals, never rounds', () => {
    expect(minor('10.556', 2)).toBe(1055);
    expect(minor('7.9', 0)).toBe(7);
    expect(minor('0.5', 3)).toBe(500);
    expect(minor('0.9999', 3)).toBe(999);
    expect(minor('10', 2)).toBe(1000);
    expect(minor('10.', 2)).toBe(1000);
    expect(minor('.5', 2)).toBe(50);
    expect(minor('  25.00  ', 2)).toBe(2500);
    expect(minor('007', 0)).toBe(7);
  });

  it('treats empty and zero as no change', () => {
    for (const text of ['', '   ', '0', '0.00', '0.000000', '00', null, undefined]) {
      expect(parseRedeemAmount(text, 2)).toEqual({ kind: 'none' });
    }
  });

  it.each([
    ['-5', 'is negative'],
    ['-0.01', 'is negative'],
    ['1e3', 'scientific notation'],
    ['1.5E+2', 'scientific notation'],
    ['1,000', 'thousands separator'],
    ['1,000.50', 'thousands separator'],
    ['10,50', 'decimal comma'],
    ['$10', 'currency sign'],
    ['10 USD', 'currency sign or unit'],
    ['€5.00', 'currency sign'],
    ['ten', 'is not a number'],
    ['1.2.3', 'is not a number'],
    ['+5', 'plus sign'],
  ])('refuses %s: %s, with an accepted example', (text, problem) => {
    expect(() => parseRedeemAmount(text, 2)).toThrow(problem);
    expect(() => parseRedeemAmount(text, 2)).toThrow('such as 10.50');
  });

  it('refuses a positive value that truncates to zero, naming the smallest amount', () => {
    expect(() => parseRedeemAmount('0.004', 2)).toThrow('smallest amount of this unit (0.01)');
    expect(() => parseRedeemAmount('0.5', 0)).toThrow('(1)');
  });

  it('refuses amounts too large to be exact', () => {
    expect(() => parseRedeemAmount('99999999999999999999', 2)).toThrow('too large');
  });

  it('never takes more than the text says (truncation property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 ** 9 }),
        fc.stringMatching(/^\d{0,6}$/),
        fc.integer({ min: 0, max: 4 }),
        (whole, fraction, decimals) => {
          const text = fraction ? `${whole}.${fraction}` : String(whole);
          let parsed;
          try {
            parsed = parseRedeemAmount(text, decimals);
          } catch {
            return; // truncates to zero: refused
          }
          if (parsed.kind === 'none') return;
          const value = Number(text);
          const shown = Number(formatAmount(parsed.minor, decimals));
          expect(shown).toBeLessThanOrEqual(value);
          expect(value - shown).toBeLessThan(10 ** -decimals + 1e-9);
        },
      ),
    );
  });
});

describe('parseExactAmount', () => {
  it('refuses extra decimals instead of truncating', () => {
    expect(() => parseExactAmount('5.001', 2)).toThrow('more than 2 decimals');
    expect(parseExactAmount('5.010', 2)).toBe(501);
  });

  it('refuses zero unless allowed', () => {
    expect(() => parseExactAmount('0', 2)).toThrow('zero');
    expect(parseExactAmount('0', 2, true)).toBe(0);
  });
});

describe('exampleAmount', () => {
  it('matches the unit decimals', () => {
    expect([0, 2, 3].map(exampleAmount)).toEqual(['10', '10.50', '10.500']);
  });
});
