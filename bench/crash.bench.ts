/**
 * Full-size crash harness: a 100,000-row import applied by a worker process killed with SIGKILL
 * at random moments (at least 20 times) and restarted, compared with an uninterrupted run.
 *
 *   npx tsx bench/crash.bench.ts [--rows 100000] [--kills 20] [--dialect sqlite|postgres|both]
 */
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { runImportCrash } from '../test/harness/crashImport.js';
import { freshDatabase } from './freshDatabase.js';

function arg(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? (process.argv[at + 1] ?? fallback) : fallback;
}

const rows = Number(arg('rows', '100000'));
const kills = Number(arg('kills', '20'));
const which = arg('dialect', 'both');
for (const dialect of which === 'both' ? ['sqlite', 'postgres'] : [which]) {
  const { url, drop } = await freshDatabase(dialect, 'rewardbook_crash');
  const handle = openDatabase(url);
  try {
    await migrateToLatest(handle);
    const result = await runImportCrash(handle.db, {
      url,
      rows,
      chunkRows: Math.max(50, Math.floor(rows / (kills * 4))),
      minKills: kills,
      leaseMs: 1500,
      seed: Date.now() % 100000,
    });
    console.log(
      `${dialect}: ${result.kills} kills, ${result.restarts} worker starts, ${result.rowsChecked.toLocaleString('en')} rows and ${result.rewardsChecked.toLocaleString('en')} rewards checked, ${result.differences.length} differences, ${result.seconds.toFixed(1)} s`,
    );
    for (const line of result.differences) console.log(`  ${line}`);
    if (result.differences.length > 0) process.exitCode = 1;
  } finally {
    await handle.close();
    await drop();
  }
}
