import { describe, expect, it } from 'vitest';
import { readAhead } from './readAhead.js';

const bytes = (n: number, fill = 1) => new Uint8Array(n).fill(fill);

describe('readAhead', () => {
  it('yields every chunk in order', async () => {
    async function* source() {
      for (let i = 0; i < 50; i++) yield bytes(10, i);
    }
    const seen: number[] = [];
    for await (const chunk of readAhead(source(), 35)) seen.push(chunk[0]!);
    expect(seen).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('runs ahead of a slow consumer, but no further than the limit', async () => {
    let produced = 0;
    async function* source() {
      for (let i = 0; i < 20; i++) {
        produced++;
        yield bytes(10);
      }
    }
    const ahead: number[] = [];
    let consumed = 0;
    for await (const _chunk of readAhead(source(), 30)) {
      consumed++;
      await new Promise((resolve) => setTimeout(resolve, 2)); // a database write
      ahead.push(produced - consumed);
    }
    expect(consumed).toBe(20);
    expect(Math.max(...ahead)).toBeGreaterThanOrEqual(2);
    expect(Math.max(...ahead)).toBeLessThanOrEqual(3);
  });

  it("passes on the source's error after the chunks before it", async () => {
    async function* source() {
      yield bytes(1, 7);
      throw new Error('cancelled');
    }
    const seen: number[] = [];
    await expect(async () => {
      for await (const chunk of readAhead(source(), 100)) seen.push(chunk[0]!);
    }).rejects.toThrow('cancelled');
    expect(seen).toEqual([7]);
  });

  it('stops the source when the consumer stops early', async () => {
    let closed = false;
    let produced = 0;
    async function* source() {
      try {
        for (;;) {
          produced++;
          yield bytes(10);
        }
      } finally {
        closed = true;
      }
    }
    for await (const _chunk of readAhead(source(), 50)) break;
    expect(closed).toBe(true);
    expect(produced).toBeLessThanOrEqual(6);
  });
});
