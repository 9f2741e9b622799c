import type { AddressInfo } from 'node:net';
import type { Command } from 'commander';
import { ConfigError, loadConfig, type Config } from '../../config/config.js';
import { demoBanner, seedDemo, type DemoSeed } from '../../demo/seedDemo.js';
import { listTenants } from '../../tenants/tenants.repository.js';
import { startBackgroundWorker } from '../backgroundWorker.js';
import { openContext } from '../context.js';
import { line } from '../output.js';

interface Options {
  demo?: boolean;
  worker: boolean;
}

const log = (message: string) => process.stderr.write(`${message}\n`);

/** With PORT=0 the system picks the port, so the address to print is only known after listen. */
function addressToPrint(config: Config, address: AddressInfo | string | null): string {
  if (config.port !== 0 || !address || typeof address === 'string') return config.publicUrl;
  return `http://localhost:${address.port}`;
}

function listenProblem(error: unknown, config: Config): unknown {
  const code = (error as { code?: string }).code;
  if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
    return new ConfigError(
      `PORT ${config.port} on HOST ${config.host} cannot be used (${code}); set PORT to a free port or HOST to an address of this machine`,
    );
  }
  return error;
}

async function serve(options: Options): Promise<void> {
  const config = loadConfig();
  const ctx = await openContext(config);
  const stops: (() => Promise<unknown>)[] = [() => ctx.handle.close()];
  const stopAll = async () => {
    for (const stop of stops.splice(0)) await stop().catch((e: unknown) => log(String(e)));
  };
  try {
    for (const name of ctx.migrated) log(`applied migration ${name}`);
    let seed: DemoSeed | null = null;
    if (options.demo && (await listTenants(ctx.db)).length === 0) seed = await seedDemo(ctx.db);
    // Loaded here, not at the top: scripted commands need not load the web server.
    const { buildServer } = await import('../../http/server.js');
    const app = await buildServer({ handle: ctx.handle, config });
    stops.unshift(() => app.close());
    await app.listen({ host: config.host, port: config.port }).catch((error: unknown) => {
      throw listenProblem(error, config);
    });
    const url = addressToPrint(config, app.server.address());
    if (seed) await line(demoBanner(seed, url));
    // LEAD-WIRE: the in-process worker; its job handlers are registered in backgroundWorker.ts.
    const worker = options.worker ? startBackgroundWorker(ctx.handle, config, log) : null;
    // The worker stops before the database closes: its running jobs go back to the queue.
    if (worker) stops.splice(1, 0, () => worker.stop());
    await line(`rewardbook listening on ${url}`);
  } catch (error) {
    await stopAll();
    throw error;
  }
  const shutdown = (signal: string) => {
    log(`${signal}: shutting down`);
    void stopAll().then(() => log('stopped'));
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('run the web app and API (and a background worker) on HOST:PORT')
    .option('--demo', 'on a database without tenants, first seed the demo tenant')
    .option('--no-worker', 'do not run background jobs in this process (run `rewardbook worker`)')
    .action((options: Options) => serve(options));
}
