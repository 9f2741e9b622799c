import { registerJobHandler, schedulePeriodic, type JobRegistry } from '../jobs/index.js';
import { expireRewards } from './expireRewards.js';

declare module '../jobs/types.js' {
  interface JobPayloads {
    /** Writes EXPIRED on rewards whose expiry has passed (for display; balances never need it). */
    'rewards.expire': Record<string, never>;
  }
}

const HOUR_MS = 3_600_000;

export function registerLedgerJobs(
  registry: JobRegistry,
  options: { expireEveryMs?: number } = {},
) {
  registerJobHandler(registry, 'rewards.expire', async (_payload, ctx) => {
    await expireRewards(ctx.db, Date.now());
  });
  schedulePeriodic(registry, 'rewards.expire', options.expireEveryMs ?? HOUR_MS);
}
