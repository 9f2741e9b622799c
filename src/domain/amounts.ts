/**
 * Amounts cross the boundary as display strings ("10.50") and live everywhere else as integers
 * of minor units. Parsing truncates extra fraction digits, never rounds.
 */
import { AppError } from './errors.js';

/** The largest amount accepted, in minor units: integers stay exact in a double below 2^53. */
export const MAX_MINOR = Number.MAX_SAFE_INTEGER;

/** An accepted example of an amount in a unit with these decimals: `10`, `10.50`, `10.500`. */
export function exampleAmount(decimals: number): string {
  return decimals === 0 ? '10' : `10.${'5'.padEnd(decimals, '0')}`;
}

/** The display value of an integer amount: exactly `decimals` fraction digits, no grouping. */
export function formatAmount(minor: number, decimals: number): string {
  const negative = minor < 0;
  const digits = String(Math.abs(minor));
  if (decimals === 0) return (negative ? '-' : '') + digits;
  const padded = digits.padStart(decimals + 1, '0');
  const whole = padded.slice(0, padded.length - decimals);
  const fraction = padded.slice(padded.length - decimals);
  return `${negative ? '-' : ''}${whole}.${fraction}`;
}

export type ParsedRedeemAmount = { kind: 'none' } | { kind: 'amount'; minor: number };

const PLAIN = /^(\d+)(?:\.(\d*))?$/;
const LEADING_DOT = /^\.(\d+)$/;

function describeProblem(text: string): string {
  const t = text.trim();
  if (/^-/.test(t)) return 'is negative';
  if (/^\+/.test(t)) return 'has a plus sign';
  if (/^\d+(\.\d+)?[eE][+-]?\d+$/.test(t)) return 'is in scientific notation';
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(t) || /^\d{1,3}( \d{3})+(\.\d+)?$/.test(t)) {
    return 'uses a thousands separator';
  }
  if (/^\d+,\d+$/.test(t)) return 'uses a decimal comma';
  if (/^[^\d\s.,-]+\s*[\d.,]+$|^[\d.,]+\s*[^\d\s.,-]+$/.test(t))
    return 'has a currency sign or unit';
  return 'is not a number';
}

function toMinor(whole: string, fraction: string, decimals: number, text: string): number {
  const kept = fraction.slice(0, decimals).padEnd(decimals, '0');
  const digits = (whole + kept).replace(/^0+(?=\d)/, '');
  const minor = Number(digits);
  if (!Number.isSafeInteger(minor)) {
    throw new AppError('INVALID_AMOUNT', `"${text}" is too large to be an amount`, { value: text });
  }
  return minor;
}

function splitDigits(text: string): { whole: string; fraction: string } | null {
  const t = text.trim();
  const plain = PLAIN.exec(t);
  if (plain) return { whole: plain[1] ?? '0', fraction: plain[2] ?? '' };
  const dot = LEADING_DOT.exec(t);
  if (dot) return { whole: '0', fraction: dot[1] ?? '' };
  return null;
}

/**
 * Parses the amount to redeem from a balance in a unit with `decimals` fraction digits.
 * Empty or zero means "no change"; extra digits are truncated; anything else is refused with a
 * message that names the problem and shows an accepted example.
 */
export function parseRedeemAmount(
  text: string | null | undefined,
  decimals: number,
): ParsedRedeemAmount {
  if (text === null || text === undefined || text.trim() === '') return { kind: 'none' };
  const parts = splitDigits(text);
  if (!parts) {
    throw new AppError(
      'INVALID_AMOUNT',
      `"${text}" ${describeProblem(text)}; enter digits with an optional "." and up to ${decimals} decimals, such as ${exampleAmount(decimals)}`,
      { value: text },
    );
  }
  if (/^0*$/.test(parts.whole + parts.fraction)) return { kind: 'none' };
  const minor = toMinor(parts.whole, parts.fraction, decimals, text);
  if (minor === 0) {
    const smallest = formatAmount(1, decimals);
    throw new AppError(
      'INVALID_AMOUNT',
      `"${text}" is less than the smallest amount of this unit (${smallest}) and would redeem nothing; enter at least ${smallest}, or leave it empty for no change`,
      { value: text },
    );
  }
  return { kind: 'amount', minor };
}

/**
 * Parses an amount given to a reward (creation, bulk load): it must be exact in the unit, so
 * extra digits are refused rather than truncated. `allowZero` is for already-redeemed amounts.
 */
export function parseExactAmount(text: string, decimals: number, allowZero = false): number {
  const parts = splitDigits(text);
  const example = exampleAmount(decimals);
  if (!parts) {
    throw new AppError(
      'INVALID_AMOUNT',
      `"${text}" ${describeProblem(text)}; enter digits with an optional "." and up to ${decimals} decimals, such as ${example}`,
      { value: text },
    );
  }
  if (parts.fraction.replace(/0+$/, '').length > decimals) {
    throw new AppError(
      'INVALID_AMOUNT',
      `"${text}" has more than ${decimals} decimals, which this unit does not hold; enter it as, for example, ${example}`,
      { value: text, decimals },
    );
  }
  const minor = toMinor(parts.whole, parts.fraction, decimals, text);
  if (minor === 0 && !allowZero) {
    throw new AppError('INVALID_AMOUNT', `"${text}" is zero; a reward must be above zero`, {
      value: text,
    });
  }
  return minor;
}
