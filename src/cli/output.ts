/** Writing command output: honouring back-pressure, so a million rows stream in constant memory. */
import { once } from 'node:events';

export interface Sink {
  write(text: string): boolean;
  once(event: 'drain', listener: () => void): unknown;
}

/** Writes text and, when the stream's buffer is full, waits until it drains. */
export async function write(text: string, sink: Sink = process.stdout): Promise<void> {
  if (!sink.write(text)) await once(sink as unknown as NodeJS.EventEmitter, 'drain');
}

export function line(text = ''): Promise<void> {
  return write(text + '\n');
}

/** A CSV cell: quoted when it holds a delimiter, quote or line break (RFC 4180). */
export function csvCell(value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Streams items as a JSON array, one item a line: valid JSON that also reads well. */
export async function writeJsonArray<T>(items: AsyncIterable<T>): Promise<number> {
  let count = 0;
  for await (const item of items) {
    await write((count === 0 ? '[\n' : ',\n') + JSON.stringify(item));
    count++;
  }
  await write(count === 0 ? '[]\n' : '\n]\n');
  return count;
}

export async function writeCsv<T extends object>(
  columns: readonly (keyof T & string)[],
  items: AsyncIterable<T>,
): Promise<number> {
  await write(columns.join(',') + '\n');
  let count = 0;
  for await (const item of items) {
    await write(columns.map((c) => csvCell(item[c] as string | null)).join(',') + '\n');
    count++;
  }
  return count;
}
