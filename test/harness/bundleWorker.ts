/**
 * Bundles a worker script of the crash harnesses into one JavaScript file that plain `node`
 * runs. Under `node --import tsx` a worker spent 2–5 s loading (tsx resolving kysely's hundreds
 * of files, and compiling ours) before it could claim a job, which made a run with 20 restarts
 * last minutes on a shared machine; the bundle starts in well under a second. esbuild comes with
 * tsx. Packages stay outside the bundle, so the file is written under node_modules/.cache, where
 * they resolve.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface BundledWorker {
  /** The .mjs file to run with `node`. */
  path: string;
  remove(): void;
}

/** Bundles `entry` (a path from the repository root) into a file of this process's own. */
export async function bundleWorker(entry: string): Promise<BundledWorker> {
  const dir = join(ROOT, 'node_modules', '.cache', 'rewardbook-crash');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `worker-${process.pid}-${Date.now().toString(36)}.mjs`);
  await build({
    entryPoints: [join(ROOT, entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile: path,
    logLevel: 'warning',
  });
  return { path, remove: () => rmSync(path, { force: true }) };
}
