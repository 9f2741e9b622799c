/**
 * A bounded buffer between a producer and a consumer of byte chunks. The report's file is stored
 * a chunk at a time, each insert awaited before the next bytes are asked for; on PostgreSQL that
 * wait (the server compressing and writing a megabyte) is long enough to write the next rows in.
 */

/**
 * Yields what `source` yields, in order, pulling from it ahead of the consumer while fewer than
 * `maxBytes` are waiting. An error of the source comes out where its chunk would have; stopping
 * early stops the source too.
 */
export async function* readAhead(
  source: AsyncIterable<Uint8Array>,
  maxBytes: number,
): AsyncGenerator<Uint8Array> {
  const iterator = source[Symbol.asyncIterator]();
  const queue: Uint8Array[] = [];
  let queued = 0;
  let ended = false;
  let stopped = false;
  let failure: { error: unknown } | null = null;
  let wakeConsumer: (() => void) | null = null;
  let wakeProducer: (() => void) | null = null;
  const wake = (which: 'consumer' | 'producer') => {
    const wakeUp = which === 'consumer' ? wakeConsumer : wakeProducer;
    if (which === 'consumer') wakeConsumer = null;
    else wakeProducer = null;
    wakeUp?.();
  };

  const pump = (async () => {
    try {
      while (!stopped) {
        if (queued >= maxBytes) {
          await new Promise<void>((resolve) => (wakeProducer = resolve));
          continue;
        }
        const next = await iterator.next();
        if (next.done) break;
        queue.push(next.value);
        queued += next.value.byteLength;
        wake('consumer');
      }
    } catch (error) {
      failure = { error };
    } finally {
      ended = true;
      wake('consumer');
    }
  })();

  try {
    for (;;) {
      const chunk = queue.shift();
      if (chunk) {
        queued -= chunk.byteLength;
        wake('producer');
        yield chunk;
        continue;
      }
      if (ended) {
        if (failure) throw (failure as { error: unknown }).error;
        return;
      }
      await new Promise<void>((resolve) => (wakeConsumer = resolve));
    }
  } finally {
    stopped = true;
    wake('producer');
    await pump;
    // Let a source the consumer stopped early clean up (close its reader, say); a source that
    // finished or failed has nothing left to do.
    if (!failure) await iterator.return?.();
  }
}
