/**
 * An import's error and results files, built when they are downloaded: the uploaded file read
 * again in order and joined with the stored row outcomes. Nothing is written when an import
 * finishes, so a million-row import does not spend its last seconds writing a file that may never
 * be opened, and the rows appear exactly as uploaded.
 */
import type { Db } from '../../db/database.js';
import { formatAmount } from '../../domain/amounts.js';
import { AppError } from '../../domain/errors.js';
import { getFile, readFile } from '../../files/index.js';
import { unitDecimals, type ImportRow } from '../imports.repository.js';
import { readImportFile } from '../read/readImportFile.js';
import { writeCsvTable } from './csvTable.js';
import { joinOutcomes } from './outcomeRows.js';

export type OutcomeFileKind = 'errors' | 'results';

export interface OutcomeFile {
  name: string;
  contentType: string;
  bytes: AsyncIterable<Uint8Array>;
}

interface StoredSummary {
  errors: number;
}

/** True when the import has this file: results once it succeeded, errors when rows failed too. */
export function hasOutcomeFile(imp: ImportRow, kind: OutcomeFileKind): boolean {
  if (imp.status !== 'succeeded' || !imp.summary) return false;
  return kind === 'results' || (JSON.parse(imp.summary) as StoredSummary).errors > 0;
}

export function missingOutcomeFileMessage(imp: ImportRow, kind: OutcomeFileKind): string {
  if (kind === 'errors' && imp.status === 'succeeded') {
    return `Import ${imp.id} has no error file: none of its rows failed`;
  }
  return `Import ${imp.id} has no ${kind === 'errors' ? 'error' : 'results'} file: it is ${imp.status}, and the file exists once it has succeeded${kind === 'errors' ? ' with rows in error' : ''}`;
}

function baseName(fileName: string): string {
  return fileName.replace(/\.(csv|xlsx|txt)$/i, '') || 'import';
}

/**
 * The error file (failed rows as uploaded, plus recordNumber and error: ready to fix and upload
 * again) or the results file (every row, plus its outcome). Errors: NOT_FOUND when the import has
 * no such file or its uploaded file is gone (FILE_RETENTION_DAYS).
 */
export async function openOutcomeFile(
  db: Db,
  imp: ImportRow,
  kind: OutcomeFileKind,
): Promise<OutcomeFile> {
  if (!hasOutcomeFile(imp, kind)) {
    throw new AppError('NOT_FOUND', missingOutcomeFileMessage(imp, kind), {
      importId: imp.id,
      kind,
    });
  }
  await getFile(db, imp.tenant_id, imp.file_id); // NOT_FOUND before the first byte when swept
  const file = await readImportFile(() => readFile(db, imp.tenant_id, imp.file_id));
  const decimals = await unitDecimals(db, imp.tenant_id);
  const header =
    kind === 'errors'
      ? [...file.header.columns, 'recordNumber', 'error']
      : [
          ...file.header.columns,
          'recordNumber',
          'outcome',
          'amountRedeemed',
          'message',
          'warnings',
        ];
  const width = file.header.columns.length;
  async function* rows() {
    for await (const joined of joinOutcomes(db, imp.id, file, kind === 'errors')) {
      yield joined.map(([record, outcome]) => {
        const cells = record.cells.slice(0, width);
        while (cells.length < width) cells.push('');
        const number = String(record.recordNumber);
        if (kind === 'errors') return [...cells, number, outcome.message ?? ''];
        const amount =
          outcome.amount === null
            ? ''
            : formatAmount(outcome.amount, decimals.get(outcome.unitCode ?? '') ?? 0);
        return [
          ...cells,
          number,
          outcome.outcome,
          amount,
          outcome.message ?? '',
          outcome.warnings.join(' | '),
        ];
      });
    }
  }
  return {
    name: `${baseName(imp.file_name)}-${kind}.csv`,
    contentType: 'text/csv; charset=utf-8',
    bytes: writeCsvTable(header, rows()),
  };
}
