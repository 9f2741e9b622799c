/**
 * The end of an import: its summary, status, and the email. The error and results files are
 * built when downloaded (outcome/outcomeFile.ts).
 */
import type { Config } from '../config/config.js';
import type { Db } from '../db/database.js';
import type { ImportRow } from './imports.repository.js';
import { notifyImportFinished } from './importEmail.js';
import { summarizeImport } from './summary.js';

export type FinishOutcome = 'succeeded' | { failed: string };

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
  if (outcome !== 'succeeded') {
    await db
      .updateTable('imports')
      .set({ status: 'failed', error: outcome.failed, finished_at: now })
      .where('id', '=', imp.id)
      .execute();
    await notifyImportFinished(db, imp.id, config);
    return;
  }
  const summary = await summarizeImport(db, imp.tenant_id, imp.id);
  await db
    .updateTable('imports')
    .set({ status: 'succeeded', summary: JSON.stringify(summary), finished_at: now })
    .where('id', '=', imp.id)
    .execute();
  await notifyImportFinished(db, imp.id, config);
}
