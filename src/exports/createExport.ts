/**
 * Asks for a report: checks the request, then records the export and queues its job in one
 * transaction, so there is never an export without a job or a job without its export.
 */
import type { Db } from '../db/database.js';
import { AppError } from '../domain/errors.js';
import { enqueueJob } from '../jobs/enqueueJob.js';
import { requireProgram } from '../ledger/programs.repository.js';
import { requireUnit } from '../ledger/units.repository.js';
import { EXPORT_JOB, EXPORT_MAX_ATTEMPTS } from './exportJobKind.js';
import { parseExportFormat, parseExportType, type ExportFormat } from './exportKinds.js';
import { firstAdminEmail, insertExport, setExportJob } from './exports.repository.js';

export interface CreateExportInput {
  tenantId: number;
  /** AVAILABLE_REWARD_BALANCES_BY_USER (the default, and the only type so far). */
  type?: string;
  /** CSV or XLSX, in any case. */
  format: string;
  /** A unit code: only balances in that unit. */
  unit?: string | null;
  /** A program code: only that program's rewards, and its code on every row. */
  programId?: string | null;
  /**
   * Who is told when the report is ready. Left out: the admin who asked (an `admin:<email>`
   * actor), else the tenant's first admin, else nobody. null: nobody.
   */
  notifyEmail?: string | null;
  /** `api-key:<name>`, `admin:<email>` or `cli`. */
  actor: string;
}

export interface CreatedExport {
  id: number;
  jobId: number;
  format: ExportFormat;
  notifyEmail: string | null;
}

const ADDRESS = /^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>"]+$/;

async function recipient(db: Db, input: CreateExportInput): Promise<string | null> {
  if (input.notifyEmail !== undefined) {
    const email = input.notifyEmail?.trim() || null;
    if (email !== null && !ADDRESS.test(email)) {
      throw new AppError(
        'VALIDATION_FAILED',
        `notifyEmail "${input.notifyEmail}" is not an email address; give one address such as admin@example.com`,
        { field: 'notifyEmail' },
      );
    }
    return email;
  }
  if (input.actor.startsWith('admin:')) return input.actor.slice('admin:'.length);
  return firstAdminEmail(db, input.tenantId);
}

/** Errors: VALIDATION_FAILED (type, format, notifyEmail), UNKNOWN_UNIT, UNKNOWN_PROGRAM. */
export async function createExport(db: Db, input: CreateExportInput): Promise<CreatedExport> {
  const type = parseExportType(input.type ?? 'AVAILABLE_REWARD_BALANCES_BY_USER');
  const format = parseExportFormat(input.format);
  const unitCode = input.unit?.trim() || null;
  const programCode = input.programId?.trim() || null;
  return db.transaction().execute(async (trx) => {
    const unit = unitCode === null ? null : await requireUnit(trx, input.tenantId, unitCode);
    const program =
      programCode === null ? null : await requireProgram(trx, input.tenantId, programCode);
    const notifyEmail = await recipient(trx, input);
    const id = await insertExport(trx, {
      tenant_id: input.tenantId,
      type,
      format,
      unit_id: unit?.id ?? null,
      program_id: program?.id ?? null,
      notify_email: notifyEmail,
      actor: input.actor,
      status: 'queued',
      job_id: null,
      file_id: null,
      row_count: null,
      error: null,
      created_at: Date.now(),
      started_at: null,
      finished_at: null,
    });
    const jobId = await enqueueJob(trx, {
      kind: EXPORT_JOB,
      payload: { exportId: id },
      tenantId: input.tenantId,
      maxAttempts: EXPORT_MAX_ATTEMPTS,
    });
    await setExportJob(trx, id, jobId);
    return { id, jobId, format, notifyEmail };
  });
}
