/**
 * A small metrics registry that writes the Prometheus text format (version 0.0.4). Counters and
 * histograms live in the process; collectors run at scrape time for numbers kept elsewhere (the
 * database's job counts, say). Terminology follows Prometheus: a family is one metric name with
 * its HELP and TYPE; a sample is one line, a value under one set of labels.
 */

export type Labels = Readonly<Record<string, string>>;
export type MetricType = 'counter' | 'gauge' | 'histogram';

export interface Sample {
  labels: Labels;
  value: number;
  /** Appended to the family name: `_bucket`, `_sum`, `_count` for histograms. */
  suffix?: string;
}

export interface MetricFamily {
  name: string;
  help: string;
  type: MetricType;
  samples: Sample[];
}

/** Gives families at scrape time; a collector that throws fails the scrape. */
export type Collector = () => Promise<MetricFamily[]> | MetricFamily[];

/** One key per distinct label set; label names are fixed per family, so order is stable. */
function keyOf(labels: Labels): string {
  return JSON.stringify(labels);
}

export class Counter {
  private readonly values = new Map<string, { labels: Labels; value: number }>();

  constructor(
    readonly name: string,
    readonly help: string,
  ) {}

  inc(labels: Labels = {}, by = 1): void {
    const key = keyOf(labels);
    const entry = this.values.get(key);
    if (entry) entry.value += by;
    else this.values.set(key, { labels, value: by });
  }

  collect(): MetricFamily {
    const samples = [...this.values.values()].map(({ labels, value }) => ({ labels, value }));
    return { name: this.name, help: this.help, type: 'counter', samples };
  }
}

interface HistogramSeries {
  labels: Labels;
  /** Per bucket, not cumulative; made cumulative when written. */
  counts: number[];
  sum: number;
  count: number;
}

export class Histogram {
  private readonly series = new Map<string, HistogramSeries>();

  /** `buckets` are upper bounds in ascending order; +Inf is implied. */
  constructor(
    readonly name: string,
    readonly help: string,
    readonly buckets: readonly number[],
  ) {}

  observe(labels: Labels, value: number): void {
    const key = keyOf(labels);
    let series = this.series.get(key);
    if (!series) {
      series = { labels, counts: this.buckets.map(() => 0), sum: 0, count: 0 };
      this.series.set(key, series);
    }
    const at = this.buckets.findIndex((bound) => value <= bound);
    if (at >= 0) series.counts[at] = (series.counts[at] ?? 0) + 1;
    series.sum += value;
    series.count += 1;
  }

  collect(): MetricFamily {
    const samples: Sample[] = [];
    for (const { labels, counts, sum, count } of this.series.values()) {
      let cumulative = 0;
      this.buckets.forEach((bound, i) => {
        cumulative += counts[i] ?? 0;
        samples.push({
          labels: { ...labels, le: String(bound) },
          value: cumulative,
          suffix: '_bucket',
        });
      });
      samples.push({ labels: { ...labels, le: '+Inf' }, value: count, suffix: '_bucket' });
      samples.push({ labels, value: sum, suffix: '_sum' });
      samples.push({ labels, value: count, suffix: '_count' });
    }
    return { name: this.name, help: this.help, type: 'histogram', samples };
  }
}

const escapeHelp = (text: string) => text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
const escapeLabel = (text: string) =>
  text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');

function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

/** Writes families in the text exposition format, one HELP and TYPE line each. */
export function renderMetrics(families: readonly MetricFamily[]): string {
  const lines: string[] = [];
  for (const family of families) {
    lines.push(`# HELP ${family.name} ${escapeHelp(family.help)}`);
    lines.push(`# TYPE ${family.name} ${family.type}`);
    for (const sample of family.samples) {
      const pairs = Object.entries(sample.labels).map(([k, v]) => `${k}="${escapeLabel(v)}"`);
      const labels = pairs.length > 0 ? `{${pairs.join(',')}}` : '';
      lines.push(`${family.name}${sample.suffix ?? ''}${labels} ${formatValue(sample.value)}`);
    }
  }
  return lines.join('\n') + '\n';
}

/** The metrics of one server: its own counters and histograms, and collectors run per scrape. */
export class MetricsRegistry {
  private readonly metrics: (Counter | Histogram)[] = [];
  private readonly collectors: Collector[] = [];

  counter(name: string, help: string): Counter {
    const counter = new Counter(name, help);
    this.metrics.push(counter);
    return counter;
  }

  histogram(name: string, help: string, buckets: readonly number[]): Histogram {
    const histogram = new Histogram(name, help, buckets);
    this.metrics.push(histogram);
    return histogram;
  }

  addCollector(collector: Collector): void {
    this.collectors.push(collector);
  }

  async render(): Promise<string> {
    const collected = await Promise.all(this.collectors.map((collect) => collect()));
    return renderMetrics([...collected.flat(), ...this.metrics.map((m) => m.collect())]);
  }
}
