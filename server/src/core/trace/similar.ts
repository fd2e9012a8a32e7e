/** Near-miss ids for "did you mean" messages and "Change to <closest id>" quick fixes. */

export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

/** Ids within a small edit distance (or equal but for case / zero padding), closest first. */
export function closestIds(id: string, candidates: readonly string[], max = 3): string[] {
  const norm = (s: string) => s.toLowerCase().replace(/(\D)0+(\d)/g, '$1$2');
  const scored = candidates
    .map((c) => ({ c, d: norm(c) === norm(id) ? 0 : editDistance(id.toLowerCase(), c.toLowerCase()) }))
    .filter((x) => x.d <= Math.max(2, Math.floor(id.length / 4)))
    .sort((a, b) => a.d - b.d || (a.c < b.c ? -1 : 1));
  return scored.slice(0, max).map((x) => x.c);
}
