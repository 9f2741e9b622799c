import { describe, expect, it } from 'vitest';
import { currencyOf, defaultDecimals, defaultUnitName, isValidUnitCode } from './units.js';

describe('unit decimals', () => {
  it.each([
    ['CASH/USD', 2],
    ['CREDIT/CAD', 2],
    ['CASH/JPY', 0],
    ['CASH/KWD', 3],
    ['CENTS', 0],
    ['POINT', 0],
    ['MILES', 0],
    ['CASH/XYZ', 0],
  ])('%s uses %i decimals by default', (code, decimals) => {
    expect(defaultDecimals(code)).toBe(decimals);
  });

  it('recognises ISO 4217 currencies only', () => {
    expect(currencyOf('CASH/USD')).toBe('USD');
    expect(currencyOf('CASH/XYZ')).toBeNull();
    expect(currencyOf('POINT')).toBeNull();
  });

  it('names units readably', () => {
    expect(defaultUnitName('CASH/USD')).toBe('USD');
    expect(defaultUnitName('POINT')).toBe('Point');
  });

  it('validates unit codes', () => {
    expect(isValidUnitCode('CASH/USD')).toBe(true);
    expect(isValidUnitCode('POINT')).toBe(true);
    expect(isValidUnitCode('cash/usd')).toBe(false);
    expect(isValidUnitCode('A/B/C')).toBe(false);
    expect(isValidUnitCode('')).toBe(false);
  });
});
