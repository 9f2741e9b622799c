/** A real `rewardbook serve` in a child process, on loopback, and the CLI for set-up steps. */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { processCpuSeconds } from './databases.js';

const BIN = new URL('../../bin/rewardbook.js', import.meta.url).pathname;
const run = promisify(execFile);

export function benchEnv(databaseUrl: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: databaseUrl,
    SECRET_KEY: 'load-bench-secret-key-0123456789abcdef',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    PORT: '0',
  };
}

/** Runs one CLI command and returns its stdout. */
export async function cli(databaseUrl: string, args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [BIN, ...args], { env: benchEnv(databaseUrl) });
  return stdout;
}

export interface RunningServer {
  /** http://127.0.0.1:PORT */
  origin: string;
  pid: number;
  /** CPU seconds (user + system) the server process has used so far; NaN off Linux. */
  cpuSeconds(): number;
  /** Seconds its main thread (the event loop) has waited for a CPU while runnable; NaN off Linux. */
  waitSeconds(): number;
  /** SIGTERM, then waits for the process to exit; resolves with its exit code. */
  stop(): Promise<number | null>;
}

/** The second field of /proc/PID/schedstat: nanoseconds spent runnable but not running. */
function waitSecondsOf(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[1]) / 1e9;
  } catch {
    return Number.NaN;
  }
}

/** Starts serve; with `profileDir`, Node writes a CPU profile of the server there on exit. */
export async function startServer(
  databaseUrl: string,
  profileDir?: string,
): Promise<RunningServer> {
  const profile = profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [];
  const child: ChildProcess = spawn(process.execPath, [...profile, BIN, 'serve'], {
    env: benchEnv(databaseUrl),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
    if (/"level":[4-6]\d/.test(d)) process.stderr.write(`  server: ${d}`);
  });
  const port = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      const match = /listening on http:\/\/[^:]+:(\d+)/.exec(stdout);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`serve exited (${code}): ${stderr}`)));
  });
  // serve prints "localhost", which may resolve to ::1 while it listens on 127.0.0.1 only.
  return {
    origin: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    cpuSeconds: () => processCpuSeconds(child.pid!),
    waitSeconds: () => waitSecondsOf(child.pid!),
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const [code] = (await exited) as [number | null];
      return code;
    },
  };
}
