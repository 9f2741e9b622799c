/**
 * The one place where a rewardbook process starts its background worker: `serve` runs one in
 * the same process (unless --no-worker) and `worker` runs one alone, for scaling out.
 */
import type { Config } from '../config/config.js';
import type { DatabaseHandle } from '../db/database.js';
import { createJobRegistry, startWorker, type JobRegistry, type Worker } from '../jobs/index.js';

/**
 * The job kinds this process can run.
 * LEAD-WIRE: register the feature handlers here (exports, imports, email sending, file and
 * expiry sweeps), e.g. `registerExportJobs(registry, { config })`.
 */
export function buildJobRegistry(_config: Config): JobRegistry {
  const registry = createJobRegistry();
  return registry;
}

/** Starts a worker for every registered kind, or returns null when there is nothing to run. */
export function startBackgroundWorker(
  handle: DatabaseHandle,
  config: Config,
  log: (message: string) => void,
): Worker | null {
  const registry = buildJobRegistry(config);
  if (registry.definitions.size === 0) return null;
  return startWorker({
    handle,
    registry,
    onEvent: (event) => {
      if (event.type === 'error') log(`worker: ${event.message}`);
    },
  });
}
