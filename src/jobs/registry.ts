import type { JobDefinition, JobHandler, JobKind } from './types.js';

/** A periodic job: the scheduler keeps one instance of `kind` pending, `everyMs` apart. */
export interface PeriodicJob {
  readonly kind: JobKind;
  readonly everyMs: number;
}

/** The kinds a worker can run, filled by feature modules at start-up (never at import). */
export interface JobRegistry {
  readonly definitions: Map<string, JobDefinition<JobKind>>;
  readonly periodic: Map<string, PeriodicJob>;
}

export function createJobRegistry(): JobRegistry {
  return { definitions: new Map(), periodic: new Map() };
}

/** Registers the handler (or a definition with hooks) that runs jobs of `kind`. */
export function registerJobHandler<K extends JobKind>(
  registry: JobRegistry,
  kind: K,
  handler: JobHandler<K> | JobDefinition<K>,
): void {
  if (registry.definitions.has(kind)) {
    throw new Error(`A handler for job kind "${kind}" is already registered`);
  }
  const definition = typeof handler === 'function' ? { perform: handler } : handler;
  registry.definitions.set(kind, definition as unknown as JobDefinition<JobKind>);
}

/**
 * Asks workers to run `kind` every `everyMs`: at most one instance is pending at a time, so
 * many workers sharing a database still run it once per period. Its payload is `{}`.
 */
export function schedulePeriodic(registry: JobRegistry, kind: JobKind, everyMs: number): void {
  if (!registry.definitions.has(kind)) {
    throw new Error(`Register a handler for "${kind}" before scheduling it`);
  }
  if (!Number.isInteger(everyMs) || everyMs < 1000) {
    throw new Error(`A periodic job runs at most once a second; got everyMs=${everyMs}`);
  }
  registry.periodic.set(kind, { kind, everyMs });
}

export function registeredKinds(registry: JobRegistry): string[] {
  return [...registry.definitions.keys()];
}
