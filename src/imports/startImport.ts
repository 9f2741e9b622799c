/**
 * Records an uploaded file as an import and queues its job in the same transaction. Applying a
 * file identical to one already applied is refused unless the admin confirms the repeat.
 */
import type { Db } from '../db/database.js';
import { dialectOf } from '../db/dialectOf.js';
import { toIso } from '../domain/dates.js';
import { AppError } from '../domain/errors.js';
import { enqueueJob } from '../jobs/index.js';

export const IMPORT_TYPE = 'UPDATE_USER_REWARD_BALANCES';

export interface StartImportInput {
  tenantId: number;
  fileId: number;
  fileName: string;
  sha256: string;
  dryRun: boolean;
  confirmRepeat: boolean;
  actor: string;
  notifyEmail: string | null;
  /** Records counted as the file was uploaded (CSV); null when the job must count them. */
  totalRows?: number | null;
}

export const IMPORT_MAX_ATTEMPTS = 50;

/** Imports of one tenant that change balances run one at a time, in the order they came. */
export const importQueueKey = (tenantId: number) => `import:${tenantId}`;

async function findAppliedTwin(trx: Db, tenantId: number, sha256: string) {
  return trx
    .selectFrom('imports')
    .select(['id', 'created_at', 'actor', 'status'])
    .where('tenant_id', '=', tenantId)
    .where('sha256', '=', sha256)
    .where('dry_run', '=', 0)
    .where('status', 'in', ['queued', 'running', 'succeeded'])
    .where('reversed_at', 'is', null)
    .orderBy('id')
    .executeTakeFirst();
}

/** Errors: REPEATED_FILE. Returns the new import's id. */
export async function startImport(db: Db, input: StartImportInput): Promise<number> {
  return db.transaction().execute(async (trx) => {
    if (dialectOf(trx) === 'postgres') {
      // Serialises the repeat check per tenant: two uploads of one file cannot both pass it.
      await trx
        .selectFrom('tenants')
        .select('id')
        .where('id', '=', input.tenantId)
        .forUpdate()
        .execute();
    }
    if (!input.dryRun && !input.confirmRepeat) {
      const twin = await findAppliedTwin(trx, input.tenantId, input.sha256);
      if (twin) {
        throw new AppError(
          'REPEATED_FILE',
          `This file is identical to import ${twin.id}, started ${toIso(twin.created_at)} by ${twin.actor} (${twin.status}); applying it again would redeem the same amounts again. If that is what you mean, confirm the repeat (confirmRepeat=true, or --confirm-repeat in the CLI)`,
          { importId: twin.id },
        );
      }
    }
    const now = Date.now();
    const row = await trx
      .insertInto('imports')
      .values({
        tenant_id: input.tenantId,
        type: IMPORT_TYPE,
        dry_run: input.dryRun ? 1 : 0,
        status: 'queued',
        actor: input.actor,
        notify_email: input.notifyEmail,
        file_id: input.fileId,
        file_name: input.fileName,
        sha256: input.sha256,
        confirm_repeat: input.confirmRepeat ? 1 : 0,
        job_id: null,
        total_rows: input.totalRows ?? null,
        rows_done: 0,
        summary: null,
        error_file_id: null,
        results_file_id: null,
        error: null,
        created_at: now,
        started_at: null,
        finished_at: null,
        reversed_at: null,
        reversed_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const jobId = await enqueueJob(trx, {
      kind: 'import.run',
      payload: { importId: row.id },
      tenantId: input.tenantId,
      queueKey: input.dryRun ? null : importQueueKey(input.tenantId),
      // Every crash of a worker counts an attempt; an import resumes where it stopped, so it
      // may take many before giving up.
      maxAttempts: IMPORT_MAX_ATTEMPTS,
    });
    await trx.updateTable('imports').set({ job_id: jobId }).where('id', '=', row.id).execute();
    return row.id;
  });
}
