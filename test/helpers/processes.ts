import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Runs a TypeScript file in a separate Node process (through tsx) and returns its stdout. */
export async function runTs(file: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', file, ...args], {
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout;
}
