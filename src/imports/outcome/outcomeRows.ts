/**
 * Joins the uploaded file, read again in order, with the stored row outcomes, so the error and
 * results files carry each row exactly as uploaded without storing every row's cells twice.
 */
import type { Db } from '../../db/database.js';
import type { ImportFile, ImportRecord } from '../read/types.js';

export interface StoredOutcome {
  record_number: number;
  outcome: string;
  unit_code: string | null;
  amount: number | null;
  message: string | null;
  warnings: string | null;
}

const PAGE = 5000;

async function* outcomesInOrder(
  db: Db,
  importId: number,
  onlyErrors: boolean,
): AsyncGenerator<StoredOutcome> {
  let after = 0;
  for (;;) {
    let query = db
      .selectFrom('import_rows')
      .select(['record_number', 'outcome', 'unit_code', 'amount', 'message', 'warnings'])
      .where('import_id', '=', importId)
      .where('record_number', '>', after)
      .orderBy('record_number')
      .limit(PAGE);
    if (onlyErrors) query = query.where('outcome', '=', 'error');
    const rows = await query.execute();
    yield* rows;
    const last = rows.at(-1);
    if (!last || rows.length < PAGE) return;
    after = last.record_number;
  }
}

/** Batches of [record, outcome] for every stored outcome (or only errors), in file order. */
export async function* joinOutcomes(
  db: Db,
  importId: number,
  file: ImportFile,
  onlyErrors: boolean,
): AsyncGenerator<[ImportRecord, StoredOutcome][]> {
  const outcomes = outcomesInOrder(db, importId, onlyErrors);
  let next = await outcomes.next();
  for await (const batch of file.batches) {
    const joined: [ImportRecord, StoredOutcome][] = [];
    for (const record of batch) {
      while (!next.done && next.value.record_number < record.recordNumber)
        next = await outcomes.next();
      if (!next.done && next.value.record_number === record.recordNumber)
        joined.push([record, next.value]);
    }
    if (joined.length > 0) yield joined;
    if (next.done) return;
  }
}
