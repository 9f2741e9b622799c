import type { Command } from 'commander';
import { startBackgroundWorker } from '../backgroundWorker.js';
import { openContext } from '../context.js';

const log = (message: string) => process.stderr.write(`${message}\n`);

interface Options {
  exitWhenIdle?: boolean;
}

export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('run background jobs only (exports, imports, email), next to `serve --no-worker`')
    .option(
      '--exit-when-idle',
      'stop once no job is queued, running or waiting for a retry (for scripts and tests)',
    )
    .action(async (options: Options) => {
      const ctx = await openContext();
      const worker = startBackgroundWorker(ctx.handle, ctx.config, log, options);
      if (!worker) {
        await ctx.handle.close();
        log('no background job kinds are registered; nothing to run');
        return;
      }
      log(`rewardbook worker ${worker.id} running`);
      let closing: Promise<void> | undefined;
      const close = () => (closing ??= ctx.handle.close());
      let signalled = false;
      const shutdown = (signal: string) => {
        signalled = true;
        log(`${signal}: finishing running jobs`);
        void worker.stop().then(close);
      };
      process.once('SIGINT', () => shutdown('SIGINT'));
      process.once('SIGTERM', () => shutdown('SIGTERM'));
      await worker.idle;
      if (!signalled) {
        // Only --exit-when-idle ends the worker by itself.
        log('no job is queued, running or waiting for a retry; stopping');
        await close();
      }
    });
}
