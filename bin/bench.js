#!/usr/bin/env node
// Runs one benchmark from bench/ by name (`npm run bench -- import --rows 100000`), or every
// benchmark in turn with `all`. Without a name it lists them.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'bench');
const names = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.slice(0, -'.bench.ts'.length))
  .sort();
const [name, ...args] = process.argv.slice(2);

if (!name || !(name === 'all' || names.includes(name))) {
  console.log('usage: npm run bench -- <name|all> [options]\n\nbenchmarks:');
  for (const n of names) console.log(`  ${n}`);
  process.exit(name ? 2 : 0);
}
for (const n of name === 'all' ? names : [name]) {
  console.log(`\n== ${n}`);
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(benchDir, `${n}.bench.ts`), ...args],
    {
      stdio: 'inherit',
    },
  );
  if (run.status !== 0) process.exit(run.status ?? 1);
}
