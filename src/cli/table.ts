/**
 * Plain-text tables for people. Column widths come from the header and the first rows, so a long
 * listing streams without being held in memory; a later, wider cell just pushes its line out.
 */
import { write } from './output.js';

export type Cell = string | number | null | undefined;

const SAMPLE_ROWS = 200;

function text(cell: Cell): string {
  return cell === null || cell === undefined ? '' : String(cell);
}

function formatRow(cells: readonly string[], widths: readonly number[]): string {
  return (
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd() + '\n'
  );
}

export async function writeTable(
  header: readonly string[],
  rows: AsyncIterable<readonly Cell[]> | Iterable<readonly Cell[]>,
  empty = '(none)',
): Promise<number> {
  const widths = header.map((h) => h.length);
  const sample: string[][] = [];
  let count = 0;
  let flushed = false;
  const flushSample = async () => {
    flushed = true;
    await write(formatRow(header, widths));
    for (const row of sample) await write(formatRow(row, widths));
  };
  for await (const row of rows) {
    const cells = row.map(text);
    count++;
    if (flushed) {
      await write(formatRow(cells, widths));
      continue;
    }
    cells.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
    sample.push(cells);
    if (sample.length >= SAMPLE_ROWS) await flushSample();
  }
  if (count === 0) await write(empty + '\n');
  else if (!flushed) await flushSample();
  return count;
}
