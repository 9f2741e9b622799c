import { describe, expect, it } from 'vitest';
import { ChunkPipeline, type ChunkTurn } from './chunkPipeline.js';

function deferred() {
  let resolve = () => {};
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('ChunkPipeline', () => {
  it('starts the next chunk once this one holds its locks, and records in order', async () => {
    const pipeline = new ChunkPipeline(true);
    const log: string[] = [];
    const turns: ChunkTurn[] = [];
    const finish = [deferred(), deferred(), deferred()];
    const task = (n: number) => async (turn: ChunkTurn) => {
      turns[n] = turn;
      log.push(`start ${n}`);
      await finish[n]?.promise;
      await turn.previousCommitted;
      log.push(`commit ${n}`);
    };
    await pipeline.submit(task(0));
    const second = pipeline.submit(task(1));
    await tick();
    expect(log).toEqual(['start 0']); // chunk 1 waits for chunk 0's locks
    turns[0]?.locked();
    await second;
    expect(log).toEqual(['start 0', 'start 1']);
    turns[1]?.locked();
    finish[1]?.resolve(); // chunk 1 is done first, but records itself after chunk 0
    const third = pipeline.submit(task(2));
    await tick();
    expect(log).toEqual(['start 0', 'start 1']); // never three in flight
    finish[0]?.resolve();
    await third;
    expect(log).toEqual(['start 0', 'start 1', 'commit 0', 'commit 1', 'start 2']);
    turns[2]?.locked();
    finish[2]?.resolve();
    await pipeline.drain();
    expect(log.at(-1)).toBe('commit 2');
  });

  it('rolls the next chunk back when one fails, and reports the failure', async () => {
    const pipeline = new ChunkPipeline(true);
    const log: string[] = [];
    await pipeline.submit(async (turn) => {
      turn.locked();
      await tick();
      throw new Error('chunk 0 failed');
    });
    await pipeline.submit(async (turn) => {
      turn.locked();
      await turn.previousCommitted.catch((error: Error) => {
        log.push('rolled back');
        throw error;
      });
      log.push('commit 1');
    });
    await expect(pipeline.submit(async () => void log.push('start 2'))).rejects.toThrow(
      'chunk 0 failed',
    );
    await expect(pipeline.drain()).rejects.toThrow('chunk 0 failed');
    expect(log).toEqual(['rolled back']);
  });

  it('runs each chunk alone without overlap', async () => {
    const pipeline = new ChunkPipeline(false);
    const log: string[] = [];
    for (const n of [0, 1]) {
      await pipeline.submit(async () => {
        log.push(`start ${n}`);
        await tick();
        log.push(`commit ${n}`);
      });
    }
    expect(log).toEqual(['start 0', 'commit 0', 'start 1', 'commit 1']);
  });
});
