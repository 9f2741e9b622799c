/**
 * An import's outcome as the CLI prints it: text for people, or JSON for scripts. The JSON
 * shape is part of the scripting contract: fields are added, never renamed.
 */
import type { Db } from '../../db/database.js';
import { listImportRows, presentImport } from '../../imports/importViews.js';
import { requireImportRow } from '../../imports/imports.repository.js';
import { summarizeImport } from '../../imports/summary.js';
import { line } from '../output.js';

export interface ImportReport {
  id: number;
  status: string;
  dryRun: boolean;
  fileName: string;
  actor: string;
  createdAt: string;
  finishedAt: string | null;
  reversedAt: string | null;
  /** Why it failed as a whole; null otherwise. */
  error: string | null;
  counts: { rows: number; redeemed: number; skipped: number; errors: number; warnings: number };
  totals: { unit: string; amount: string; rows: number }[];
  errors: { recordNumber: number; message: string }[];
}

/** The report of import `id`, with every row in error (paged through, in file order). */
export async function buildImportReport(
  db: Db,
  tenantId: number,
  id: number,
): Promise<ImportReport> {
  const view = presentImport(await requireImportRow(db, tenantId, id));
  // A failed import has no stored summary; what it did before failing still counts.
  const summary = view.summary ?? (await summarizeImport(db, tenantId, id));
  const errors: ImportReport['errors'] = [];
  for (let after: number | null = 0; after !== null;) {
    const page = await listImportRows(db, tenantId, id, { outcome: 'error', after, limit: 1000 });
    for (const row of page.items) {
      errors.push({ recordNumber: row.recordNumber, message: row.message ?? '' });
    }
    after = page.nextAfter;
  }
  return {
    id: view.id,
    status: view.status,
    dryRun: view.dryRun,
    fileName: view.fileName,
    actor: view.actor,
    createdAt: view.createdAt,
    finishedAt: view.finishedAt,
    reversedAt: view.reversedAt,
    error: view.error,
    counts: {
      rows: summary.rows,
      redeemed: summary.redeemed,
      skipped: summary.skipped,
      errors: summary.errors,
      warnings: summary.warnings,
    },
    totals: summary.totals,
    errors,
  };
}

/** Rows in error printed in text; the rest are in the error file or `--json`. */
const ERRORS_SHOWN = 20;

export async function printImportReport(report: ImportReport, json: boolean): Promise<void> {
  if (json) {
    await line(JSON.stringify(report, null, 2));
    return;
  }
  const what = report.dryRun ? 'Dry run' : 'Import';
  await line(`${what} ${report.id} of ${report.fileName}: ${report.status}`);
  if (report.error) await line(`  ${report.error}`);
  const c = report.counts;
  await line(`  rows      ${c.rows}`);
  await line(`  ${report.dryRun ? 'would redeem' : 'redeemed'}  ${c.redeemed}`);
  await line(`  skipped   ${c.skipped} (empty valueToRedeem)`);
  await line(`  errors    ${c.errors}`);
  await line(`  warnings  ${c.warnings}`);
  for (const t of report.totals) {
    await line(`  total ${t.unit}: ${t.amount} in ${t.rows} rows`);
  }
  if (report.reversedAt) await line(`  reversed ${report.reversedAt}`);
  if (report.errors.length === 0) return;
  await line('Rows in error (record number: reason):');
  for (const e of report.errors.slice(0, ERRORS_SHOWN)) {
    await line(`  ${e.recordNumber}: ${e.message}`);
  }
  const more = report.errors.length - ERRORS_SHOWN;
  if (more > 0) {
    await line(
      `  … and ${more} more: see \`rewardbook imports show ${report.id} --json\`, or the error file (GET /api/v1/imports/${report.id}/files/errors)`,
    );
  }
}
