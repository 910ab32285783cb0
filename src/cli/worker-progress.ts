/**
 * Which file a worker is on, and since when, in memory both threads see: the
 * pool can time a file while the worker is busy with it, without the worker
 * sending a message for every file it starts.
 */
export class WorkerProgress {
  /** Index + 1 of the file being checked; 0 between files. */
  private readonly file: Int32Array;
  /** When that file was started, in ms since the Unix epoch (the same clock in every thread). */
  private readonly since: Float64Array;

  constructor(readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(16)) {
    this.since = new Float64Array(buffer, 0, 1);
    this.file = new Int32Array(buffer, 8, 1);
  }

  /** Worker side: starting on file `index` now. */
  started(index: number): void {
    this.since[0] = now();
    // Atomics.store orders the time before the index: whoever sees this index sees its time.
    Atomics.store(this.file, 0, index + 1);
  }

  /** Worker side: between files. */
  idle(): void {
    Atomics.store(this.file, 0, 0);
  }

  /** Pool side: the file being checked and for how many ms; null between files. */
  current(): { index: number; elapsedMs: number } | null {
    for (;;) {
      const file = Atomics.load(this.file, 0);
      if (file === 0) return null;
      const since = this.since[0]!;
      // Read again: the worker may have moved on between the two reads.
      if (Atomics.load(this.file, 0) === file) return { index: file - 1, elapsedMs: now() - since };
    }
  }
}

function now(): number {
  return performance.timeOrigin + performance.now();
}
