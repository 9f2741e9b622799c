import { describe, expect, it } from 'vitest';
import { MetricsRegistry, renderMetrics } from './metrics.js';
import { parseMetrics } from './testing.js';

describe('metrics registry', () => {
  it('writes counters with HELP and TYPE lines and escaped label values', async () => {
    const registry = new MetricsRegistry();
    const counter = registry.counter('demo_total', 'Things done.\nTwo lines.');
    counter.inc({ route: '/a' });
    counter.inc({ route: '/a' }, 2);
    counter.inc({ route: 'say "hi"\\' });
    const text = await registry.render();
    expect(text).toBe(
      [
        '# HELP demo_total Things done.\\nTwo lines.',
        '# TYPE demo_total counter',
        'demo_total{route="/a"} 3',
        'demo_total{route="say \\"hi\\"\\\\"} 1',
        '',
      ].join('\n'),
    );
    expect(parseMetrics(text).value('demo_total', { route: 'say "hi"\\' })).toBe(1);
  });

  it('writes histograms with cumulative buckets, +Inf, sum and count per label set', async () => {
    const registry = new MetricsRegistry();
    const histogram = registry.histogram('demo_seconds', 'Durations.', [0.1, 1]);
    histogram.observe({ m: 'GET' }, 0.05);
    histogram.observe({ m: 'GET' }, 0.5);
    histogram.observe({ m: 'GET' }, 3);
    histogram.observe({ m: 'POST' }, 1);
    const scrape = parseMetrics(await registry.render());
    expect(scrape.types.get('demo_seconds')).toBe('histogram');
    const get = (le: string) => scrape.value('demo_seconds_bucket', { m: 'GET', le });
    expect([get('0.1'), get('1'), get('+Inf')]).toEqual([1, 2, 3]);
    expect(scrape.value('demo_seconds_sum', { m: 'GET' })).toBeCloseTo(3.55);
    expect(scrape.value('demo_seconds_count', { m: 'GET' })).toBe(3);
    expect(scrape.value('demo_seconds_bucket', { m: 'POST', le: '1' })).toBe(1);
    expect(scrape.value('demo_seconds_bucket', { m: 'POST', le: '0.1' })).toBe(0);
  });

  it('runs collectors at each scrape, before its own metrics', async () => {
    const registry = new MetricsRegistry();
    let calls = 0;
    registry.addCollector(async () => [
      {
        name: 'demo_gauge',
        help: 'Now.',
        type: 'gauge',
        samples: [{ labels: {}, value: ++calls }],
      },
    ]);
    expect(parseMetrics(await registry.render()).value('demo_gauge')).toBe(1);
    expect(parseMetrics(await registry.render()).value('demo_gauge')).toBe(2);
  });

  it('writes special values as Prometheus spells them', () => {
    const text = renderMetrics([
      {
        name: 'odd',
        help: 'h',
        type: 'gauge',
        samples: [
          { labels: { v: 'inf' }, value: Infinity },
          { labels: { v: 'nan' }, value: Number.NaN },
        ],
      },
    ]);
    expect(text).toContain('odd{v="inf"} +Inf\n');
    expect(text).toContain('odd{v="nan"} NaN\n');
  });
});
