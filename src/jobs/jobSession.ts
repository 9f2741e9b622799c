import type { Db } from '../db/database.js';
import { holdsJob, renewLease, type LeaseState } from './lease.js';
import { dialectOf } from '../db/dialectOf.js';
import type { JobContext, JobRow } from './types.js';

export type StopReason = 'cancelled' | 'lease-lost' | 'shutdown';

const stopMessages: Record<StopReason, string> = {
  cancelled: 'The job was cancelled',
  'lease-lost': "This worker's lease on the job ran out and another worker may have taken it",
  shutdown: 'The worker is shutting down; the job goes back to the queue',
};

/** The reason a job's signal aborted; `ctx.progress` throws it once the signal has. */
export class JobInterrupted extends Error {
  constructor(readonly reason: StopReason) {
    super(stopMessages[reason]);
    this.name = 'JobInterrupted';
  }
}

export interface SessionOptions {
  db: Db;
  workerId: string;
  leaseMs: number;
  /** Aborts when the worker shuts down: the handler is asked to stop. */
  shutdown: AbortSignal;
  /** Aborts when the worker gives up waiting for the handler: the lease is no longer renewed. */
  abandon: AbortSignal;
}

/**
 * The context a handler runs with, and the heartbeat that renews the job's lease every third of
 * the lease while it runs.
 */
export function startJobSession(job: JobRow, options: SessionOptions) {
  const { db, workerId, leaseMs } = options;
  const controller = new AbortController();
  const stopWith = (reason: StopReason) => {
    if (!controller.signal.aborted) controller.abort(new JobInterrupted(reason));
  };
  const apply = (state: LeaseState) => {
    if (state === 'lost') stopWith('lease-lost');
    if (state === 'cancel-requested') stopWith('cancelled');
  };
  let activeTrx: Db | undefined;
  let beating = false;
  const timer = setInterval(
    () => {
      if (beating) return;
      beating = true;
      // A failed renewal (database briefly unreachable) is retried at the next beat.
      renewLease(db, job.id, workerId, leaseMs)
        .then(apply, () => undefined)
        .finally(() => (beating = false));
    },
    Math.max(10, Math.floor(leaseMs / 3)),
  );
  const onShutdown = () => stopWith('shutdown');
  const end = () => {
    clearInterval(timer);
    options.shutdown.removeEventListener('abort', onShutdown);
    options.abandon.removeEventListener('abort', end);
  };
  options.shutdown.addEventListener('abort', onShutdown);
  options.abandon.addEventListener('abort', end);
  if (options.shutdown.aborted) onShutdown();

  const ctx: JobContext = {
    jobId: job.id,
    kind: job.kind,
    tenantId: job.tenant_id,
    attempt: job.attempts,
    maxAttempts: job.max_attempts,
    db,
    signal: controller.signal,
    async progress(done, total, trx) {
      controller.signal.throwIfAborted();
      apply(await renewLease(trx ?? activeTrx ?? db, job.id, workerId, leaseMs, { done, total }));
      controller.signal.throwIfAborted();
    },
    async transaction(fn) {
      // A job already known lost, cancelled or shutting down starts nothing more.
      controller.signal.throwIfAborted();
      const result = await db.transaction().execute(async (trx) => {
        activeTrx = trx;
        let value: Awaited<ReturnType<typeof fn>>;
        try {
          value = await fn(trx);
        } finally {
          if (activeTrx === trx) activeTrx = undefined;
        }
        // Checked last, and on PostgreSQL the job's row stays locked until the commit: a worker
        // that lost the job meanwhile rolls back what it wrote. Checked first, the row would stay
        // locked for the whole transaction, and a handler's next transaction (an import's next
        // chunk, started while this one writes) would wait for it.
        if (!(await holdsJob(trx, job.id, workerId, dialectOf(db) === 'postgres'))) {
          stopWith('lease-lost');
          throw controller.signal.reason;
        }
        return value;
      });
      // better-sqlite3 answers synchronously, so on SQLite a handler running transactions back
      // to back (an import's chunks) would only ever resume on promise callbacks and never let
      // the event loop reach its I/O: `serve`'s HTTP requests, and this session's heartbeat,
      // would wait for the whole job. One turn of the loop after each commit lets them in.
      await new Promise((resolve) => setImmediate(resolve));
      return result;
    },
  };
  const stopReason = (): StopReason | undefined =>
    controller.signal.aborted ? (controller.signal.reason as JobInterrupted).reason : undefined;
  return { ctx, stopReason, end };
}
