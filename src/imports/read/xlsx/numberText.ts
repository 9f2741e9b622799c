/**
 * The text of a number cell. A sheet stores numbers, not what was typed, so this decides what
 * the importer sees for an identifier a spreadsheet turned into a number:
 *
 * - Numbers below 10^15 in size come back exactly, at most 15 significant digits (all a
 *   spreadsheet keeps): `123`, `123456789012`, `10.556`, `3.1`. A 12-digit userId is still
 *   whole in the file, so it is given back whole and matches; only the leading zeros a
 *   spreadsheet dropped (`000123` → `123`) are gone, which the importer reports.
 * - Larger numbers come back in scientific notation with the 15 significant digits the
 *   spreadsheet kept, `1.23456789012346E+17`: their last digits are lost, and the E+ form is
 *   what the importer recognises as an identifier mangled into scientific notation — the same
 *   form LibreOffice writes into CSV (`1.23456789012346E+017`).
 * - Tiny fractions below 10^-5 also come back as `1.5E-07`, as a spreadsheet shows them.
 */

const EXACT_BELOW = 1e15;
const PLAIN_FROM = 1e-5;

function scientific(value: number): string {
  const [mantissa = '', exponent = '0'] = value.toExponential(14).split('e');
  const digits = mantissa.replace(/\.?0+$/, '');
  const power = Number(exponent);
  return `${digits}E${power < 0 ? '-' : '+'}${String(Math.abs(power)).padStart(2, '0')}`;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/**
 * Whether the stored text is already what numberText would make of it: a plain decimal with no
 * superfluous zeros, at most 15 significant digits, within the plain range. Most cells are, and
 * this spares them the float round trip.
 */
function isCanonical(text: string): boolean {
  const n = text.length;
  let i = text.charCodeAt(0) === 45 /* - */ ? 1 : 0;
  const whole = i;
  while (i < n && isDigit(text.charCodeAt(i))) i++;
  const wholeDigits = i - whole;
  const zeroWhole = wholeDigits === 1 && text.charCodeAt(whole) === 48;
  if (wholeDigits === 0 || (wholeDigits > 1 && text.charCodeAt(whole) === 48)) return false;
  if (i === n) return wholeDigits <= 15 && !(zeroWhole && whole === 1);
  if (text.charCodeAt(i) !== 46 /* . */) return false;
  const fraction = ++i;
  while (i < n && isDigit(text.charCodeAt(i))) i++;
  if (i !== n || i === fraction || text.charCodeAt(n - 1) === 48) return false;
  if (!zeroWhole) return wholeDigits + (n - fraction) <= 15;
  let zeros = 0;
  while (text.charCodeAt(fraction + zeros) === 48) zeros++;
  return zeros < 5 && n - fraction - zeros <= 15;
}

/** The text a number cell's stored value (`<v>`) stands for; other text is returned as it is. */
export function numberText(stored: string): string {
  if (stored.length === 0 || isCanonical(stored)) return stored;
  const value = Number(stored);
  if (!Number.isFinite(value)) return stored;
  // 15 significant digits: the spreadsheet's precision, and it hides binary noise (0.30000000000000004).
  const rounded = Number(value.toPrecision(15));
  const size = Math.abs(rounded);
  if (size === 0) return '0';
  if (size >= EXACT_BELOW || size < PLAIN_FROM) return scientific(rounded);
  return String(rounded);
}
