/** The first, pure step of an import row: its fields checked for shape, before any lookup. */
import type { ImportFields } from '../read/types.js';
import { looksScientific, scientificMessage } from './mangled.js';

export interface RowIntent {
  recordNumber: number;
  accountId: string;
  userId: string;
  unit: string;
  programId: string | null;
  valueText: string;
  availableText: string | null;
}

export type IntentResult = { ok: true; intent: RowIntent } | { ok: false; message: string };

const IDENTIFIERS = ['accountId', 'userId', 'unit'] as const;

// Module-level rather than a closure per row: a million rows would create a million of them.
const failed = (partial: RowIntent, message: string) => ({ ok: false as const, message, partial });

/** Trims the fields and refuses rows whose identifiers are missing or visibly mangled. */
export function toIntent(
  recordNumber: number,
  fields: ImportFields,
): IntentResult & {
  partial: RowIntent;
} {
  const partial: RowIntent = {
    recordNumber,
    accountId: fields.accountId.trim(),
    userId: fields.userId.trim(),
    unit: fields.unit.trim(),
    programId: fields.programId?.trim() || null,
    valueText: fields.valueToRedeem.trim(),
    availableText: fields.availableValue?.trim() || null,
  };
  const missing = IDENTIFIERS.filter((f) => partial[f] === '');
  // A row that only says "no change" needs no identifiers; spreadsheets leave such rows around.
  if (partial.valueText === '' || /^0*(\.0*)?$/.test(partial.valueText)) {
    return { ok: true, intent: partial, partial };
  }
  if (missing.length > 0) {
    return failed(
      partial,
      `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} empty; copy ${missing.length === 1 ? 'it' : 'them'} from the exported report so the row names one balance`,
    );
  }
  for (const field of ['accountId', 'userId'] as const) {
    if (looksScientific(partial[field])) {
      return failed(partial, scientificMessage(field, partial[field]));
    }
  }
  return { ok: true, intent: partial, partial };
}
