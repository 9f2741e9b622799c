import { csvText } from '../../reports/format/csvWriter.js';

const CHUNK_CHARS = 64 * 1024;

/**
 * Writes rows of text cells as CSV the way the report is written (UTF-8 with a byte-order mark,
 * CRLF, quoting and formula neutralising), so the file opens cleanly and imports again.
 */
export async function* writeCsvTable(
  header: readonly string[],
  batches: AsyncIterable<readonly (readonly string[])[]>,
): AsyncGenerator<Uint8Array> {
  let text = '\uFEFF' + header.map(csvText).join(',') + '\r\n';
  for await (const batch of batches) {
    for (const row of batch) {
      text += row.map(csvText).join(',') + '\r\n';
      if (text.length >= CHUNK_CHARS) {
        yield Buffer.from(text, 'utf8');
        text = '';
      }
    }
  }
  if (text.length > 0) yield Buffer.from(text, 'utf8');
}
