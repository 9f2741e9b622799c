/**
 * Finds the import's columns in a header row by name: case and surrounding spaces ignored, any
 * order, extra columns ignored.
 */
import type { ImportFields, ImportHeader, ImportRecord } from './types.js';
import { HOW_TO_FIX, unreadable } from './unreadable.js';

export const REQUIRED_FIELDS = ['accountId', 'userId', 'unit', 'valueToRedeem'] as const;
export const OPTIONAL_FIELDS = ['programId', 'availableValue'] as const;
const FIELDS = [...REQUIRED_FIELDS, ...OPTIONAL_FIELDS];

export function normaliseColumnName(name: string): string {
  return name.trim().toLowerCase();
}

function listInWords(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** The 0-based positions of every column with each field's name. */
function positionsOf(columns: string[]): Map<string, number[]> {
  const wanted = new Map(FIELDS.map((field) => [field.toLowerCase(), field]));
  const found = new Map<string, number[]>();
  columns.forEach((column, position) => {
    const field = wanted.get(normaliseColumnName(column));
    if (field !== undefined) found.set(field, [...(found.get(field) ?? []), position]);
  });
  return found;
}

/** The header of an import file, or UNREADABLE_FILE naming every missing and repeated column. */
export function matchHeader(columns: string[]): ImportHeader {
  const found = positionsOf(columns);
  const missing = REQUIRED_FIELDS.filter((field) => !found.has(field));
  const repeated = FIELDS.filter((field) => (found.get(field)?.length ?? 0) > 1);
  if (missing.length > 0 || repeated.length > 0) {
    const problems: string[] = [];
    if (missing.length > 0) {
      problems.push(
        `The file has no header row with the columns ${listInWords(REQUIRED_FIELDS)}; ` +
          `missing: ${missing.join(', ')}.`,
      );
    }
    for (const field of repeated) {
      const at = (found.get(field) ?? []).map((position) => position + 1);
      problems.push(
        `The column ${field} appears ${at.length} times (columns ${listInWords(at.map(String))}); keep only one.`,
      );
    }
    throw unreadable(`${problems.join(' ')} ${HOW_TO_FIX}`, {
      missing,
      repeated,
      columns,
    });
  }
  const at = (field: string): number | null => found.get(field)?.[0] ?? null;
  return {
    // Copies: a name sliced from the file's first text would keep all of that text alive for as
    // long as the import runs.
    columns: columns.map((name) => Buffer.from(name, 'utf8').toString('utf8')),
    index: {
      accountId: at('accountId') ?? 0,
      userId: at('userId') ?? 0,
      unit: at('unit') ?? 0,
      valueToRedeem: at('valueToRedeem') ?? 0,
      programId: at('programId'),
      availableValue: at('availableValue'),
    },
  };
}

/** The named fields of a record, as uploaded. */
export function pickFields(header: ImportHeader, record: ImportRecord): ImportFields {
  const { index } = header;
  const { cells } = record;
  // No closure here: this runs once per record of a million-row file.
  return {
    accountId: cells[index.accountId] ?? '',
    userId: cells[index.userId] ?? '',
    unit: cells[index.unit] ?? '',
    valueToRedeem: cells[index.valueToRedeem] ?? '',
    programId: index.programId === null ? null : (cells[index.programId] ?? ''),
    availableValue: index.availableValue === null ? null : (cells[index.availableValue] ?? ''),
  };
}
