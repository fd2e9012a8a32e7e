/** Near-miss ids for "did you mean" messages and "Change to <closest id>" quick fixes. */

/**
 * Levenshtein distance, or `limit + 1` as soon as it must exceed `limit` (the caller only wants close
 * strings, so most comparisons stop after a row or two).
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    let rowMin = prev[0];
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
      if (prev[j] < rowMin) rowMin = prev[j];
    }
    if (rowMin > limit) return limit + 1;
  }
  return prev[b.length];
}

const norm = (s: string) => s.toLowerCase().replace(/(\D)0+(\d)/g, '$1$2');

/** Allowed distance for a near miss of `id`: two edits, or a quarter of a long id. */
const allowance = (id: string) => Math.max(2, Math.floor(id.length / 4));

/** The declared ids, prepared once (normalised, lower-cased, bucketed by length) for every matcher over them. */
export class IdIndex {
  readonly byNorm = new Map<string, string[]>();
  readonly byLength = new Map<number, { id: string; lower: string }[]>();

  constructor(ids: readonly string[]) {
    for (const id of ids) {
      const n = norm(id);
      const same = this.byNorm.get(n);
      if (same) same.push(id);
      else this.byNorm.set(n, [id]);
      const bucket = this.byLength.get(id.length);
      const entry = { id, lower: id.toLowerCase() };
      if (bucket) bucket.push(entry);
      else this.byLength.set(id.length, [entry]);
    }
  }
}

/**
 * Near misses among the declared ids (an IdIndex, prepared once per trace graph so that suggesting ids for
 * many unknown ones, in many files, does not redo that work), with a budget of comparisons: a file of 60,000
 * unknown ids against a manifest of 20,000 took minutes. Past the budget `closest` answers undefined and
 * the finding goes without a suggestion; the budget is per matcher, and a matcher serves one file, so the
 * editor and the CLI suggest the same ids.
 */
export class IdMatcher {
  private readonly index: IdIndex;
  private comparisons = 0;

  constructor(
    ids: readonly string[] | IdIndex,
    private readonly budget = 2_000_000,
  ) {
    this.index = ids instanceof IdIndex ? ids : new IdIndex(ids);
  }

  /**
   * Up to `max` accepted ids within a small edit distance of `id` (or equal but for case and zero padding),
   * closest first; undefined once the budget is spent.
   */
  closest(id: string, accept: (candidate: string) => boolean, max = 3): string[] | undefined {
    const limit = allowance(id);
    const lower = id.toLowerCase();
    const scored: { c: string; d: number }[] = [];
    const exact = new Set((this.index.byNorm.get(norm(id)) ?? []).filter(accept));
    for (const c of exact) scored.push({ c, d: 0 });
    for (let len = id.length - limit; len <= id.length + limit; len++) {
      for (const e of this.index.byLength.get(len) ?? []) {
        if (++this.comparisons > this.budget) return undefined;
        if (exact.has(e.id) || !accept(e.id)) continue;
        const d = editDistance(lower, e.lower, limit);
        if (d <= limit) scored.push({ c: e.id, d });
      }
    }
    scored.sort((a, b) => a.d - b.d || (a.c < b.c ? -1 : 1));
    return scored.slice(0, max).map((x) => x.c);
  }
}
