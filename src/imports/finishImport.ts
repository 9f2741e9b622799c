/** The end of an import: its summary, error and results files, status, and the email. */
import type { Config } from '../config/config.js';
import type { Db } from '../db/database.js';
import { formatAmount } from '../domain/amounts.js';
import { fileExpiry, writeFile } from '../files/index.js';
import { joinOutcomes } from './outcome/outcomeRows.js';
import { writeCsvTable } from './outcome/csvTable.js';
import { readImportFile } from './read/readImportFile.js';
import type { ByteSource } from './read/types.js';
import type { ImportRow } from './imports.repository.js';
import { notifyImportFinished } from './importEmail.js';
import { summarizeImport } from './summary.js';

function baseName(fileName: string): string {
  return fileName.replace(/\.(csv|xlsx|txt)$/i, '') || 'import';
}

async function writeOutcomeFile(
  db: Db,
  imp: ImportRow,
  source: ByteSource,
  kind: 'errors' | 'results',
  config: Config,
): Promise<number> {
  const file = await readImportFile(source);
  const decimals = new Map(
    (
      await db
        .selectFrom('units')
        .select(['code', 'decimals'])
        .where('tenant_id', '=', imp.tenant_id)
        .execute()
    ).map((u) => [u.code, u.decimals] as const),
  );
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
        const warnings = outcome.warnings.join(' | ');
        return [...cells, number, outcome.outcome, amount, outcome.message ?? '', warnings];
      });
    }
  }
  const written = await writeFile(
    db,
    {
      tenantId: imp.tenant_id,
      purpose: kind === 'errors' ? 'import-errors' : 'import-results',
      name: `${baseName(imp.file_name)}-${kind}.csv`,
      contentType: 'text/csv; charset=utf-8',
      expiresAt: fileExpiry(config),
    },
    writeCsvTable(header, rows()),
  );
  return written.id;
}

export type FinishOutcome = { source: ByteSource } | { failed: string };

/** Marks the import finished (once: a second call after a crash finds it done and returns). */
export async function finishImport(
  db: Db,
  imp: ImportRow,
  outcome: FinishOutcome,
  config: Config,
): Promise<void> {
  const current = await db
    .selectFrom('imports')
    .select('status')
    .where('id', '=', imp.id)
    .executeTakeFirst();
  if (current?.status === 'succeeded' || current?.status === 'failed') return;
  const now = Date.now();
  if ('failed' in outcome) {
    await db
      .updateTable('imports')
      .set({ status: 'failed', error: outcome.failed, finished_at: now })
      .where('id', '=', imp.id)
      .execute();
    await notifyImportFinished(db, imp.id, config);
    return;
  }
  const summary = await summarizeImport(db, imp.tenant_id, imp.id);
  const errorFileId =
    summary.errors > 0 ? await writeOutcomeFile(db, imp, outcome.source, 'errors', config) : null;
  const resultsFileId = await writeOutcomeFile(db, imp, outcome.source, 'results', config);
  await db
    .updateTable('imports')
    .set({
      status: 'succeeded',
      summary: JSON.stringify(summary),
      error_file_id: errorFileId,
      results_file_id: resultsFileId,
      finished_at: now,
    })
    .where('id', '=', imp.id)
    .execute();
  await notifyImportFinished(db, imp.id, config);
}
