import type { Command } from 'commander';
import { demoBanner, seedDemo } from '../../demo/seedDemo.js';
import { withDatabase } from '../context.js';
import { line } from '../output.js';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('seed a "demo" tenant with programs, units, participants and rewards to try out')
    .action(() =>
      withDatabase(async ({ db, config }) => {
        const seed = await seedDemo(db);
        await line(demoBanner(seed, config.publicUrl));
      }),
    );
}
