/** Reading the Prometheus text format back, for tests. */

export interface Scrape {
  /** Name and labels (sorted) → value. */
  values: Map<string, number>;
  /** Metric name → TYPE. */
  types: Map<string, string>;
  value(name: string, labels?: Record<string, string>): number | undefined;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

const keyOf = (name: string, labels: Record<string, string>) =>
  `${name}${JSON.stringify(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)))}`;

/** Parses an exposition; throws on any line that is neither a comment nor a sample. */
export function parseMetrics(text: string): Scrape {
  const values = new Map<string, number>();
  const types = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const [, typed, type] =
      /^# TYPE (\S+) (counter|gauge|histogram|summary|untyped)$/.exec(line) ?? [];
    if (typed && type) {
      types.set(typed, type);
      continue;
    }
    if (/^# HELP \S+ .*$/.test(line)) continue;
    const [, name, labelText = '', text = ''] = SAMPLE.exec(line) ?? [];
    if (!name) throw new Error(`Not a metrics line: ${JSON.stringify(line)}`);
    const labels: Record<string, string> = {};
    for (const [, label = '', raw = ''] of labelText.matchAll(LABEL)) {
      labels[label] = raw.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    }
    const value = text === '+Inf' ? Infinity : Number(text);
    if (Number.isNaN(value) && text !== 'NaN') throw new Error(`Bad value in ${line}`);
    values.set(keyOf(name, labels), value);
  }
  return { values, types, value: (name, labels = {}) => values.get(keyOf(name, labels)) };
}
