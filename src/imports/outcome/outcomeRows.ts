/**
 * Joins the uploaded file, read again in order, with the stored row outcomes, so the error and
 * results files carry each row exactly as uploaded without storing every row's cells twice.
 */
import type { Db } from '../../db/database.js';
import type { ImportFile, ImportRecord } from '../read/types.js';
import type { RowOutcomeRecord } from './chunkOutcomes.js';
import { storedOutcomes } from './outcomes.repository.js';

/** Batches of [record, outcome] for every stored outcome (or only errors), in file order. */
export async function* joinOutcomes(
  db: Db,
  importId: number,
  file: ImportFile,
  onlyErrors: boolean,
): AsyncGenerator<[ImportRecord, RowOutcomeRecord][]> {
  const outcomes = storedOutcomes(db, importId, { filter: onlyErrors ? 'error' : undefined });
  let next = await outcomes.next();
  for await (const batch of file.batches) {
    const joined: [ImportRecord, RowOutcomeRecord][] = [];
    for (const record of batch) {
      while (!next.done && next.value.recordNumber < record.recordNumber)
        next = await outcomes.next();
      if (!next.done && next.value.recordNumber === record.recordNumber)
        joined.push([record, next.value]);
    }
    if (joined.length > 0) yield joined;
    if (next.done) return;
  }
}
