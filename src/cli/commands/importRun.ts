/**
 * Runs an import to its end from the command line: a worker of this process takes its job (a
 * `serve` or `worker` process may take it instead; then this just follows it), and a progress
 * bar follows the rows done, on a terminal only.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { buildJobRegistry } from '../../app/jobRegistry.js';
import type { Config } from '../../config/config.js';
import type { DatabaseHandle } from '../../db/database.js';
import { AppError } from '../../domain/errors.js';
import { getImportRow, type ImportRow } from '../../imports/imports.repository.js';
import { IMPORT_JOB } from '../../imports/importJob.js';
import { registerImportJobs } from '../../imports/importJobs.js';
import { startWorker } from '../../jobs/index.js';
import { createProgress, type Progress } from '../progress.js';

const POLL_MS = 200;
/** How long the worker may go on after the import ends, to send its email, before it stops. */
const EMAIL_GRACE_MS = 10_000;
const FINAL = new Set(['succeeded', 'failed', 'cancelled']);

/** Every job kind, imports included even before the shared registry lists them. */
function registryFor(config: Config) {
  const registry = buildJobRegistry(config);
  if (!registry.definitions.has(IMPORT_JOB)) registerImportJobs(registry, config);
  return registry;
}

async function follow(handle: DatabaseHandle, tenantId: number, id: number): Promise<ImportRow> {
  let progress: Progress | null = null;
  for (;;) {
    const imp = await getImportRow(handle.db, tenantId, id);
    if (!imp) throw new AppError('NOT_FOUND', `Import ${id} disappeared`, { id });
    if (imp.total_rows !== null) {
      progress ??= createProgress({ label: 'rows', total: imp.total_rows });
      progress.update(imp.rows_done);
    }
    if (FINAL.has(imp.status)) {
      progress?.finish();
      return imp;
    }
    await sleep(POLL_MS);
  }
}

/** Runs the jobs until import `id` has ended; returns its final row. */
export async function runImportToEnd(
  handle: DatabaseHandle,
  config: Config,
  tenantId: number,
  id: number,
): Promise<ImportRow> {
  const worker = startWorker({
    handle,
    registry: registryFor(config),
    exitWhenIdle: true,
    pollMs: 100,
    onEvent: (event) => {
      if (event.type === 'error') process.stderr.write(`worker: ${event.message}\n`);
    },
  });
  const interrupt = () => {
    process.stderr.write(
      `\ninterrupted: import ${id} goes back to the queue and resumes where it stopped when a worker runs (rewardbook worker, or serve)\n`,
    );
    void worker.stop().then(() => process.exit(130));
  };
  process.once('SIGINT', interrupt);
  try {
    const imp = await follow(handle, tenantId, id);
    const grace = new AbortController();
    await Promise.race([
      worker.idle,
      sleep(EMAIL_GRACE_MS, undefined, { signal: grace.signal }).catch(() => undefined),
    ]);
    grace.abort();
    return imp;
  } finally {
    process.removeListener('SIGINT', interrupt);
    await worker.stop();
  }
}
