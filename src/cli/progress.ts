/**
 * A progress bar for long CLI commands (loads, exports, imports). On a terminal it redraws one
 * line, `[#####.....] 45% 450/1000 rows`; when the stream is not a terminal (a pipe, a log file,
 * a test) it stays silent, so scripted output holds only what the command prints on purpose.
 */
export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): boolean;
}

export interface Progress {
  /** Records `done` items; `fraction` (0..1) overrides done/total when progress is measured otherwise (bytes read). */
  update(done: number, fraction?: number): void;
  /** Draws the final state and ends the line. */
  finish(): void;
}

export interface ProgressOptions {
  label: string;
  total?: number;
  /** Defaults to stderr, so the progress never mixes with output a script reads from stdout. */
  stream?: ProgressStream;
  width?: number;
  /** Redraw at most this often. */
  intervalMs?: number;
}

const silent: Progress = { update: () => undefined, finish: () => undefined };

/** The bar line for a state: pure, so it can be tested. */
export function renderProgress(
  done: number,
  options: { label: string; total?: number; fraction?: number; width?: number },
): string {
  const width = options.width ?? 30;
  const total = options.total;
  let fraction = options.fraction;
  if (fraction === undefined && total !== undefined && total > 0) fraction = done / total;
  const count = total !== undefined ? `${done}/${total}` : `${done}`;
  if (fraction === undefined) return `${count} ${options.label}`;
  const clamped = Math.min(Math.max(fraction, 0), 1);
  const filled = Math.floor(clamped * width);
  const bar = '#'.repeat(filled) + '.'.repeat(width - filled);
  return `[${bar}] ${Math.floor(clamped * 100)}% ${count} ${options.label}`;
}

export function createProgress(options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr;
  if (!stream.isTTY) return silent;
  const interval = options.intervalMs ?? 100;
  let last = 0;
  let state: { done: number; fraction?: number } = { done: 0 };
  const draw = () => {
    const line = renderProgress(state.done, { ...options, fraction: state.fraction });
    stream.write(`\r${line}\x1b[K`);
  };
  return {
    update(done, fraction) {
      state = { done, fraction };
      const now = Date.now();
      if (now - last < interval) return;
      last = now;
      draw();
    },
    finish() {
      draw();
      stream.write('\n');
    },
  };
}
