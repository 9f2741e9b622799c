import { describe, expect, it } from 'vitest';
import { createProgress, renderProgress } from './progress.js';

function fakeStream(isTTY: boolean) {
  const written: string[] = [];
  return { isTTY, written, write: (t: string) => written.push(t) > 0 };
}

describe('progress', () => {
  it('draws a bar with percent and counts', () => {
    expect(renderProgress(450, { label: 'rows', total: 1000, width: 10 })).toBe(
      '[####......] 45% 450/1000 rows',
    );
  });

  it('takes the fraction from elsewhere when the total is unknown (bytes read)', () => {
    expect(renderProgress(12, { label: 'rows', fraction: 0.5, width: 4 })).toBe(
      '[##..] 50% 12 rows',
    );
    expect(renderProgress(12, { label: 'rows' })).toBe('12 rows');
  });

  it('redraws one line on a terminal and ends it when finished', () => {
    const stream = fakeStream(true);
    const progress = createProgress({ label: 'rows', total: 4, stream, width: 4, intervalMs: 0 });
    progress.update(2);
    progress.finish();
    expect(stream.written[0]).toBe('\r[##..] 50% 2/4 rows\x1b[K');
    expect(stream.written.at(-1)).toBe('\n');
  });

  it('writes nothing when the stream is not a terminal', () => {
    const stream = fakeStream(false);
    const progress = createProgress({ label: 'rows', total: 4, stream });
    progress.update(2);
    progress.finish();
    expect(stream.written).toEqual([]);
  });
});
