/** The analysis threads' batch queue (node/batchQueue.ts): every job handed out once, regions kept, no thread starved. */
import * as assert from 'assert';
import { BatchQueue } from '../../server/src/node/batchQueue';

function drain(q: BatchQueue, threads: number, pick: (round: number) => number): Map<number, number[][]> {
  const got = new Map<number, number[][]>();
  for (let round = 0; q.remaining > 0; round++) {
    const t = pick(round) % threads;
    const b = q.take(t);
    assert.ok(b && b.length > 0, 'a batch while jobs remain');
    if (!got.has(t)) got.set(t, []);
    got.get(t)!.push(b);
  }
  for (let t = 0; t < threads; t++) assert.strictEqual(q.take(t), undefined, 'nothing after the end');
  return got;
}

describe('BatchQueue', () => {
  it('hands every job out exactly once, in batches of at most the maximum size', () => {
    for (const [jobs, threads] of [[0, 2], [1, 2], [7, 3], [100, 2], [2000, 2], [2000, 8], [333, 5]] as const) {
      const order = Array.from({ length: jobs }, (_, i) => i);
      const q = new BatchQueue(order, threads, 24, 4, 2);
      const got = drain(q, threads, (r) => r * 7 + 3);
      const all = [...got.values()].flat(2).sort((a, b) => a - b);
      assert.deepStrictEqual(all, order, `${jobs} jobs, ${threads} threads`);
      for (const b of [...got.values()].flat()) assert.ok(b.length <= 24, `batch of ${b.length}`);
    }
  });

  it('starts each thread on its own region and lets a finished thread take from the back of the largest one', () => {
    const order = Array.from({ length: 100 }, (_, i) => i);
    const q = new BatchQueue(order, 2, 10, 2, 1);
    assert.deepStrictEqual(q.take(0)!.slice(0, 2), [0, 1], 'thread 0 starts at the front');
    assert.strictEqual(q.take(1)![0], 50, 'thread 1 starts at its half');
    // Thread 1 finishes its region, then works backwards from the end of thread 0's.
    let b: number[] | undefined;
    const mine: number[] = [];
    while ((b = q.take(1)) && b[0] >= 50) mine.push(...b);
    assert.ok(mine.every((i) => i >= 50));
    assert.ok(b && b[b.length - 1] === 49, `then the back of region 0 (got ${b})`);
  });

  it('keeps a batch order that follows the order it was given', () => {
    const order = [5, 3, 9, 1, 0, 2, 8, 7, 6, 4];
    const q = new BatchQueue(order, 1, 3, 1, 1);
    const seen: number[] = [];
    for (let b = q.take(0); b; b = q.take(0)) seen.push(...b);
    assert.deepStrictEqual(seen, order);
  });
});
