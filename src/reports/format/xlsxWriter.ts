/**
 * Streaming Excel (.xlsx) writer for the balances report, written by hand because general
 * workbook writers hold every row (exceljs: ~540 MB and 12 s for 1M rows). Rows go straight
 * from the batches into compressed sheet XML; memory stays flat whatever the row count.
 */
import { Zip } from 'fflate';
import type { BalanceReportRow, RowBatches } from './columns.js';
import { LAST_COLUMN, dataRow, sheetEnd, sheetStart } from './xlsxSheet.js';
import {
  type WrittenSheet,
  contentTypesXml,
  packageRelsXml,
  sheetPath,
  stylesXml,
  workbookRelsXml,
  workbookXml,
} from './xlsxParts.js';
import { NativeDeflateEntry, addWholeEntry } from './zipEntry.js';

/** Excel's limit of rows on one sheet, the header included. */
export const EXCEL_MAX_ROWS = 1_048_576;
/** Sheet XML per part stays below this, well under the 4 GiB a (non-ZIP64) zip entry holds. */
const DEFAULT_SHEET_BYTE_LIMIT = 3 * 1024 ** 3;
/** Sheet XML is deflated in pieces of about this many characters. */
const DEFLATE_CHUNK_CHARS = 256 * 1024;
/** Output is handed on in chunks of at least this many bytes. */
const OUTPUT_CHUNK_BYTES = 64 * 1024;
/** Level 1: the sheet XML is repetitive, so more effort buys little (~10% smaller, 25% slower). */
const SHEET_DEFLATE_LEVEL = 1;

export interface XlsxOptions {
  /** Rows per sheet, header included; further rows continue on `Balances 2`, `Balances 3`… */
  readonly sheetRowLimit?: number;
  /** Approximate bytes of XML per sheet before continuing on the next one. */
  readonly sheetByteLimit?: number;
  /** Modification time recorded in the zip; fixing it makes the output reproducible. */
  readonly modifiedAt?: Date;
}

/** One worksheet being written: its XML is built in a string and deflated piece by piece. */
class SheetStream {
  readonly name: string;
  private readonly entry: NativeDeflateEntry;
  private text: string;
  private bytes = 0;
  private dataRows = 0;

  constructor(zip: Zip, index: number, mtime: Date | undefined) {
    this.name = index === 0 ? 'Balances' : `Balances ${index + 1}`;
    this.entry = new NativeDeflateEntry(sheetPath(index), { level: SHEET_DEFLATE_LEVEL, mtime });
    zip.add(this.entry);
    this.text = sheetStart(index === 0);
  }

  isFull(rowLimit: number, byteLimit: number): boolean {
    // 3 bytes per UTF-16 unit is the most UTF-8 can take, so the estimate never undercounts.
    return this.dataRows + 1 >= rowLimit || this.bytes + this.text.length * 3 >= byteLimit;
  }

  add(row: BalanceReportRow): void {
    this.dataRows++;
    this.text += dataRow(row, this.dataRows + 1);
    if (this.text.length >= DEFLATE_CHUNK_CHARS) this.flush(false);
  }

  close(): WrittenSheet {
    this.text += sheetEnd(this.dataRows + 1);
    this.flush(true);
    return { name: this.name, lastRow: this.dataRows + 1 };
  }

  private flush(final: boolean): void {
    const bytes = Buffer.from(this.text, 'utf8');
    this.text = '';
    this.bytes += bytes.length;
    this.entry.push(bytes, final);
  }
}

/** Zip output waiting to be handed on, gathered into chunks of a useful size. */
class PendingOutput {
  private chunks: Uint8Array[] = [];
  private size = 0;

  push(chunk: Uint8Array): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
  }

  get ready(): boolean {
    return this.size >= OUTPUT_CHUNK_BYTES;
  }

  take(): Uint8Array {
    const out =
      this.chunks.length === 1 && this.chunks[0]
        ? this.chunks[0]
        : Buffer.concat(this.chunks, this.size);
    this.chunks = [];
    this.size = 0;
    return out;
  }
}

function checkRowLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 2 || limit > EXCEL_MAX_ROWS) {
    throw new RangeError(
      `sheetRowLimit must be an integer from 2 to ${EXCEL_MAX_ROWS}, not ${limit}`,
    );
  }
  return limit;
}

/**
 * Writes the report as an .xlsx workbook: sheet `Balances` (continued on `Balances 2`… past
 * Excel's row limit), each with a bold, frozen, filterable header and the valueToRedeem
 * column filled in yellow. Yields the file's bytes in chunks as the batches arrive.
 */
export async function* writeXlsx(
  batches: RowBatches,
  options: XlsxOptions = {},
): AsyncGenerator<Uint8Array> {
  const rowLimit = checkRowLimit(options.sheetRowLimit ?? EXCEL_MAX_ROWS);
  const byteLimit = options.sheetByteLimit ?? DEFAULT_SHEET_BYTE_LIMIT;
  const mtime = options.modifiedAt;
  const output = new PendingOutput();
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    output.push(chunk);
  });
  const written: WrittenSheet[] = [];
  let sheet = new SheetStream(zip, 0, mtime);
  for await (const batch of batches) {
    for (const row of batch) {
      if (sheet.isFull(rowLimit, byteLimit)) {
        written.push(sheet.close());
        sheet = new SheetStream(zip, written.length, mtime);
      }
      sheet.add(row);
      if (output.ready) yield output.take();
    }
  }
  written.push(sheet.close());
  const add = (entry: NativeDeflateEntry): void => zip.add(entry);
  addWholeEntry(add, '[Content_Types].xml', contentTypesXml(written), mtime);
  addWholeEntry(add, '_rels/.rels', packageRelsXml(), mtime);
  addWholeEntry(add, 'xl/workbook.xml', workbookXml(written, LAST_COLUMN), mtime);
  addWholeEntry(add, 'xl/_rels/workbook.xml.rels', workbookRelsXml(written), mtime);
  addWholeEntry(add, 'xl/styles.xml', stylesXml(), mtime);
  zip.end();
  yield output.take();
}
