import { registerJobHandler, schedulePeriodic, type JobRegistry } from '../jobs/registry.js';
import { sweepExpiredFiles } from './sweepExpiredFiles.js';

declare module '../jobs/types.js' {
  interface JobPayloads {
    /** Periodic: removes expired and abandoned files. */
    'files.sweep': Record<string, never>;
  }
}

const HOUR_MS = 3_600_000;

/** Registers the `files.sweep` job and runs it every `sweepEveryMs` (hourly by default). */
export function registerFileJobs(
  registry: JobRegistry,
  options: { sweepEveryMs?: number } = {},
): void {
  registerJobHandler(registry, 'files.sweep', async (_payload, ctx) => {
    await sweepExpiredFiles(ctx.db);
  });
  schedulePeriodic(registry, 'files.sweep', options.sweepEveryMs ?? HOUR_MS);
}
