/**
 * Streaming Excel (.xlsx) writer for the balances report, written by hand because a general
 * workbook writer was too slow and large for a million rows (exceljs's took ~540 MB and 12 s).
 * Rows go straight from the batches into compressed sheet XML; memory stays flat whatever the
 * row count.
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
import { DeflateEntry } from './zipEntry.js';

/** Excel's limit of rows on one sheet, the header included. */
export const EXCEL_MAX_ROWS = 1_048_576;
/** Sheet XML per part stays below this, well under the 4 GiB a (non-ZIP64) zip entry holds. */
const DEFAULT_SHEET_BYTE_LIMIT = 3 * 1024 ** 3;
/** Sheet XML is encoded and deflated in pieces of this many bytes at most. */
const PIECE_BYTES = 256 * 1024;
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

/** One worksheet being written: rows are encoded into a buffer that is deflated when full. */
class SheetStream {
  readonly name: string;
  private readonly entry: DeflateEntry;
  private buffer = Buffer.allocUnsafe(PIECE_BYTES);
  private used = 0;
  private flushed = 0;
  private dataRows = 0;

  constructor(zip: Zip, index: number, mtime: Date | undefined) {
    this.name = index === 0 ? 'Balances' : `Balances ${index + 1}`;
    this.entry = new DeflateEntry(sheetPath(index), { level: SHEET_DEFLATE_LEVEL, mtime });
    zip.add(this.entry);
    this.used = this.buffer.write(sheetStart(index === 0), 0, 'utf8');
  }

  isFull(rowLimit: number, byteLimit: number): boolean {
    return this.dataRows + 1 >= rowLimit || this.flushed + this.used >= byteLimit;
  }

  /** Adds a row; returns a promise when the compressor is busy and the caller should wait. */
  add(row: BalanceReportRow): Promise<void> | null {
    this.dataRows++;
    return this.append(dataRow(row, this.dataRows + 1));
  }

  async close(): Promise<WrittenSheet> {
    const last = sheetEnd(this.dataRows + 1);
    await this.append(last);
    const rest = this.buffer.subarray(0, this.used);
    this.flushed += this.used;
    this.used = 0;
    await this.entry.end(rest);
    return { name: this.name, lastRow: this.dataRows + 1 };
  }

  private append(xml: string): Promise<void> | null {
    // 3 bytes per UTF-16 unit is the most UTF-8 takes, so a write that fits here cannot spill.
    if (this.used + xml.length * 3 <= this.buffer.length) {
      this.used += this.buffer.write(xml, this.used, 'utf8');
      return null;
    }
    // The entry holds a full buffer until it is compressed, so the next piece gets a new one.
    const full = this.buffer.subarray(0, this.used);
    this.buffer = Buffer.allocUnsafe(PIECE_BYTES);
    this.flushed += this.used;
    this.used = 0;
    const busy = this.entry.write(full);
    if (xml.length * 3 <= PIECE_BYTES) {
      this.used = this.buffer.write(xml, 0, 'utf8');
      return busy;
    }
    // A row longer than a piece (a very long name) goes as a piece of its own.
    const alone = Buffer.from(xml, 'utf8');
    this.flushed += alone.length;
    return (busy ?? Promise.resolve()).then(() => this.entry.write(alone) ?? undefined);
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

/** A small part (a few KB of XML) added in one piece. */
async function addPart(zip: Zip, filename: string, xml: string, mtime?: Date): Promise<void> {
  const entry = new DeflateEntry(filename, { level: 6, mtime });
  zip.add(entry);
  await entry.end(Buffer.from(xml, 'utf8'));
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
        written.push(await sheet.close());
        sheet = new SheetStream(zip, written.length, mtime);
      }
      const busy = sheet.add(row);
      if (busy) await busy;
      if (output.ready) yield output.take();
    }
  }
  written.push(await sheet.close());
  await addPart(zip, '[Content_Types].xml', contentTypesXml(written), mtime);
  await addPart(zip, '_rels/.rels', packageRelsXml(), mtime);
  await addPart(zip, 'xl/workbook.xml', workbookXml(written, LAST_COLUMN), mtime);
  await addPart(zip, 'xl/_rels/workbook.xml.rels', workbookRelsXml(written), mtime);
  await addPart(zip, 'xl/styles.xml', stylesXml(), mtime);
  zip.end();
  yield output.take();
}
