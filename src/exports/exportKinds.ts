/** What can be exported, in which formats, and how the files are named. */
import { AppError } from '../domain/errors.js';

/** The one report there is so far: *Available reward balances by user*. */
export const EXPORT_TYPE = 'AVAILABLE_REWARD_BALANCES_BY_USER';
export const EXPORT_TITLE = 'Available reward balances by user';

export const EXPORT_FORMATS = ['CSV', 'XLSX'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  CSV: 'text/csv; charset=utf-8',
  XLSX: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Errors: VALIDATION_FAILED. */
export function parseExportType(text: string): typeof EXPORT_TYPE {
  if (text.trim().toUpperCase() === EXPORT_TYPE) return EXPORT_TYPE;
  throw new AppError(
    'VALIDATION_FAILED',
    `Unknown export type "${text}"; the report that can be exported is ${EXPORT_TYPE}`,
    { field: 'type', allowed: [EXPORT_TYPE] },
  );
}

/** `csv`, `CSV`, `xlsx`… Errors: VALIDATION_FAILED naming the formats there are. */
export function parseExportFormat(text: string): ExportFormat {
  const format = text.trim().toUpperCase();
  const known = EXPORT_FORMATS.find((f) => f === format);
  if (known) return known;
  throw new AppError(
    'VALIDATION_FAILED',
    `Unknown format "${text}"; a report can be exported as CSV or XLSX (Excel)`,
    { field: 'format', allowed: [...EXPORT_FORMATS] },
  );
}

/**
 * The report file's name. It depends only on the export (its id and the day it was asked for),
 * so every attempt at one export writes the same name and strays of crashed attempts are found.
 */
export function exportFileName(exportId: number, createdAt: number, format: ExportFormat): string {
  const day = new Date(createdAt).toISOString().slice(0, 10);
  return `available-reward-balances-${day}-export-${exportId}.${format.toLowerCase()}`;
}
