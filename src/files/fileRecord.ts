import type { Selectable } from 'kysely';
import type { FileTable } from '../db/schema.js';

/** A complete stored file (its bytes are read with readFile). */
export interface FileRecord {
  id: number;
  tenantId: number;
  /** What the file is: 'report' or 'upload' ('import-errors' and 'import-results' before migration 008). */
  purpose: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  createdAt: number;
  /** Epoch ms after which the file is gone; null keeps it until deleted. */
  expiresAt: number | null;
}

export const DAY_MS = 86_400_000;

export function toFileRecord(row: Selectable<FileTable>): FileRecord {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    purpose: row.purpose,
    name: row.name,
    contentType: row.content_type,
    size: row.size,
    sha256: row.sha256 ?? '',
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}

/** When a file written now should expire under the configured retention (FILE_RETENTION_DAYS). */
export function fileExpiry(config: { fileRetentionDays: number }, now = Date.now()): number {
  return now + config.fileRetentionDays * DAY_MS;
}
