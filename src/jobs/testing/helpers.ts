/** Test-only helpers for jobs, files and email tests: untyped kinds, polling, a tenant row. */
import type { Db } from '../../db/database.js';
import { enqueueJob } from '../enqueueJob.js';
import { registerJobHandler, type JobRegistry } from '../registry.js';
import type {
  EnqueueOptions,
  JobContext,
  JobDefinition,
  JobEndContext,
  JobKind,
} from '../types.js';

/** A test kind's definition, with its payload typed by the test instead of `JobPayloads`. */
export interface TestDefinition<P> {
  perform: (payload: P, ctx: JobContext) => Promise<void>;
  onFailed?: (payload: P, error: Error, ctx: JobEndContext) => Promise<void>;
  onCancelled?: (payload: P, ctx: JobEndContext) => Promise<void>;
  retryDelayMs?: (attempt: number) => number;
}

export function registerTestKind<P>(registry: JobRegistry, kind: string, def: TestDefinition<P>) {
  registerJobHandler(registry, kind as JobKind, def as unknown as JobDefinition<JobKind>);
}

export function enqueueTestJob(
  db: Db,
  kind: string,
  payload: unknown,
  options: Partial<Omit<EnqueueOptions<JobKind>, 'kind' | 'payload'>> = {},
): Promise<number> {
  return enqueueJob(db, { ...options, kind: kind as JobKind, payload: payload as never });
}

/** Polls `check` until it returns something other than undefined/false, or throws after `ms`. */
export async function waitFor<T>(
  check: () => Promise<T | undefined | false>,
  what: string,
  ms = 15_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

let tenantSeq = 0;

export async function createTestTenant(db: Db, name = 'Test tenant'): Promise<number> {
  tenantSeq += 1;
  const slug = `t${process.pid}-${Date.now()}-${tenantSeq}`;
  const row = await db
    .insertInto('tenants')
    .values({ slug, name, created_at: Date.now() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export function jobStatus(db: Db, jobId: number) {
  return db.selectFrom('jobs').selectAll().where('id', '=', jobId).executeTakeFirstOrThrow();
}
