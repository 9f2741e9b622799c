/**
 * The whole export workflow in one `rewardbook serve` process: its embedded worker (registry
 * from buildJobRegistry) generates the report and keeps the email in the outbox.
 */
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { describeEachDb } from '../../test/helpers/databases.js';
import { spawnCli } from '../cli/testing/runCli.js';

async function startServe(databaseUrl: string) {
  const child = spawnCli(['serve', '--demo'], {
    DATABASE_URL: databaseUrl,
    PORT: '0',
    HOST: '127.0.0.1',
    SMTP_URL: '',
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
    child.on('exit', (code) => reject(new Error(`serve exited (${code}): ${stderr}`)));
  });
  const key = /API key +(rbk_\S+)/.exec(stdout)?.[1] ?? '';
  return { child, url, key };
}

describeEachDb('serve runs exports in-process', (get) => {
  it(
    'generates a requested report, serves it, and keeps its email in the outbox',
    { timeout: 120_000 },
    async () => {
      const { child, url, key } = await startServe(get().url);
      const api = (path: string, init: RequestInit = {}) =>
        fetch(`${url}/api/v1${path}`, {
          ...init,
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        });
      try {
        const created = await api('/exports', {
          method: 'POST',
          body: JSON.stringify({
            type: 'AVAILABLE_REWARD_BALANCES_BY_USER',
            format: 'CSV',
            notifyEmail: 'ops@example.com',
          }),
        });
        expect(created.status).toBe(201);
        const { id } = (await created.json()) as { id: number };
        let view: { status: string; rowCount: number | null } = {
          status: 'queued',
          rowCount: null,
        };
        for (let i = 0; i < 600 && (view.status === 'queued' || view.status === 'running'); i++) {
          await sleep(100);
          view = (await (await api(`/exports/${id}`)).json()) as typeof view;
        }
        expect(view.status).toBe('succeeded');
        expect(view.rowCount).toBeGreaterThan(0);
        const download = await api(`/exports/${id}/download`);
        const bytes = Buffer.from(await download.arrayBuffer());
        expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the byte-order mark
        const lines = bytes.subarray(3).toString('utf8').split('\r\n');
        expect(lines[0]).toBe(
          'firstName,lastName,email,userId,accountId,programId,unit,unitName,currency,availableValue,totalRedeemedValue,rewardCount,nextExpiry,valueToRedeem',
        );
        expect(lines).toHaveLength(view.rowCount! + 2);

        let status = 'queued';
        for (let i = 0; i < 600 && status === 'queued'; i++) {
          const outbox = (await (await api('/outbox')).json()) as { items: { status: string }[] };
          status = outbox.items[0]?.status ?? 'queued';
          if (status === 'queued') await sleep(100);
        }
        expect(status).toBe('kept');
      } finally {
        const exited = once(child, 'exit');
        child.kill('SIGTERM');
        expect((await exited)[0]).toBe(0);
      }
    },
  );
});
