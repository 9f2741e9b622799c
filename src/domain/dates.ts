/** Dates cross the boundary as ISO 8601 text and are kept as epoch milliseconds. */
import { AppError } from './errors.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_TIME =
  /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Parses `2026-12-31` (midnight UTC) or a date-time with optional offset (UTC when absent). */
export function parseIsoDate(text: string, field: string): number {
  const t = text.trim();
  let ms = Number.NaN;
  if (ISO_DATE.test(t)) ms = Date.parse(`${t}T00:00:00Z`);
  else if (ISO_DATE_TIME.test(t)) {
    const withZone = /(Z|[+-]\d{2}:?\d{2})$/.test(t) ? t : `${t}Z`;
    ms = Date.parse(withZone.replace(' ', 'T'));
  }
  if (Number.isNaN(ms)) {
    throw new AppError(
      'VALIDATION_FAILED',
      `${field} "${text}" is not an ISO 8601 date; write it as 2026-12-31 or 2026-12-31T23:59:00Z`,
      { field, value: text },
    );
  }
  return ms;
}

export function parseOptionalIsoDate(
  text: string | null | undefined,
  field: string,
): number | null {
  return text === null || text === undefined || text.trim() === ''
    ? null
    : parseIsoDate(text, field);
}

export function toIso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

/** The calendar date (UTC) of a time, as `YYYY-MM-DD`. */
export function toIsoDay(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString().slice(0, 10);
}
