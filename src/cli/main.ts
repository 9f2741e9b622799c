/**
 * The `rewardbook` command line. Each command lives in its own file under commands/; this file
 * assembles them and turns failures into one line on stderr and an exit code:
 * 0 success, 1 a refused request or failed command, 2 configuration that stops the start.
 */
import { Command, CommanderError } from 'commander';
import { limitHeapGrowth } from '../app/heapGrowth.js';
import { ConfigError } from '../config/config.js';
import { isAppError } from '../domain/errors.js';
import { registerApiKeysCreate } from './commands/apiKeysCreate.js';
import { registerApiKeysList } from './commands/apiKeysList.js';
import { registerApiKeysRevoke } from './commands/apiKeysRevoke.js';
import { registerBalances } from './commands/balances.js';
import { registerDemo } from './commands/demo.js';
import { registerImportsList } from './commands/importsList.js';
import { registerImportsReverse } from './commands/importsReverse.js';
import { registerImportsShow } from './commands/importsShow.js';
import { registerImportUpdateBalances } from './commands/importUpdateBalances.js';
import { registerExportAvailableBalances } from './commands/exportAvailableBalances.js';
import { registerMigrate } from './commands/migrate.js';
import { registerOutboxList } from './commands/outboxList.js';
import { registerOutboxShow } from './commands/outboxShow.js';
import { registerProgramsList } from './commands/programsList.js';
import { registerRewardsList } from './commands/rewardsList.js';
import { registerRewardsLoad } from './commands/rewardsLoad.js';
import { registerServe } from './commands/serve.js';
import { registerTenantsCreate } from './commands/tenantsCreate.js';
import { registerTenantsList } from './commands/tenantsList.js';
import { registerUnitsList } from './commands/unitsList.js';
import { registerUnitsSet } from './commands/unitsSet.js';
import { registerWorker } from './commands/worker.js';

export function buildProgram(): Command {
  const program = new Command('rewardbook')
    .description(
      'A self-hostable reward-balance ledger. Settings come from environment variables (DATABASE_URL, PORT, …).',
    )
    .version('0.1.0')
    // Commands report their own failures; commander's own (unknown option…) come back as errors.
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)');
  registerServe(program);
  registerWorker(program);
  registerMigrate(program);
  registerDemo(program);
  const tenants = program.command('tenants').description('tenants (organisations)');
  registerTenantsCreate(tenants);
  registerTenantsList(tenants);
  const apiKeys = program.command('api-keys').description('API keys for programs and scripts');
  registerApiKeysCreate(apiKeys);
  registerApiKeysList(apiKeys);
  registerApiKeysRevoke(apiKeys);
  const rewards = program.command('rewards').description('rewards: load and list');
  registerRewardsLoad(rewards);
  registerRewardsList(rewards);
  registerBalances(program);
  const units = program.command('units').description('reward units and their decimals');
  registerUnitsList(units);
  registerUnitsSet(units);
  const programs = program.command('programs').description('programs');
  registerProgramsList(programs);
  const importCommand = program.command('import').description('import a filled-in report');
  registerImportUpdateBalances(importCommand);
  const imports = program.command('imports').description('imports: list, show, reverse');
  registerImportsList(imports);
  registerImportsShow(imports);
  registerImportsReverse(imports);
  const exports = program.command('export').description('reports, generated and written to a file');
  registerExportAvailableBalances(exports);
  const outbox = program.command('outbox').description('emails rewardbook sent or keeps');
  registerOutboxList(outbox);
  registerOutboxShow(outbox);
  return program;
}

/** The exit code for a failure, after telling the user about it on stderr. */
export function reportFailure(error: unknown, stderr: (text: string) => void): number {
  if (error instanceof CommanderError) return error.exitCode; // commander printed it already
  if (error instanceof ConfigError) {
    stderr(`error: ${error.message}\n`);
    return 2;
  }
  if (isAppError(error)) {
    stderr(`error: ${error.message}\n`);
    return 1;
  }
  // Not a refusal but a bug or an outage: the stack helps whoever investigates.
  stderr(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return 1;
}

/** Runs the command line; sets process.exitCode rather than exiting, so output is flushed. */
export async function main(argv: readonly string[]): Promise<void> {
  // Workers (serve, worker, import, export) apply imports of a million rows in this process.
  limitHeapGrowth();
  // A reader that stops early (`rewardbook rewards list | head`) is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  try {
    await buildProgram().parseAsync([...argv]);
  } catch (error) {
    process.exitCode = reportFailure(error, (text) => process.stderr.write(text));
  }
}
