/** Imports and their row outcomes as the API, CLI and app show them. */
import type { Db } from '../db/database.js';
import type { RowOutcome } from '../db/schema.js';
import { formatAmount } from '../domain/amounts.js';
import { toIso } from '../domain/dates.js';
import { requireImportRow, type ImportRow } from './imports.repository.js';
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
  files: { original: number; errors: number | null; results: number | null };
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
    progress: { done: row.rows_done, total: row.total_rows },
    summary: row.summary ? (JSON.parse(row.summary) as ImportSummary) : null,
    error: row.error,
    files: { original: row.file_id, errors: row.error_file_id, results: row.results_file_id },
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
  let query = db
    .selectFrom('import_rows as r')
    .leftJoin('units as u', (join) =>
      join.onRef('u.code', '=', 'r.unit_code').on('u.tenant_id', '=', tenantId),
    )
    .select([
      'r.record_number',
      'r.outcome',
      'r.account_id',
      'r.user_id',
      'r.unit_code',
      'r.program_code',
      'r.value_text',
      'r.amount',
      'r.message',
      'r.warnings',
      'u.decimals',
    ])
    .where('r.import_id', '=', importId)
    .where('r.record_number', '>', filter.after ?? 0)
    .orderBy('r.record_number')
    .limit(limit + 1);
  if (filter.outcome === 'warning') query = query.where('r.warnings', 'is not', null);
  else if (filter.outcome) query = query.where('r.outcome', '=', filter.outcome);
  const rows = await query.execute();
  const page = rows.slice(0, limit);
  return {
    items: page.map((r) => ({
      recordNumber: r.record_number,
      outcome: r.outcome,
      accountId: r.account_id,
      userId: r.user_id,
      unit: r.unit_code,
      programId: r.program_code,
      valueToRedeem: r.value_text,
      amountRedeemed: r.amount === null ? null : formatAmount(r.amount, r.decimals ?? 0),
      message: r.message,
      warnings: r.warnings ? (JSON.parse(r.warnings) as string[]) : [],
    })),
    nextAfter: rows.length > limit ? (page.at(-1)?.record_number ?? null) : null,
  };
}
