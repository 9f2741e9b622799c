/**
 * Table types for Kysely. Terminology:
 * - amounts (`amount`, `redeemed`) are integers of the unit's smallest fraction (minor units);
 * - times (`*_at`, `date_*`) are integers of milliseconds since the Unix epoch, so comparisons
 *   behave the same on SQLite and PostgreSQL;
 * - flags are integers 0/1 for the same reason.
 */
import type { Generated } from 'kysely';

export type RewardStatus = 'PENDING' | 'AVAILABLE' | 'REDEEMED' | 'EXPIRED' | 'CANCELLED';
export type RedemptionSource = 'API' | 'UI' | 'CLI' | 'IMPORT';
export type RedemptionKind = 'REDEEM' | 'REVERSAL';

export interface TenantTable {
  id: Generated<number>;
  slug: string;
  name: string;
  created_at: number;
}

export interface AdminTable {
  id: Generated<number>;
  tenant_id: number;
  email: string;
  name: string;
  password_hash: string | null;
  created_at: number;
  removed_at: number | null;
}

export interface ApiKeyTable {
  id: Generated<number>;
  tenant_id: number;
  name: string;
  /** The first characters of the key, shown to tell keys apart; the key itself is never stored. */
  prefix: string;
  key_hash: string;
  created_at: number;
  revoked_at: number | null;
}

export interface ProgramTable {
  id: Generated<number>;
  tenant_id: number;
  code: string;
  name: string;
  created_at: number;
}

export interface UnitTable {
  id: Generated<number>;
  tenant_id: number;
  code: string;
  name: string;
  decimals: number;
  created_at: number;
}

export interface ParticipantTable {
  id: Generated<number>;
  tenant_id: number;
  account_id: string;
  user_id: string;
  email: string | null;
  first_name: string | null;
  last_name: string | null;
  created_at: number;
  updated_at: number;
}

export interface RewardTable {
  id: Generated<number>;
  tenant_id: number;
  reward_key: string;
  participant_id: number;
  program_id: number | null;
  unit_id: number;
  type: string;
  amount: number;
  redeemed: number;
  status: RewardStatus;
  date_given: number;
  date_expires: number | null;
  date_redeemed: number | null;
  date_cancelled: number | null;
  created_at: number;
}

export interface RedemptionTable {
  id: Generated<number>;
  tenant_id: number;
  kind: RedemptionKind;
  participant_id: number;
  unit_id: number;
  program_id: number | null;
  /** Positive for a redemption; a reversal carries the same positive amount it gives back. */
  amount: number;
  source: RedemptionSource;
  import_id: number | null;
  import_row: number | null;
  actor: string;
  idempotency_key: string | null;
  request_hash: string | null;
  reverses_id: number | null;
  created_at: number;
}

export interface RedemptionLineTable {
  id: Generated<number>;
  redemption_id: number;
  reward_id: number;
  /** Signed: taken from the reward (> 0) or given back by a reversal (< 0). */
  amount: number;
}

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface JobTable {
  id: Generated<number>;
  tenant_id: number | null;
  kind: string;
  /** JSON text of the job's typed payload. */
  payload: string;
  status: JobStatus;
  /** Jobs sharing a non-null key run one at a time (one import per tenant, say). */
  queue_key: string | null;
  run_at: number;
  attempts: number;
  max_attempts: number;
  locked_by: string | null;
  locked_until: number | null;
  progress_done: number;
  progress_total: number;
  last_error: string | null;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
  /** 1 once someone asked to cancel a running job; its handler stops at its next progress. */
  cancel_requested: Generated<number>;
}

export interface FileTable {
  id: Generated<number>;
  tenant_id: number;
  /** What the file is: 'report' or 'upload' ('import-errors' and 'import-results' before migration 008). */
  purpose: string;
  name: string;
  content_type: string;
  size: number;
  sha256: string | null;
  /** 0 while chunks are still being written; readers only see complete files. */
  complete: number;
  created_at: number;
  expires_at: number | null;
}

export interface FileChunkTable {
  file_id: number;
  seq: number;
  data: Uint8Array;
}

export type EmailStatus = 'queued' | 'sent' | 'kept' | 'failed';

export interface EmailTable {
  id: Generated<number>;
  tenant_id: number | null;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string;
  status: EmailStatus;
  created_at: number;
  sent_at: number | null;
  last_error: string | null;
}

export type ExportStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface ExportTable {
  id: Generated<number>;
  tenant_id: number;
  type: string;
  format: string;
  unit_id: number | null;
  program_id: number | null;
  notify_email: string | null;
  actor: string;
  status: ExportStatus;
  job_id: number | null;
  file_id: number | null;
  row_count: number | null;
  error: string | null;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
}

export type ImportStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface ImportTable {
  id: Generated<number>;
  tenant_id: number;
  type: string;
  dry_run: number;
  status: ImportStatus;
  actor: string;
  notify_email: string | null;
  file_id: number;
  file_name: string;
  sha256: string;
  confirm_repeat: number;
  job_id: number | null;
  total_rows: number | null;
  rows_done: number;
  /** JSON text: counts and totals per unit, written when the import finishes. */
  summary: string | null;
  error_file_id: number | null;
  results_file_id: number | null;
  error: string | null;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
  reversed_at: number | null;
  reversed_by: string | null;
}

export type RowOutcome = 'redeemed' | 'skipped' | 'error';

export interface ImportChunkTable {
  import_id: number;
  chunk_no: number;
  first_record: number;
  last_record: number;
  done_at: number;
  /** The chunk's row outcomes, packed (see imports/outcome/chunkOutcomes.ts). */
  outcomes: string;
  redeemed_rows: number;
  skipped_rows: number;
  error_rows: number;
  warned_rows: number;
  /** JSON text: `{ unitCode: [amount in minor units, rows] }` over the chunk's redeemed rows. */
  totals: string;
}

/** An admin's signed-in session of the web app; `id` is the SHA-256 of the cookie's token. */
export interface SessionTable {
  id: string;
  admin_id: number;
  tenant_id: number;
  csrf_token: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  revoked_at: number | null;
}

export interface Database {
  tenants: TenantTable;
  admins: AdminTable;
  api_keys: ApiKeyTable;
  programs: ProgramTable;
  units: UnitTable;
  participants: ParticipantTable;
  rewards: RewardTable;
  redemptions: RedemptionTable;
  redemption_lines: RedemptionLineTable;
  jobs: JobTable;
  files: FileTable;
  file_chunks: FileChunkTable;
  emails: EmailTable;
  exports: ExportTable;
  imports: ImportTable;
  import_chunks: ImportChunkTable;
  sessions: SessionTable;
}
