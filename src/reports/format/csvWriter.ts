/**
 * Streaming CSV writer for the balances report: UTF-8 with a byte-order mark, CRLF line ends and
 * RFC 4180 quoting, which is what spreadsheet programs open without asking questions.
 */
import { formatAmount } from '../../domain/amounts.js';
import { formatReportDate, REPORT_COLUMNS, type RowBatches } from './columns.js';
import { neutralise } from './neutralise.js';

/** Text is gathered into strings of about this many characters, then encoded once. */
const CHUNK_CHARS = 64 * 1024;
const BOM = '\uFEFF';
const CRLF = '\r\n';
const NEEDS_QUOTES = /[",\r\n]/;

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

/** A text cell: neutralised, then quoted when a reader would otherwise split or trim it. */
export function csvText(value: string | null): string {
  if (value === null || value.length === 0) return '';
  const text = neutralise(value);
  if (
    NEEDS_QUOTES.test(text) ||
    isSpace(text.charCodeAt(0)) ||
    isSpace(text.charCodeAt(text.length - 1))
  ) {
    return `"${text.replaceAll('"', '""')}"`;
  }
  return text;
}

const HEADER = REPORT_COLUMNS.join(',') + CRLF;

/** Writes the report as CSV bytes, in chunks of about 64 KB, as the batches of rows arrive. */
export async function* writeCsv(batches: RowBatches): AsyncGenerator<Uint8Array> {
  let text = BOM + HEADER;
  for await (const batch of batches) {
    for (const row of batch) {
      // One template per row: V8 builds it without intermediate arrays.
      text += `${csvText(row.firstName)},${csvText(row.lastName)},${csvText(row.email)},${csvText(
        row.userId,
      )},${csvText(row.accountId)},${csvText(row.programId)},${csvText(row.unit)},${csvText(
        row.unitName,
      )},${csvText(row.currency)},${formatAmount(row.available, row.decimals)},${formatAmount(
        row.totalRedeemed,
        row.decimals,
      )},${row.rewardCount},${row.nextExpiry === null ? '' : formatReportDate(row.nextExpiry)},${CRLF}`;
      if (text.length >= CHUNK_CHARS) {
        yield Buffer.from(text, 'utf8');
        text = '';
      }
    }
  }
  if (text.length > 0) yield Buffer.from(text, 'utf8');
}
