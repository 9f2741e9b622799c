/**
 * What an amount typed in a redeem dialog will redeem, by the same rule as the server and the
 * import (src/domain/amounts.ts): extra digits are truncated, never rounded.
 */
import { formatAmount, parseRedeemAmount } from '@domain/amounts';

export type AmountPreview =
  | { kind: 'empty' }
  | { kind: 'invalid'; message: string }
  | { kind: 'ok'; minor: number; amount: string; truncated: boolean };

export function previewAmount(text: string, decimals: number): AmountPreview {
  if (text.trim() === '') return { kind: 'empty' };
  try {
    const parsed = parseRedeemAmount(text, decimals);
    if (parsed.kind === 'none') {
      return { kind: 'invalid', message: 'Zero redeems nothing; enter an amount above zero' };
    }
    const amount = formatAmount(parsed.minor, decimals);
    const typed = text.trim().replace(/^0+(?=\d)/, '');
    const fraction = typed.split('.')[1] ?? '';
    const truncated = fraction.slice(decimals).replace(/0+$/, '') !== '';
    return { kind: 'ok', minor: parsed.minor, amount, truncated };
  } catch (error) {
    return { kind: 'invalid', message: error instanceof Error ? error.message : String(error) };
  }
}

/** The minor units of a display amount the server sent ("10.50" in 2 decimals → 1050). */
export function minorOf(display: string, decimals: number): number {
  const parsed = parseRedeemAmount(display, decimals);
  return parsed.kind === 'amount' ? parsed.minor : 0;
}
