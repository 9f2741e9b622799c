/**
 * Reads an import file written as an Excel workbook (.xlsx): the rows of its first worksheet.
 *
 * The zip is read in up to three passes over the source, none holding more than a chunk of the
 * sheet: (1) its directory, from the end of the file (xlsx/zipIndex.ts); (2) the package parts
 * that say which sheet is first, and the shared strings, which every sheet cell may refer to and
 * which zips often store after the sheet; (3) the sheet itself, streamed. A file of 16 MB or less
 * is kept in memory after the first pass, so the others cost no further reads.
 */
import { readRecords } from './records.js';
import type { ByteSource, ImportFile, ReadOptions } from './types.js';
import { damagedXlsx, HOW_TO_FIX, unreadable } from './unreadable.js';
import { SharedStringsParser } from './xlsx/sharedStrings.js';
import { SheetParser } from './xlsx/sheetRows.js';
import {
  DEFAULT_WORKBOOK,
  firstSheet,
  relsPathOf,
  ROOT_RELS,
  workbookPath,
} from './xlsx/workbook.js';
import {
  collectCompressed,
  compressedPieces,
  inflateStreaming,
  inflateWhole,
  type InflateLimits,
} from './xlsx/zipEntries.js';
import { readZipIndex, type ZipEntry, type ZipIndex } from './xlsx/zipIndex.js';
import { TextDecoder } from 'node:util';

export interface XlsxLimits {
  sheet: InflateLimits;
  sharedStrings: InflateLimits;
  /** The workbook and relationship parts. */
  part: InflateLimits;
}

/**
 * A million-row report unpacks to well under 1 GB, and XML rarely compresses beyond 1:50; a zip
 * bomb unpacks at 1:1000. The shared strings are held in memory, hence their lower cap.
 */
export const XLSX_LIMITS: XlsxLimits = {
  sheet: { maxBytes: 1 << 30, maxRatio: 250, slackBytes: 32 << 20 },
  sharedStrings: { maxBytes: 256 << 20, maxRatio: 250, slackBytes: 32 << 20 },
  part: { maxBytes: 16 << 20, maxRatio: 250, slackBytes: 1 << 20 },
};

const DEFAULT_SHARED_STRINGS = 'xl/sharedStrings.xml';

function memorySource(bytes: Uint8Array): ByteSource {
  return async function* () {
    for (let at = 0; at < bytes.length; at += 1 << 16) yield bytes.subarray(at, at + (1 << 16));
  };
}

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array, void, undefined> {
  yield bytes;
}

/** Reads the compressed bytes of the named parts the zip has, in one pass. */
async function readParts(
  source: ByteSource,
  index: ZipIndex,
  paths: string[],
): Promise<Map<string, Uint8Array>> {
  const entries = [...new Set(paths.map((path) => path.toLowerCase()))]
    .map((path) => index.entries.get(path))
    .filter((entry): entry is ZipEntry => entry !== undefined);
  const compressed = await collectCompressed(source, entries);
  return new Map([...compressed].map(([entry, bytes]) => [entry.name.toLowerCase(), bytes]));
}

function notAWorkbook(index: ZipIndex): Error {
  const what = index.entries.has('content.xml')
    ? 'an OpenDocument spreadsheet (.ods), which rewardbook does not read'
    : 'a zip archive, not an Excel workbook';
  return unreadable(
    `The file is ${what}. Save the report as .xlsx or CSV and upload that. ${HOW_TO_FIX}`,
  );
}

async function sharedStringsOf(
  source: ByteSource,
  index: ZipIndex,
  loaded: Map<string, Uint8Array>,
  path: string | null,
  limits: InflateLimits,
): Promise<string[]> {
  const entry = path === null ? undefined : index.entries.get(path.toLowerCase());
  if (entry === undefined) return [];
  const compressed =
    loaded.get(entry.name.toLowerCase()) ??
    (await readParts(source, index, [entry.name])).get(entry.name.toLowerCase());
  const parser = new SharedStringsParser(damagedXlsx);
  const bytes = once(compressed ?? new Uint8Array(0));
  for await (const data of inflateStreaming(entry, bytes, limits)) parser.push(data);
  return parser.finish();
}

async function* sheetRows(
  source: ByteSource,
  entry: ZipEntry,
  sharedStrings: string[],
  limits: InflateLimits,
): AsyncGenerator<string[][], void, undefined> {
  const parser = new SheetParser(sharedStrings, damagedXlsx, limits.maxBytes);
  const decoder = new TextDecoder('utf-8');
  const compressed = (async function* () {
    for await (const { piece } of compressedPieces(source, [entry])) yield piece;
  })();
  try {
    for await (const data of inflateStreaming(entry, compressed, limits)) {
      const rows = parser.push(decoder.decode(data, { stream: true }));
      if (rows.length > 0) yield rows;
    }
    const rows = parser.push(decoder.decode());
    if (rows.length > 0) yield rows;
  } catch (error) {
    // The rows before the bad one come first, so the error can say which record it is.
    const rows = parser.takeRows();
    if (rows.length > 0) yield rows;
    throw error;
  }
}

/** Reads an .xlsx import file: the header and records of its first worksheet. */
export async function readXlsx(
  source: ByteSource,
  options: ReadOptions & { limits?: XlsxLimits } = {},
): Promise<ImportFile> {
  const limits = options.limits ?? XLSX_LIMITS;
  const index = await readZipIndex(source);
  const from = index.bytes === null ? source : memorySource(index.bytes);
  const loaded = await readParts(from, index, [
    ROOT_RELS,
    DEFAULT_WORKBOOK,
    relsPathOf(DEFAULT_WORKBOOK),
    DEFAULT_SHARED_STRINGS,
  ]);
  const text = (path: string): string | null => {
    const entry = index.entries.get(path.toLowerCase());
    const bytes = loaded.get(path.toLowerCase());
    return entry === undefined || bytes === undefined
      ? null
      : new TextDecoder().decode(inflateWhole(entry, bytes, limits.part));
  };
  const workbook = workbookPath(text(ROOT_RELS));
  if (!loaded.has(workbook.toLowerCase())) {
    for (const [path, bytes] of await readParts(from, index, [workbook, relsPathOf(workbook)]))
      loaded.set(path, bytes);
  }
  const workbookXml = text(workbook);
  if (workbookXml === null) throw notAWorkbook(index);
  const parts = firstSheet(workbookXml, text(relsPathOf(workbook)) ?? '', workbook);
  if (parts === null) {
    throw unreadable(`The Excel file has no worksheet. ${HOW_TO_FIX}`);
  }
  const sheet = index.entries.get(parts.sheet.toLowerCase());
  if (sheet === undefined) throw damagedXlsx(`its sheet ${parts.sheet} is missing`);
  const sharedStrings = await sharedStringsOf(
    from,
    index,
    loaded,
    parts.sharedStrings,
    limits.sharedStrings,
  );
  loaded.clear();
  const rows = sheetRows(from, sheet, sharedStrings, limits.sheet);
  const { header, batches } = await readRecords(
    rows,
    options.batchSize,
    `The first sheet of the workbook ("${parts.sheetName}") is empty.`,
  );
  return { format: 'xlsx', encoding: 'utf-8', delimiter: null, header, batches };
}
