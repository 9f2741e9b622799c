import type { Config } from '../config/config.js';
import { registerJobHandler, type JobRegistry } from '../jobs/index.js';
import { IMPORT_JOB } from './importJob.js';
import { notifyImportFinished } from './importEmail.js';
import { runImport } from './runImport.js';

const FINISHED = new Set(['succeeded', 'failed', 'cancelled']);

/** Registers the import job: applied chunk by chunk, retried and resumed after a crash. */
export function registerImportJobs(
  registry: JobRegistry,
  config: Config,
  options: { chunkRows?: number } = {},
): void {
  registerJobHandler(registry, IMPORT_JOB, {
    async perform({ importId }, ctx) {
      const imp = await ctx.db
        .selectFrom('imports')
        .selectAll()
        .where('id', '=', importId)
        .executeTakeFirst();
      if (!imp || FINISHED.has(imp.status)) return;
      await runImport(imp, ctx, config, options.chunkRows);
    },
    async onFailed({ importId }, error, end) {
      await end.trx
        .updateTable('imports')
        .set({
          status: 'failed',
          error: `The import stopped after ${end.attempts} attempts: ${error.message}. Rows applied before that stay applied.`,
          finished_at: Date.now(),
        })
        .where('id', '=', importId)
        .where('status', 'in', ['queued', 'running'])
        .execute();
      await notifyImportFinished(end.trx, importId, config);
    },
    async onCancelled({ importId }, end) {
      await end.trx
        .updateTable('imports')
        .set({
          status: 'cancelled',
          error: 'The import was cancelled; rows applied before that stay applied.',
          finished_at: Date.now(),
        })
        .where('id', '=', importId)
        .execute();
    },
  });
}
