/**
 * Hands out batches of jobs to the analysis threads. Jobs are ordered by language and each thread starts on
 * its own contiguous region of that order, so a thread mostly sees a few languages: the detectors' code for
 * a language family is compiled (JIT) and warmed up in one thread instead of in every thread. A thread whose
 * region is done takes batches from the back of the largest region left, so no thread idles while work
 * remains. Batches shrink towards the end, so no thread waits long for another's last batch.
 */
export class BatchQueue {
  private readonly regions: { next: number; end: number }[] = [];
  private left: number;

  /**
   * `order`: job indexes in the order to hand them out (grouped by language). `perThread`: how many
   * batches a thread may hold at once (the shrinking batch size takes it into account).
   */
  constructor(
    private readonly order: readonly number[],
    threads: number,
    private readonly maxBatch: number,
    private readonly minBatch: number,
    private readonly perThread = 1,
  ) {
    const t = Math.max(1, threads);
    for (let k = 0; k < t; k++) this.regions.push({ next: Math.floor((order.length * k) / t), end: Math.floor((order.length * (k + 1)) / t) });
    this.left = order.length;
  }

  get remaining(): number {
    return this.left;
  }

  /** The next batch of job indexes for `thread`, or undefined when every job has been handed out. */
  take(thread: number): number[] | undefined {
    if (this.left === 0) return undefined;
    const size = Math.max(this.minBatch, Math.min(this.maxBatch, Math.ceil(this.left / (this.regions.length * this.perThread * 2))));
    const own = this.regions[thread % this.regions.length];
    let batch: number[];
    if (own.next < own.end) {
      const to = Math.min(own.end, own.next + size);
      batch = this.order.slice(own.next, to);
      own.next = to;
    } else {
      let largest = own;
      for (const r of this.regions) if (r.end - r.next > largest.end - largest.next) largest = r;
      const from = Math.max(largest.next, largest.end - size);
      batch = this.order.slice(from, largest.end);
      largest.end = from;
    }
    this.left -= batch.length;
    return batch;
  }
}
