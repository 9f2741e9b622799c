/**
 * Hostile-input fuzzing at length: the properties of test/hostile/ run for many more inputs,
 * and the large hostile files (zip bombs of 2 GB, 20 MB lines, a million columns) read once
 * each. Every target runs in a process of its own, so the peak memory printed is its own.
 *
 *   npx tsx bench/fuzz.bench.ts [--runs N] [--seed S] [--only NAME]
 *
 * --runs is the number of inputs per fuzzing target (10,000 by default; the honest .xlsx and
 * API targets take a quarter of it). Prints, per target: inputs tried, records read back and
 * checked (none lost or doubled), outcomes, seconds, peak RSS, and any failure (a crash, a
 * 5xx, a wrong read, a run past 20 s); exits 1 if there was one.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { apiBarrage } from '../test/hostile/fuzzApi.js';
import { LARGE_CASES } from '../test/hostile/fuzzLarge.js';
import {
  csvRandomBytes,
  csvRoundTrip,
  csvSpectrum,
  truncatedFiles,
  xlsxMutations,
  xlsxRoundTrip,
  type Target,
  type TargetResult,
} from '../test/hostile/fuzzTargets.js';
import { outcomeLabel, readOutcome } from '../test/hostile/readOutcome.js';

const FUZZ: Record<string, { target: Target; share: number }> = {
  'CSV: random bytes': { target: csvRandomBytes, share: 1 },
  'CSV: honest files, any shape and chunking': { target: csvRoundTrip, share: 1 },
  '.xlsx: honest workbooks': { target: xlsxRoundTrip, share: 0.25 },
  '.xlsx: flipped and cut bytes': { target: xlsxMutations, share: 1 },
  'files cut at every byte': { target: truncatedFiles, share: 0 },
  'csv-spectrum in chunks of 1 to 64': { target: csvSpectrum, share: 0 },
  'API: hostile bodies on every endpoint': { target: apiBarrage, share: 0.25 },
};

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? (process.argv[at + 1] ?? fallback) : fallback;
}

async function runOne(name: string, runs: number, seed: number): Promise<TargetResult> {
  const fuzz = FUZZ[name];
  if (fuzz) return fuzz.target(Math.max(1, Math.round(runs * fuzz.share)), seed);
  const large = LARGE_CASES.find((c) => c.name === name);
  if (!large) throw new Error(`no target ${name}`);
  const result: TargetResult = { inputs: 1, recordsChecked: 0, outcomes: {}, failures: [] };
  const outcome = await readOutcome(await large.build());
  result.outcomes[outcomeLabel(outcome)] = 1;
  const ok =
    typeof large.expect === 'number'
      ? outcome.kind === 'records' && outcome.records.length === large.expect
      : outcome.kind === 'refused' && large.expect.test(outcome.message);
  if (outcome.kind === 'records') result.recordsChecked = outcome.records.length;
  if (!ok) result.failures.push(`expected ${String(large.expect)}, got ${outcomeLabel(outcome)}`);
  return result;
}

const only = option('only', '');
if (only) {
  const idleRssMb = process.memoryUsage().rss / (1 << 20);
  const started = performance.now();
  const result = await runOne(only, Number(option('runs', '10000')), Number(option('seed', '1')));
  const seconds = (performance.now() - started) / 1000;
  console.log(
    JSON.stringify({
      ...result,
      seconds,
      idleRssMb,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    }),
  );
} else {
  const runs = option('runs', '10000');
  const seed = option('seed', String(Date.now() % 1_000_000));
  console.log(`seed ${seed}, ${runs} runs per fuzzing target\n`);
  let failed = 0;
  let inputs = 0;
  let checked = 0;
  for (const name of [...Object.keys(FUZZ), ...LARGE_CASES.map((c) => c.name)]) {
    const child = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        fileURLToPath(import.meta.url),
        '--only',
        name,
        '--runs',
        runs,
        '--seed',
        seed,
      ],
      { encoding: 'utf8', maxBuffer: 64 << 20 },
    );
    const line = child.stdout.trim().split('\n').at(-1) ?? '';
    if (child.status !== 0 || !line.startsWith('{')) {
      failed++;
      console.log(`${name}: the process failed (${child.status})\n${child.stderr.slice(-2000)}`);
      continue;
    }
    const r = JSON.parse(line) as TargetResult & {
      seconds: number;
      idleRssMb: number;
      peakRssMb: number;
    };
    inputs += r.inputs;
    checked += r.recordsChecked;
    failed += r.failures.length;
    console.log(
      `${name}: ${r.inputs} inputs, ${r.recordsChecked} records checked, ${r.seconds.toFixed(1)} s, ` +
        `peak RSS ${Math.round(r.peakRssMb)} MB (${Math.round(r.idleRssMb)} MB before it started)`,
    );
    for (const [label, count] of Object.entries(r.outcomes).sort((a, b) => b[1] - a[1])) {
      console.log(`    ${String(count).padStart(7)}  ${label}`);
    }
    for (const failure of r.failures.slice(0, 5)) console.log(`    FAILURE ${failure}`);
  }
  console.log(`\n${inputs} inputs, ${checked} records read back and checked, ${failed} failures`);
  process.exit(failed > 0 ? 1 : 0);
}
