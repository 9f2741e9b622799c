import type { Command } from 'commander';
import { withDatabase } from '../context.js';
import { line } from '../output.js';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('bring the database schema up to date (every command also does this first)')
    .action(() =>
      withDatabase(async ({ migrated }) => {
        if (migrated.length === 0) return line('database schema is up to date');
        for (const name of migrated) await line(`applied ${name}`);
      }),
    );
}
