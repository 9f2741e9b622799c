import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { describeEachDb } from '../../test/helpers/databases.js';
import { enqueueTestJob } from './testing/helpers.js';

const script = fileURLToPath(new URL('./testing/raceWorker.ts', import.meta.url));

/** Starts a worker process; `ready` resolves once it is loaded, `go()` lets it start. */
function workerProcess(url: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', script, url], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    if (out.startsWith('ready\n')) markReady();
  });
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const output = new Promise<string>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`worker exited ${code}: ${err}`)),
    );
  });
  return { ready, output, go: () => child.stdin.end('go\n') };
}

describeEachDb('workers in separate processes', (get) => {
  it('share one database and run each job exactly once', async () => {
    const { url, handle } = get();
    const ids: number[] = [];
    for (let n = 0; n < 60; n++) ids.push(await enqueueTestJob(handle.db, 'test.race', { n }));
    const processes = [1, 2, 3].map(() => workerProcess(url));
    await Promise.all(processes.map((p) => p.ready));
    processes.forEach((p) => p.go());
    const outputs = await Promise.all(processes.map((p) => p.output));
    const ran = outputs
      .join('')
      .split('\n')
      .filter((line) => line.startsWith('ran '))
      .map((line) => Number(line.split(' ')[1]));
    expect(ran.sort((a, b) => a - b)).toEqual(ids);
    const done = await handle.db
      .selectFrom('jobs')
      .select('id')
      .where('kind', '=', 'test.race')
      .where('status', '=', 'succeeded')
      .execute();
    expect(done).toHaveLength(60);
  }, 60_000);
});
