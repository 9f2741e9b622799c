/**
 * Runs an import's chunk transactions two at a time on PostgreSQL, so the server writes one
 * chunk while this process reads and prices the next, yet commits stay in file order.
 *
 * The order of events that keeps a resumed import exact and two chunks from deadlocking:
 * - chunk N+1 starts once chunk N holds its participants' locks (`locked`), so a participant in
 *   both waits for N to commit, and N+1 then reads the balance as N left it;
 * - chunk N+1 records itself (its chunk record, progress, commit) only after N committed
 *   (`previousCommitted`), so the recorded chunks are always a prefix of the file, and a crash
 *   leaves nothing after a gap; if N fails, N+1 rolls back too;
 * - at most two chunks are in flight.
 * With `overlap` false (SQLite: one connection, one writer) each chunk runs alone.
 */
export interface ChunkTurn {
  /** Call once the chunk holds its locks (a dry run: once it priced its rows): the next may start. */
  locked(): void;
  /** Resolves when every earlier chunk has committed; rejects when one failed. */
  previousCommitted: Promise<void>;
}

const settled = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    () => undefined,
  );

export class ChunkPipeline {
  private lastCommitted: Promise<void> = Promise.resolve();
  private lastLocked: Promise<void> = Promise.resolve();
  private olderCommitted: Promise<void> = Promise.resolve();

  constructor(private readonly overlap: boolean) {}

  /** Starts `task` when its turn comes; resolves when the next task may be submitted. */
  async submit(task: (turn: ChunkTurn) => Promise<void>): Promise<void> {
    await Promise.all([this.lastLocked, settled(this.olderCommitted)]);
    // A failed chunk stops the import here, once the chunk after it has rolled back too.
    await this.olderCommitted.catch(async (error: unknown) => {
      await settled(this.lastCommitted);
      throw error;
    });
    let locked = () => {};
    const lockedNow = new Promise<void>((resolve) => (locked = resolve));
    const previousCommitted = this.lastCommitted;
    const committed = task({ locked, previousCommitted });
    // Awaited by the next chunk or by drain(); never an unhandled rejection meanwhile.
    committed.catch(() => undefined);
    this.olderCommitted = previousCommitted;
    this.lastCommitted = committed;
    this.lastLocked = Promise.race([lockedNow, settled(committed)]);
    if (!this.overlap) await committed;
  }

  /** Resolves when every submitted chunk has committed; rejects with the first failure. */
  async drain(): Promise<void> {
    await Promise.all([settled(this.olderCommitted), settled(this.lastCommitted)]);
    await this.olderCommitted;
    await this.lastCommitted;
  }
}
