/**
 * The one entry point of the import readers: reads an *Update User Reward Balances* file as
 * .xlsx or CSV by what its bytes are, whatever its name says (spreadsheets and browsers name
 * files freely; a CSV saved as "report.xlsx" is common).
 */
import { readCsv } from './csvReader.js';
import type { ByteSource, ImportFile, ReadOptions } from './types.js';
import { HOW_TO_FIX, unreadable } from './unreadable.js';
import { readXlsx } from './xlsxReader.js';

const SNIFF_BYTES = 8;

async function firstBytes(source: ByteSource): Promise<Uint8Array> {
  const head = new Uint8Array(SNIFF_BYTES);
  let filled = 0;
  for await (const chunk of source()) {
    const take = Math.min(SNIFF_BYTES - filled, chunk.length);
    head.set(chunk.subarray(0, take), filled);
    filled += take;
    if (filled === SNIFF_BYTES) break;
  }
  return head.subarray(0, filled);
}

function startsWith(bytes: Uint8Array, signature: number[]): boolean {
  return signature.every((byte, i) => bytes[i] === byte);
}

/** Reads an import file: its header now, its records in batches as they are iterated. */
export async function readImportFile(
  source: ByteSource,
  options: ReadOptions = {},
): Promise<ImportFile> {
  const head = await firstBytes(source);
  // A zip: a local file header, or the end record of an empty zip.
  if (startsWith(head, [0x50, 0x4b, 3, 4]) || startsWith(head, [0x50, 0x4b, 5, 6])) {
    return readXlsx(source, options);
  }
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    throw unreadable(
      'The file is an Excel 97-2003 workbook (.xls) or a password-protected one, which rewardbook does not read. ' +
        `Save it as .xlsx (without a password) or as CSV. ${HOW_TO_FIX}`,
    );
  }
  return readCsv(source, options);
}
