/** The public face of background jobs; see types.ts for the terminology. */
export type {
  EnqueueOptions,
  JobContext,
  JobDefinition,
  JobEndContext,
  JobHandler,
  JobKind,
  JobPayloads,
  JobRow,
} from './types.js';
export { createJobRegistry, registerJobHandler, schedulePeriodic } from './registry.js';
export type { JobRegistry, PeriodicJob } from './registry.js';
export { enqueueJob, DEFAULT_MAX_ATTEMPTS } from './enqueueJob.js';
export { claimJob } from './claimJob.js';
export { cancelJob, type CancelOutcome } from './cancelJob.js';
export { getJob, hasPendingJobs } from './getJob.js';
export { ensurePeriodicJobs } from './periodic.js';
export { defaultRetryDelayMs, isTransientError } from './retry.js';
export { JobInterrupted, type StopReason } from './jobSession.js';
export type { JobOutcome, JobRunResult } from './runJob.js';
export { startWorker, type Worker, type WorkerEvent, type WorkerOptions } from './worker.js';
