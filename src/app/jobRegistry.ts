/**
 * Every job kind a rewardbook worker runs, registered in one place: `serve` (its in-process
 * worker), `worker` and the CLI's own short-lived workers all build their registry here.
 */
import type { Config } from '../config/config.js';
import { registerEmailJobs } from '../email/emailJobs.js';
import { createMailer, type Mailer } from '../email/mailer.js';
import { registerExportJobs } from '../exports/exportJobs.js';
import { registerFileJobs } from '../files/fileJobs.js';
import { registerImportJobs } from '../imports/importJobs.js';
import { registerLedgerJobs } from '../ledger/ledgerJobs.js';
import { createJobRegistry, type JobRegistry } from '../jobs/registry.js';

export interface JobRegistryOptions {
  /** Delivers email; by default one made from the configuration (SMTP_URL or the outbox). */
  mailer?: Mailer;
}

/** The registry of every feature's job kinds: exports, imports, email delivery, the file sweep and the expiry sweep. */
export function buildJobRegistry(config: Config, options: JobRegistryOptions = {}): JobRegistry {
  const registry = createJobRegistry();
  registerExportJobs(registry, { config });
  registerImportJobs(registry, config);
  registerEmailJobs(registry, options.mailer ?? createMailer(config));
  registerFileJobs(registry);
  registerLedgerJobs(registry);
  return registry;
}
