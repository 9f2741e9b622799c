import type { Command } from 'commander';
import { startBackgroundWorker } from '../backgroundWorker.js';
import { openContext } from '../context.js';

const log = (message: string) => process.stderr.write(`${message}\n`);

export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('run background jobs only (exports, imports, email), next to `serve --no-worker`')
    .action(async () => {
      const ctx = await openContext();
      const worker = startBackgroundWorker(ctx.handle, ctx.config, log);
      if (!worker) {
        await ctx.handle.close();
        log('no background job kinds are registered; nothing to run');
        return;
      }
      log(`rewardbook worker ${worker.id} running`);
      const shutdown = (signal: string) => {
        log(`${signal}: finishing running jobs`);
        void worker.stop().then(() => ctx.handle.close());
      };
      process.once('SIGINT', () => shutdown('SIGINT'));
      process.once('SIGTERM', () => shutdown('SIGTERM'));
      await worker.idle;
    });
}
