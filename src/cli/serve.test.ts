/** `rewardbook serve` as an operator runs it: a real process, a real port, a real signal. */
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { expect, it } from 'vitest';
import { describeEachDb } from '../../test/helpers/databases.js';
import { runCli, spawnCli } from './testing/runCli.js';

interface Started {
  child: ChildProcess;
  url: string;
  stdout: () => string;
  stderr: () => string;
}

/** Starts serve on a port the system picks and waits for the line that names it. */
async function startServe(databaseUrl: string, ...args: string[]): Promise<Started> {
  const child = spawnCli(['serve', ...args], {
    DATABASE_URL: databaseUrl,
    PORT: '0',
    HOST: '127.0.0.1',
  });
  let stdout = '';
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      const match = /rewardbook listening on (http:\/\/\S+)\n/.exec(stdout);
      if (match?.[1]) resolve(match[1]);
    });
    child.on('exit', (code) =>
      reject(new Error(`serve exited (${code}) before listening: ${stderr}`)),
    );
  });
  return { child, url, stdout: () => stdout, stderr: () => stderr };
}

async function stop(started: Started, signal: NodeJS.Signals): Promise<number | null> {
  const exited = once(started.child, 'exit');
  started.child.kill(signal);
  const [code] = (await exited) as [number | null];
  return code;
}

describeEachDb('rewardbook serve', (get) => {
  it('with --demo on an empty database seeds the demo, serves the API, and stops on SIGTERM', async () => {
    const started = await startServe(get().url, '--demo');
    try {
      expect(started.stdout()).toContain('admin@demo.rewardbook.local  /  demo-admin');
      const key = /API key +(rbk_\S+)/.exec(started.stdout())?.[1];
      const health = await fetch(`${started.url}/health`);
      expect(health.status).toBe(200);
      const rewards = await fetch(`${started.url}/api/v1/rewards?limit=1`, {
        headers: { authorization: `Bearer ${key}` },
      });
      expect(rewards.status).toBe(200);
      expect(((await rewards.json()) as { items: unknown[] }).items).toHaveLength(1);
    } finally {
      expect(await stop(started, 'SIGTERM')).toBe(0);
    }
    expect(started.stderr()).toContain('stopped');
  });

  it('does not seed again once a tenant exists, and stops on SIGINT too', async () => {
    const started = await startServe(get().url, '--demo');
    try {
      expect(started.stdout()).not.toContain('demo-admin');
      expect((await fetch(`${started.url}/health`)).status).toBe(200);
    } finally {
      expect(await stop(started, 'SIGINT')).toBe(0);
    }
  });

  it('a port in use stops the start with one line naming PORT', async () => {
    const blocker = createServer();
    blocker.listen(0, '127.0.0.1');
    await once(blocker, 'listening');
    const port = (blocker.address() as { port: number }).port;
    try {
      const result = await runCli(['serve', '--no-worker'], {
        DATABASE_URL: get().url,
        PORT: String(port),
        HOST: '127.0.0.1',
      });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(
        new RegExp(`^error: PORT ${port} on HOST 127.0.0.1 cannot be used \\(EADDRINUSE\\)`),
      );
    } finally {
      blocker.close();
    }
  });
});
