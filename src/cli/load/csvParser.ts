/**
 * An RFC 4180 CSV parser that takes text in chunks of any size, so a file of a million rows is
 * read without holding it in memory. Quoted fields may hold commas, quotes ("") and line breaks;
 * records end at CRLF, LF or CR; a leading byte-order mark is dropped.
 */
import { AppError } from '../../domain/errors.js';

const QUOTE = 34;
const COMMA = 44;
const CR = 13;
const LF = 10;

type State = 'fieldStart' | 'unquoted' | 'quoted' | 'quoteInQuoted' | 'afterCR';

export class CsvParser {
  private state: State = 'fieldStart';
  private field = '';
  private record: string[] = [];
  private started = false;
  /** 1-based number of the record being read, for error messages. */
  private recordNumber = 1;

  /** Parses the next chunk and returns the records it completed. */
  push(chunk: string): string[][] {
    const out: string[][] = [];
    let text = chunk;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      switch (this.state) {
        case 'afterCR':
          this.state = 'fieldStart';
          if (c === LF) break;
        // A lone CR ended the record; this character starts the next one.
        // falls through
        case 'fieldStart':
          if (c === QUOTE) this.state = 'quoted';
          else if (c === COMMA) this.endField();
          else if (c === CR || c === LF) this.endRecord(out, c);
          else {
            this.field += text[i];
            this.state = 'unquoted';
          }
          break;
        case 'unquoted': {
          // Copy the run of plain characters in one slice: far faster than char by char.
          let j = i;
          while (j < text.length) {
            const d = text.charCodeAt(j);
            if (d === COMMA || d === CR || d === LF) break;
            j++;
          }
          this.field += text.slice(i, j);
          i = j - 1;
          if (j < text.length) {
            i = j;
            const d = text.charCodeAt(j);
            if (d === COMMA) {
              this.endField();
              this.state = 'fieldStart';
            } else this.endRecord(out, d);
          }
          break;
        }
        case 'quoted': {
          const close = text.indexOf('"', i);
          if (close === -1) {
            this.field += text.slice(i);
            i = text.length;
          } else {
            this.field += text.slice(i, close);
            i = close;
            this.state = 'quoteInQuoted';
          }
          break;
        }
        case 'quoteInQuoted':
          if (c === QUOTE) {
            this.field += '"';
            this.state = 'quoted';
          } else if (c === COMMA) {
            this.endField();
            this.state = 'fieldStart';
          } else if (c === CR || c === LF) this.endRecord(out, c);
          else {
            throw new AppError(
              'UNREADABLE_FILE',
              `record ${this.recordNumber}: unexpected ${JSON.stringify(text[i])} after a closing quote; a quote inside a quoted field is written as ""`,
              { record: this.recordNumber },
            );
          }
          break;
      }
    }
    return out;
  }

  /** Ends the input and returns the last record, if the text did not end with a line break. */
  end(): string[][] {
    if (this.state === 'quoted') {
      throw new AppError(
        'UNREADABLE_FILE',
        `record ${this.recordNumber}: a quoted field is never closed; add the missing "`,
        { record: this.recordNumber },
      );
    }
    const out: string[][] = [];
    if (this.state !== 'afterCR' && (this.state !== 'fieldStart' || this.record.length > 0)) {
      this.endRecord(out, LF);
    }
    this.state = 'fieldStart';
    return out;
  }

  private endField(): void {
    this.record.push(this.field);
    this.field = '';
  }

  private endRecord(out: string[][], terminator: number): void {
    this.endField();
    out.push(this.record);
    this.record = [];
    this.recordNumber++;
    this.state = terminator === CR ? 'afterCR' : 'fieldStart';
  }
}

/** The records of a CSV text arriving in chunks (a file stream read as UTF-8, say). */
export async function* readCsvRecords(
  chunks: AsyncIterable<string> | Iterable<string>,
): AsyncGenerator<string[]> {
  const parser = new CsvParser();
  for await (const chunk of chunks) yield* parser.push(chunk);
  yield* parser.end();
}
