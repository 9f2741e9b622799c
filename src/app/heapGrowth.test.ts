import { describe, expect, it } from 'vitest';
import { limitHeapGrowth } from './heapGrowth.js';

describe('limitHeapGrowth', () => {
  it('leaves a value given on the command line alone', () => {
    expect(limitHeapGrowth(['--heap-growing-percent=20'])).toBe(false);
    expect(limitHeapGrowth(['--heap_growing_percent=20'])).toBe(false);
  });

  it('sets the flag otherwise', () => {
    expect(limitHeapGrowth([])).toBe(true);
  });
});
