/**
 * Times the balances-report writers alone (no database): 1,000,000 synthetic rows by default.
 * Run: npx tsx bench/reportWriters.bench.ts [--rows N] [--out DIR]
 * With --out, the files are written to DIR (report.csv, report.xlsx) instead of only counted.
 */
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import type { BalanceReportRow } from '../src/reports/format/columns.js';
import { writeCsv } from '../src/reports/format/csvWriter.js';
import { syntheticBatches } from '../src/reports/format/testRows.js';
import { writeXlsx } from '../src/reports/format/xlsxWriter.js';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const ROWS = Number(option('--rows') ?? 1_000_000);
const OUT = option('--out');
const BATCH = 1000;

// The rows are built once and reused, so the timings and memory are the writer's, not the
// generator's; 10,000 distinct rows are more than the compressor's window can exploit.
const POOL = [...syntheticBatches(10_000, BATCH)];

function* batches(): Generator<readonly BalanceReportRow[]> {
  for (let sent = 0, i = 0; sent < ROWS; sent += BATCH, i++) {
    const batch = POOL[i % POOL.length] ?? [];
    yield sent + BATCH <= ROWS ? batch : batch.slice(0, ROWS - sent);
  }
}

async function measure(name: string, chunks: AsyncIterable<Uint8Array>): Promise<void> {
  const file = OUT ? createWriteStream(join(OUT, `report.${name.toLowerCase()}`)) : null;
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  let bytes = 0;
  let peakRss = process.memoryUsage.rss();
  let count = 0;
  for await (const chunk of chunks) {
    bytes += chunk.length;
    if (file && !file.write(chunk))
      await new Promise<void>((resolve) => file.once('drain', resolve));
    if (++count % 16 === 0) peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }
  if (file) {
    file.end();
    await finished(file);
  }
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  console.log(
    `${name.padEnd(4)} ${ROWS} rows  ${seconds.toFixed(2)} s wall  ` +
      `${((cpu.user + cpu.system) / 1e6).toFixed(2)} s CPU (all threads)  ` +
      `${Math.round(ROWS / seconds).toLocaleString('en')} rows/s  ` +
      `${(bytes / 1e6).toFixed(1)} MB out  peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MiB`,
  );
}

console.log(
  `node ${process.version}, rows pool built; RSS ${(process.memoryUsage.rss() / 2 ** 20).toFixed(0)} MiB`,
);
await measure('CSV', writeCsv(batches()));
await measure('XLSX', writeXlsx(batches()));
console.log(`process max RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
