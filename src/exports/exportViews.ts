/** Exports as the API and the CLI show them. */
import { AppError } from '../domain/errors.js';
import type { Db } from '../db/database.js';
import { toIso } from '../domain/dates.js';
import { exportNotFound } from './cancelExport.js';
import { findExport, listExportRecords, type ExportRecord } from './exports.repository.js';

export interface ExportView {
  id: number;
  type: string;
  format: string;
  unit: string | null;
  programId: string | null;
  status: string;
  /** How far generation got: participants looked at (estimated), of all the tenant's participants. */
  progress: { percent: number; done: number; total: number };
  rowCount: number | null;
  notifyEmail: string | null;
  createdBy: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
  /** The report, once it exists and until it expires. */
  file: { name: string; size: number; expiresAt: string | null; downloadPath: string } | null;
}

function progressOf(record: ExportRecord): ExportView['progress'] {
  const done = Number(record.progressDone ?? 0);
  const total = Number(record.progressTotal ?? 0);
  if (record.status === 'succeeded') return { percent: 100, done: total, total };
  const percent = total > 0 ? Math.min(99, Math.floor((done / total) * 100)) : 0;
  return { percent, done, total };
}

export function toExportView(record: ExportRecord, now = Date.now()): ExportView {
  const expiresAt = record.fileExpiresAt === null ? null : Number(record.fileExpiresAt);
  const fileLive = record.fileName !== null && (expiresAt === null || expiresAt > now);
  return {
    id: record.id,
    type: record.type,
    format: record.format,
    unit: record.unitCode,
    programId: record.programCode,
    status: record.status,
    progress: progressOf(record),
    rowCount: record.row_count === null ? null : Number(record.row_count),
    notifyEmail: record.notify_email,
    createdBy: record.actor,
    createdAt: toIso(record.created_at) ?? '',
    startedAt: toIso(record.started_at),
    finishedAt: toIso(record.finished_at),
    error: record.error,
    file: fileLive
      ? {
          name: record.fileName ?? '',
          size: Number(record.fileSize ?? 0),
          expiresAt: toIso(expiresAt),
          downloadPath: `/api/v1/exports/${record.id}/download`,
        }
      : null,
  };
}

/** Errors: NOT_FOUND (including another tenant's export). */
export async function getExportView(db: Db, tenantId: number, exportId: number) {
  const record = await findExport(db, tenantId, exportId);
  if (!record) throw exportNotFound(exportId);
  return toExportView(record);
}

export interface ExportPage {
  items: ExportView[];
  /** Pass as `cursor` for the next (older) page; null on the last. */
  nextCursor: number | null;
}

/** A tenant's exports, newest first. Errors: VALIDATION_FAILED (limit). */
export async function listExports(
  db: Db,
  tenantId: number,
  options: { limit?: number; cursor?: number | null } = {},
): Promise<ExportPage> {
  const limit = options.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) {
    throw new AppError(
      'VALIDATION_FAILED',
      `limit must be a whole number from 1 to 200; got ${limit}`,
      {
        field: 'limit',
      },
    );
  }
  const rows = await listExportRecords(db, tenantId, { limit: limit + 1, before: options.cursor });
  const items = rows.slice(0, limit).map((r) => toExportView(r));
  return { items, nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
}
