import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DatabaseHandle } from '../db/database.js';
import { claimJob } from './claimJob.js';
import { hasPendingJobs } from './getJob.js';
import { ensurePeriodicJobs } from './periodic.js';
import { registeredKinds, type JobRegistry } from './registry.js';
import { runClaimedJob, type JobRunResult } from './runJob.js';
import { errorText } from './sql.js';

export type WorkerEvent =
  | ({ type: 'job'; jobId: number; kind: string; attempt: number } & JobRunResult)
  | { type: 'error'; message: string };

export interface WorkerOptions {
  handle: DatabaseHandle;
  registry: JobRegistry;
  /** Jobs run at once by this worker; 1 by default. */
  concurrency?: number;
  /** How long to wait before looking again when no job is due; 1 s by default. */
  pollMs?: number;
  /** How long a claim lasts without renewal; renewed every third of it. 60 s by default. */
  leaseMs?: number;
  /** Stop once no job is queued, running or waiting for a retry (for scripts and tests). */
  exitWhenIdle?: boolean;
  /** Keep periodic jobs queued; by default on, except with exitWhenIdle. */
  runScheduler?: boolean;
  /** How long stop() waits for running handlers before giving up on them; 30 s by default. */
  stopTimeoutMs?: number;
  workerId?: string;
  onEvent?: (event: WorkerEvent) => void;
}

export interface Worker {
  readonly id: string;
  /** Resolves when the worker has stopped: by itself with exitWhenIdle, or after stop(). */
  readonly idle: Promise<void>;
  /** Stops claiming, asks running handlers to stop (their jobs go back to the queue), waits. */
  stop(): Promise<void>;
}

function positive(name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`${name} must be a whole number of at least ${min}; got ${value}`);
  }
  return value;
}

const quietly = (promise: Promise<unknown>) => promise.catch(() => undefined);

/** Starts a worker that claims and runs jobs of every kind in `registry`. */
export function startWorker(options: WorkerOptions): Worker {
  const { registry } = options;
  const db = options.handle.db;
  const concurrency = positive('concurrency', options.concurrency ?? 1, 1);
  const pollMs = positive('pollMs', options.pollMs ?? 1000, 1);
  const leaseMs = positive('leaseMs', options.leaseMs ?? 60_000, 30);
  const runScheduler = options.runScheduler ?? !options.exitWhenIdle;
  const id = options.workerId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const kinds = registeredKinds(registry);
  const emit = (event: WorkerEvent) => {
    try {
      options.onEvent?.(event);
    } catch {
      // A failing listener must not stop the worker.
    }
  };
  const halt = new AbortController(); // stop claiming, wake sleeping slots
  const shutdown = new AbortController(); // ask running handlers to stop
  const abandon = new AbortController(); // stop renewing leases of handlers that did not stop
  const nap = () => quietly(sleep(pollMs, undefined, { signal: halt.signal }));

  async function slot(): Promise<void> {
    while (!halt.signal.aborted) {
      let job;
      try {
        job = await claimJob(db, id, kinds, leaseMs);
        if (!job && options.exitWhenIdle && !(await hasPendingJobs(db, kinds))) {
          halt.abort();
          return;
        }
      } catch (error) {
        emit({ type: 'error', message: `Claiming a job failed: ${errorText(error)}` });
      }
      if (!job) {
        await nap();
        continue;
      }
      try {
        const run = { db, registry, workerId: id, leaseMs, shutdown: shutdown.signal };
        const result = await runClaimedJob(job, { ...run, abandon: abandon.signal });
        emit({ type: 'job', jobId: job.id, kind: job.kind, attempt: job.attempts, ...result });
      } catch (error) {
        // Recording the outcome failed (database unreachable): the lease runs out and the job
        // is claimed again, which is why handlers must be safe to run twice.
        emit({ type: 'error', message: `Job ${job.id} (${job.kind}): ${errorText(error)}` });
      }
    }
  }

  const schedule = () =>
    ensurePeriodicJobs(db, registry).catch((error: unknown) =>
      emit({ type: 'error', message: `Scheduling periodic jobs failed: ${errorText(error)}` }),
    );
  let timer: NodeJS.Timeout | undefined;
  if (runScheduler && registry.periodic.size > 0) {
    const shortest = Math.min(...[...registry.periodic.values()].map((p) => p.everyMs));
    void schedule();
    timer = setInterval(() => void schedule(), Math.min(shortest, 60_000));
  }

  const idle = Promise.all(Array.from({ length: concurrency }, slot)).then(() => {
    clearInterval(timer);
  });

  async function stop(): Promise<void> {
    halt.abort();
    shutdown.abort();
    const timeoutMs = options.stopTimeoutMs ?? 30_000;
    const waited = new AbortController();
    const gaveUp = await Promise.race([
      idle.then(() => false),
      sleep(timeoutMs, true, { signal: waited.signal }).catch(() => false),
    ]);
    waited.abort();
    if (gaveUp) {
      abandon.abort();
      emit({
        type: 'error',
        message: `Stopped without waiting for running jobs (${timeoutMs} ms)`,
      });
    }
  }

  return { id, idle, stop };
}
