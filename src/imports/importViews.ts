/** Imports and their row outcomes as the API, CLI and app show them. */
import type { Db } from '../db/database.js';
import type { RowOutcome } from '../db/schema.js';
import { formatAmount } from '../domain/amounts.js';
import { toIso } from '../domain/dates.js';
import { requireImportRow, unitDecimals, type ImportRow } from './imports.repository.js';
import type { RowOutcomeRecord } from './outcome/chunkOutcomes.js';
import { hasOutcomeFile } from './outcome/outcomeFile.js';
import { storedOutcomes } from './outcome/outcomes.repository.js';
import type { ImportSummary } from './summary.js';

export interface ImportView {
  id: number;
  type: string;
  dryRun: boolean;
  status: string;
  fileName: string;
  sha256: string;
  actor: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  progress: { done: number; total: number | null };
  summary: ImportSummary | null;
  error: string | null;
  /** The uploaded file's id; whether the error and results files can be downloaded. */
  files: { original: number; errors: boolean; results: boolean };
  reversedAt: string | null;
  reversedBy: string | null;
}

export function presentImport(row: ImportRow): ImportView {
  return {
    id: row.id,
    type: row.type,
    dryRun: row.dry_run === 1,
    status: row.status,
    fileName: row.file_name,
    sha256: row.sha256,
    actor: row.actor,
    createdAt: toIso(row.created_at) ?? '',
    startedAt: toIso(row.started_at),
    finishedAt: toIso(row.finished_at),
    // The total is counted before the first chunk; odd blank rows can make it a little short
    // until the import ends and sets it exactly.
    progress: {
      done: row.rows_done,
      total: row.total_rows === null ? null : Math.max(row.total_rows, row.rows_done),
    },
    summary: row.summary ? (JSON.parse(row.summary) as ImportSummary) : null,
    error: row.error,
    files: {
      original: row.file_id,
      errors: hasOutcomeFile(row, 'errors'),
      results: hasOutcomeFile(row, 'results'),
    },
    reversedAt: toIso(row.reversed_at),
    reversedBy: row.reversed_by,
  };
}

export async function getImportView(db: Db, tenantId: number, id: number): Promise<ImportView> {
  return presentImport(await requireImportRow(db, tenantId, id));
}

export async function listImportViews(
  db: Db,
  tenantId: number,
  page: { before?: number; limit?: number },
): Promise<ImportView[]> {
  let query = db
    .selectFrom('imports')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('id', 'desc')
    .limit(Math.min(Math.max(page.limit ?? 50, 1), 500));
  if (page.before !== undefined) query = query.where('id', '<', page.before);
  return (await query.execute()).map(presentImport);
}

export interface ImportRowView {
  recordNumber: number;
  outcome: RowOutcome;
  accountId: string | null;
  userId: string | null;
  unit: string | null;
  programId: string | null;
  valueToRedeem: string | null;
  amountRedeemed: string | null;
  message: string | null;
  warnings: string[];
}

/** Row outcomes in file order, a page at a time, optionally only one outcome or warned rows. */
export async function listImportRows(
  db: Db,
  tenantId: number,
  importId: number,
  filter: { outcome?: RowOutcome | 'warning'; after?: number; limit?: number },
): Promise<{ items: ImportRowView[]; nextAfter: number | null }> {
  await requireImportRow(db, tenantId, importId);
  const limit = Math.min(Math.max(filter.limit ?? 100, 1), 1000);
  const decimals = await unitDecimals(db, tenantId);
  const rows: RowOutcomeRecord[] = [];
  const outcomes = storedOutcomes(db, importId, { after: filter.after, filter: filter.outcome });
  for await (const row of outcomes) {
    rows.push(row);
    if (rows.length > limit) break;
  }
  const page = rows.slice(0, limit);
  return {
    items: page.map((r) => ({
      recordNumber: r.recordNumber,
      outcome: r.outcome,
      accountId: r.accountId,
      userId: r.userId,
      unit: r.unitCode,
      programId: r.programCode,
      valueToRedeem: r.valueText,
      amountRedeemed:
        r.amount === null ? null : formatAmount(r.amount, decimals.get(r.unitCode ?? '') ?? 0),
      message: r.message,
      warnings: r.warnings,
    })),
    nextAfter: rows.length > limit ? (page.at(-1)?.recordNumber ?? null) : null,
  };
}
