/** Test helpers for imports: upload text as a file and run the import jobs to completion. */
import type { Config } from '../config/config.js';
import type { DatabaseHandle } from '../db/database.js';
import { createMailer, registerEmailJobs } from '../email/index.js';
import { createJobRegistry, startWorker } from '../jobs/index.js';
import { requireImportRow } from './imports.repository.js';
import { registerImportJobs } from './importJobs.js';
import { uploadImport, type UploadImportInput } from './uploadImport.js';

export async function* bytesOf(content: string | Uint8Array) {
  yield typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
}

/** Runs every queued job (imports and their emails) until none is left. */
export async function runJobs(handle: DatabaseHandle, config: Config, chunkRows?: number) {
  const registry = createJobRegistry();
  registerImportJobs(registry, config, chunkRows ? { chunkRows } : {});
  registerEmailJobs(registry, createMailer(config));
  const worker = startWorker({ handle, registry, exitWhenIdle: true, pollMs: 20 });
  await worker.idle;
}

/** Uploads `content`, runs it, and returns the finished import row. */
export async function importText(
  handle: DatabaseHandle,
  config: Config,
  tenantId: number,
  content: string | Uint8Array,
  options: Partial<Omit<UploadImportInput, 'tenantId' | 'source'>> & { chunkRows?: number } = {},
) {
  const id = await uploadImport(handle.db, config, {
    tenantId,
    fileName: 'balances.csv',
    dryRun: false,
    confirmRepeat: false,
    actor: 'admin:admin@example.com',
    ...options,
    source: bytesOf(content),
  });
  await runJobs(handle, config, options.chunkRows);
  return requireImportRow(handle.db, tenantId, id);
}
