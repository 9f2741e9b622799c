import { holdsJob } from './lease.js';
import { completeJob, failJob, handBackJob, markJobCancelled, retryJob } from './finishJob.js';
import { startJobSession, type SessionOptions } from './jobSession.js';
import type { JobRegistry } from './registry.js';
import { defaultRetryDelayMs, isTransientError } from './retry.js';
import { dialectOf } from '../db/dialectOf.js';
import { errorText } from './sql.js';
import type { JobDefinition, JobEndContext, JobKind, JobPayloads, JobRow } from './types.js';

export type JobOutcome =
  'succeeded' | 'retrying' | 'failed' | 'cancelled' | 'handed-back' | 'lease-lost';

export interface JobRunResult {
  outcome: JobOutcome;
  error?: string;
  retryAt?: number;
}

export interface RunJobOptions extends SessionOptions {
  registry: JobRegistry;
}

type Definition = JobDefinition<JobKind>;
type Payload = JobPayloads[JobKind];

/** Records the job's end and runs `hook` in the same transaction, if this worker still holds it. */
async function endWith(
  job: JobRow,
  options: RunJobOptions,
  record: (trx: RunJobOptions['db']) => Promise<boolean>,
  hook?: (ctx: JobEndContext) => Promise<void>,
): Promise<boolean> {
  return options.db.transaction().execute(async (trx) => {
    const lockRow = dialectOf(trx) === 'postgres';
    if (!(await holdsJob(trx, job.id, options.workerId, lockRow))) return false;
    await record(trx);
    const ctx = { jobId: job.id, kind: job.kind, tenantId: job.tenant_id, attempts: job.attempts };
    await hook?.({ ...ctx, trx });
    return true;
  });
}

async function endFailed(
  job: JobRow,
  definition: Definition,
  payload: Payload,
  error: Error,
  options: RunJobOptions,
): Promise<JobRunResult> {
  const { db, workerId } = options;
  const onFailed = definition.onFailed;
  const hook = onFailed && ((ctx: JobEndContext) => onFailed(payload, error, ctx));
  try {
    const held = await endWith(job, options, (trx) => failJob(trx, job.id, workerId, error), hook);
    return { outcome: held ? 'failed' : 'lease-lost', error: errorText(error) };
  } catch (hookError) {
    // The hook's writes rolled back with the job's; record the failure without them.
    const both = new Error(`${errorText(error)}; onFailed also failed: ${errorText(hookError)}`);
    const held = await failJob(db, job.id, workerId, both);
    return { outcome: held ? 'failed' : 'lease-lost', error: both.message };
  }
}

async function endCancelled(
  job: JobRow,
  definition: Definition,
  payload: Payload,
  options: RunJobOptions,
): Promise<JobRunResult> {
  const onCancelled = definition.onCancelled;
  const hook = onCancelled && ((ctx: JobEndContext) => onCancelled(payload, ctx));
  const record = (trx: RunJobOptions['db']) => markJobCancelled(trx, job.id, options.workerId);
  const held = await endWith(job, options, record, hook);
  return { outcome: held ? 'cancelled' : 'lease-lost' };
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** Runs a job this worker has just claimed, and records how it ended. */
export async function runClaimedJob(job: JobRow, options: RunJobOptions): Promise<JobRunResult> {
  const { db, workerId } = options;
  const definition = options.registry.definitions.get(job.kind);
  if (!definition) {
    const error = new Error(`No handler is registered for job kind "${job.kind}"`);
    await failJob(db, job.id, workerId, error);
    return { outcome: 'failed', error: error.message };
  }
  const payload = JSON.parse(job.payload) as Payload;
  if (job.cancel_requested) return endCancelled(job, definition, payload, options);
  if (job.attempts > job.max_attempts) {
    const error = new Error(
      `Gave up after ${job.max_attempts} attempts: the worker running it stopped each time ` +
        'before it finished (its lease ran out)',
    );
    return endFailed(job, definition, payload, error, options);
  }

  const session = startJobSession(job, options);
  let failure: Error | undefined;
  try {
    await definition.perform(payload, session.ctx);
  } catch (error) {
    failure = asError(error);
  } finally {
    session.end();
  }
  const stopped = session.stopReason();
  if (stopped === 'lease-lost') return { outcome: 'lease-lost' };
  if (!failure) {
    return { outcome: (await completeJob(db, job.id, workerId)) ? 'succeeded' : 'lease-lost' };
  }
  if (stopped === 'cancelled') return endCancelled(job, definition, payload, options);
  if (stopped === 'shutdown') {
    return { outcome: (await handBackJob(db, job.id, workerId)) ? 'handed-back' : 'lease-lost' };
  }
  if (!isTransientError(failure) || job.attempts >= job.max_attempts) {
    return endFailed(job, definition, payload, failure, options);
  }
  const retryAt = Date.now() + (definition.retryDelayMs ?? defaultRetryDelayMs)(job.attempts);
  const held = await retryJob(db, job.id, workerId, failure, retryAt);
  return { outcome: held ? 'retrying' : 'lease-lost', error: errorText(failure), retryAt };
}
