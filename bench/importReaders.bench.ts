/**
 * Speed and memory of the import readers on a million-row *Available reward balances by user*
 * report, as CSV (the export's format: BOM, CRLF, quoted and neutralised cells) and as .xlsx
 * (inline strings and numbers, written by a small streaming generator below).
 *
 *   npx tsx bench/importReaders.bench.ts [rows]        (default 1,000,000)
 *
 * Files go to bench/out/. Each reader runs in a child process of its own, so the peak RSS it
 * prints is the reader's, not the generator's. Targets: CSV < 3 s, XLSX < 10 s, RSS < 300 MB.
 */
import { spawnSync } from 'node:child_process';
import {
  createReadStream,
  createWriteStream,
  mkdirSync,
  statSync,
  type WriteStream,
} from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { pickFields } from '../src/imports/read/header.js';
import { readImportFile } from '../src/imports/read/readImportFile.js';

const OUT = 'bench/out';
const COLUMNS = [
  'firstName',
  'lastName',
  'email',
  'userId',
  'accountId',
  'programId',
  'unit',
  'unitName',
  'currency',
  'availableValue',
  'totalRedeemedValue',
  'rewardCount',
  'nextExpiry',
  'valueToRedeem',
];
const UNITS = [
  ['CASH/USD', 'Cash', 'USD'],
  ['POINT', 'Points', ''],
  ['CASH/KWD', 'Cash', 'KWD'],
] as const;
const FIRST = ['Ana', 'José', 'Zoë', 'Søren', 'Li', 'Müller', 'Chen', 'Olu'];

/** One report row; every 97th has a comma in its name and every 1,009th a formula-like one. */
function reportRow(i: number): string[] {
  const [unit, unitName, currency] = UNITS[i % UNITS.length] ?? UNITS[0];
  const lastName =
    i % 97 === 0 ? `Smith${i}, Jr.` : i % 1009 === 0 ? `=cmd${i}` : `Family${i % 5000}`;
  return [
    FIRST[i % FIRST.length] ?? '',
    lastName,
    `user${i}@example.com`,
    `user-${String(i).padStart(7, '0')}`,
    `acct-${i % 1000}`,
    i % 10 === 0 ? `program-${i % 7}` : '',
    unit,
    unitName,
    currency,
    `${(i % 100000) + 1}.${String(i % 100).padStart(2, '0')}`,
    `${i % 50}.00`,
    String((i % 9) + 1),
    i % 3 === 0 ? '' : `2027-0${(i % 9) + 1}-1${i % 9}`,
    i % 4 === 0 ? `${i % 300}.5` : '',
  ];
}

function csvCell(text: string): string {
  const neutral = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(neutral) ? `"${neutral.replace(/"/g, '""')}"` : neutral;
}

async function write(stream: WriteStream, data: string | Uint8Array): Promise<void> {
  if (!stream.write(data))
    await new Promise<void>((resolve) => stream.once('drain', () => resolve()));
}

async function writeCsv(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  await write(out, `\ufeff${COLUMNS.join(',')}\r\n`);
  let block = '';
  for (let i = 1; i <= rows; i++) {
    block += `${reportRow(i).map(csvCell).join(',')}\r\n`;
    if (block.length > 1 << 16) {
      await write(out, block);
      block = '';
    }
  }
  await write(out, block);
  await new Promise<void>((resolve) => out.end(() => resolve()));
}

const escapeXml = (text: string): string =>
  text.replace(
    /[<>&"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] ?? c,
  );

function columnName(i: number): string {
  return i < 26 ? String.fromCharCode(65 + i) : `A${String.fromCharCode(65 + i - 26)}`;
}

function sheetRow(r: number, cells: string[], numeric: Set<number>): string {
  let xml = `<row r="${r}">`;
  cells.forEach((cell, c) => {
    if (cell === '') return;
    const ref = `${columnName(c)}${r}`;
    // A spreadsheet stores the number, so 25.00 is written as 25.
    xml += numeric.has(c)
      ? `<c r="${ref}"><v>${Number(cell)}</v></c>`
      : `<c r="${ref}" t="inlineStr"><is><t>${escapeXml(cell)}</t></is></c>`;
  });
  return `${xml}</row>`;
}

const PACKAGE: Record<string, string> = {
  '[Content_Types].xml':
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
  '_rels/.rels':
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
  'xl/workbook.xml':
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Balances" sheetId="1" r:id="rId1"/></sheets></workbook>',
  'xl/_rels/workbook.xml.rels':
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
};

async function writeXlsx(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  const pending: Uint8Array[] = [];
  let finished = false;
  const zip = new Zip((error, data, final) => {
    if (error) throw error;
    pending.push(data);
    if (final) finished = true;
  });
  const flush = async (): Promise<void> => {
    for (const data of pending.splice(0)) await write(out, data);
  };
  for (const [name, xml] of Object.entries(PACKAGE)) {
    const part = new ZipPassThrough(name);
    zip.add(part);
    part.push(new TextEncoder().encode(xml), true);
  }
  const sheet = new ZipDeflate('xl/worksheets/sheet1.xml', { level: 1 });
  zip.add(sheet);
  const numeric = new Set([9, 10, 11]);
  const encoder = new TextEncoder();
  let block = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheetRow(1, COLUMNS, numeric)}`;
  for (let i = 1; i <= rows; i++) {
    block += sheetRow(i + 1, reportRow(i), numeric);
    if (block.length > 1 << 18) {
      sheet.push(encoder.encode(block));
      block = '';
      await flush();
    }
  }
  sheet.push(encoder.encode(`${block}</sheetData></worksheet>`), true);
  zip.end();
  await flush();
  if (!finished) throw new Error('the zip did not finish');
  await new Promise<void>((resolve) => out.end(() => resolve()));
}

/** Reads one file and prints its figures; runs in a child process. */
async function measure(path: string): Promise<void> {
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const file = await readImportFile(() => createReadStream(path, { highWaterMark: 1 << 16 }));
  let records = 0;
  let redeemed = 0;
  for await (const batch of file.batches) {
    for (const record of batch) {
      // Touch the fields as the importer would, so that lazily built values are paid for.
      if (pickFields(file.header, record).valueToRedeem !== '') redeemed++;
    }
    records += batch.length;
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  // CPU time as well as wall time: on a busy machine the wall time mostly measures the others.
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const rssMb = process.resourceUsage().maxRSS / 1024;
  console.log(
    `${file.format.padEnd(4)} ${(statSync(path).size / 1e6).toFixed(0).padStart(5)} MB  ${records} records ` +
      `(${redeemed} to redeem)  ${seconds.toFixed(2)} s (CPU ${cpuSeconds.toFixed(2)} s)  ` +
      `${Math.round(records / seconds).toLocaleString('en')} rows/s  ` +
      `peak RSS ${rssMb.toFixed(0)} MB`,
  );
}

async function main(): Promise<void> {
  if (process.argv[2] === '--measure') return measure(process.argv[3] ?? '');
  const rows = Number(process.argv[2] ?? 1_000_000);
  mkdirSync(OUT, { recursive: true });
  const csv = `${OUT}/report-${rows}.csv`;
  const xlsx = `${OUT}/report-${rows}.xlsx`;
  let started = performance.now();
  await writeCsv(csv, rows);
  console.log(`wrote ${csv} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  started = performance.now();
  await writeXlsx(xlsx, rows);
  console.log(`wrote ${xlsx} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  for (const path of [csv, xlsx]) {
    const self = fileURLToPath(import.meta.url);
    spawnSync(process.execPath, [...process.execArgv, self, '--measure', path], {
      stdio: 'inherit',
    });
  }
}

await main();
