/**
 * The one place where a rewardbook process starts its background worker: `serve` runs one in
 * the same process (unless --no-worker) and `worker` runs one alone, for scaling out. The job
 * kinds come from buildJobRegistry (src/app/jobRegistry.ts).
 */
import { buildJobRegistry } from '../app/jobRegistry.js';
import type { Config } from '../config/config.js';
import type { DatabaseHandle } from '../db/database.js';
import { startWorker, type Worker } from '../jobs/index.js';

export interface BackgroundWorkerOptions {
  /** Stop once no job is queued, running or waiting for a retry (`worker --exit-when-idle`). */
  exitWhenIdle?: boolean;
}

/** Starts a worker for every registered kind, or returns null when there is nothing to run. */
export function startBackgroundWorker(
  handle: DatabaseHandle,
  config: Config,
  log: (message: string) => void,
  options: BackgroundWorkerOptions = {},
): Worker | null {
  const registry = buildJobRegistry(config);
  if (registry.definitions.size === 0) return null;
  return startWorker({
    handle,
    registry,
    exitWhenIdle: options.exitWhenIdle,
    onEvent: (event) => {
      if (event.type === 'error') log(`worker: ${event.message}`);
    },
  });
}
