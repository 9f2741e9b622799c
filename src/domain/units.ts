/** Unit rules: how many fraction digits a unit's balances are shown and redeemed in. */

const ZERO_DECIMAL_UNITS = new Set(['CENTS', 'POINT', 'POINTS']);

/** The ISO 4217 code of a unit like `CASH/USD`, or null when the unit names no currency. */
export function currencyOf(unitCode: string): string | null {
  const match = /\/([A-Za-z]{3})$/.exec(unitCode);
  if (!match?.[1]) return null;
  const code = match[1].toUpperCase();
  return isKnownCurrency(code) ? code : null;
}

let currencies: Set<string> | null = null;
function isKnownCurrency(code: string): boolean {
  currencies ??= new Set(Intl.supportedValuesOf('currency'));
  return currencies.has(code);
}

/**
 * Default decimals of a unit: a `…/<ISO 4217>` unit uses the currency's minor digits (USD 2,
 * JPY 0, KWD 3); CENTS, POINT and anything else use 0 unless the tenant configures otherwise.
 */
export function defaultDecimals(unitCode: string): number {
  const currency = currencyOf(unitCode);
  if (currency === null || ZERO_DECIMAL_UNITS.has(unitCode.toUpperCase())) return 0;
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits ?? 0
  );
}

/** A readable default name for a new unit: `CASH/USD` → `USD`, `POINT` → `Point`. */
export function defaultUnitName(unitCode: string): string {
  const currency = currencyOf(unitCode);
  if (currency) return currency;
  const lower = unitCode.toLowerCase();
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

export const MAX_DECIMALS = 8;

const UNIT_CODE = /^[A-Z0-9_]+(\/[A-Z0-9_]+)?$/;

/** Unit codes are upper-case words, optionally `/` and a second word (`CASH/USD`). */
export function isValidUnitCode(code: string): boolean {
  return code.length <= 64 && UNIT_CODE.test(code);
}
