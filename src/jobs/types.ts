/**
 * Durable background jobs, stored in the `jobs` table of either dialect.
 *
 * Terminology:
 * - job: one unit of background work, a row in `jobs`. It is queued (often in the same
 *   transaction that records the request), claimed by a worker, run by its kind's handler, and
 *   ends `succeeded`, `failed` or `cancelled`.
 * - kind: the name of what a job does (`export`, `email.send`, `files.sweep`). Each kind has one
 *   payload type (declared by augmenting `JobPayloads`) and one handler (registered in a
 *   `JobRegistry` by the feature that owns it).
 * - worker: a loop in some process that claims jobs of the kinds its registry knows and runs
 *   them. Any number of workers, in any number of processes, may share one database.
 * - lease: a claimed job belongs to one worker (`locked_by`) until `locked_until`. The worker
 *   renews the lease while the handler runs; a job whose lease ran out (its worker died) is
 *   claimed again by another worker. Every write that finishes a job checks the lease is still
 *   held, so a worker that lost its job can never overwrite the new owner's outcome.
 * - attempt: one run of a job's handler. `attempts` counts claims, including reclaims after a
 *   crash. A transient failure is retried with exponential backoff until `max_attempts`.
 * - queue key: jobs sharing a non-null `queue_key` run one at a time (one import per tenant).
 *
 * Times are epoch milliseconds from the application clock; leases are tens of seconds, so the
 * millisecond skew of NTP-synced machines does not matter.
 */
import type { Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import type { JobTable } from '../db/schema.js';

/**
 * Maps each job kind to its payload type. Feature modules add their kinds by augmentation:
 *   declare module '../jobs/types.js' { interface JobPayloads { export: { exportId: number } } }
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface JobPayloads {}

export type JobKind = keyof JobPayloads & string;

/** A `jobs` row as stored; `payload` is JSON text. */
export type JobRow = Selectable<JobTable>;

/** What a handler receives besides its payload. */
export interface JobContext {
  readonly jobId: number;
  readonly kind: string;
  readonly tenantId: number | null;
  /** 1 on the first run, 2 on the first retry or reclaim, and so on. */
  readonly attempt: number;
  readonly maxAttempts: number;
  readonly db: Db;
  /** Aborts when the job is cancelled, its lease is lost, or the worker shuts down. */
  readonly signal: AbortSignal;
  /**
   * Stores progress (and renews the lease). Throws if the job was cancelled or its lease lost.
   * Pass `trx` to record progress inside a transaction the handler holds (on SQLite, a query
   * outside an open transaction on the same connection would wait for it forever).
   */
  progress(done: number, total: number, trx?: Db): Promise<void>;
  /**
   * Runs `fn` in a transaction that commits only while this worker still holds the job, so a
   * handler's final write (a report's file id, say) happens once even if the job ran twice.
   */
  transaction<T>(fn: (trx: Db) => Promise<T>): Promise<T>;
}

export type JobHandler<K extends JobKind> = (
  payload: JobPayloads[K],
  ctx: JobContext,
) => Promise<void>;

/** What a hook that runs when a job ends without success receives. */
export interface JobEndContext {
  readonly jobId: number;
  readonly kind: string;
  readonly tenantId: number | null;
  readonly attempts: number;
  /** The transaction that also records the job's end: the hook's writes commit with it. */
  readonly trx: Db;
}

export interface JobDefinition<K extends JobKind> {
  perform: JobHandler<K>;
  /** Called once when the job has failed for good (attempts used up or a permanent error). */
  onFailed?: (payload: JobPayloads[K], error: Error, ctx: JobEndContext) => Promise<void>;
  /** Called once when a running job stops because it was cancelled. */
  onCancelled?: (payload: JobPayloads[K], ctx: JobEndContext) => Promise<void>;
  /** Delay before retry number `attempt` (1-based); defaults to `defaultRetryDelayMs`. */
  retryDelayMs?: (attempt: number) => number;
}

export interface EnqueueOptions<K extends JobKind> {
  kind: K;
  payload: JobPayloads[K];
  tenantId?: number | null;
  queueKey?: string | null;
  /** Epoch ms before which the job is not run; now by default. */
  runAt?: number;
  maxAttempts?: number;
}
