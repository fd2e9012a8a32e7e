/**
 * Per-thread caches for pure functions of a string (names, callee paths, call sites): the same keys recur
 * on every call and in every file, so each is computed once. Bounded, because the language server runs for
 * days: a cache that reaches its limit is emptied and fills again.
 */
export class BoundedCache<T> {
  private readonly map = new Map<string, T>();
  constructor(private readonly limit: number) {}

  get(key: string): T | undefined {
    return this.map.get(key);
  }

  set(key: string, value: T): void {
    if (this.map.size >= this.limit) this.map.clear();
    this.map.set(key, value);
  }
}

/** `fn` memoised on its argument. `fn` must be pure and never return undefined (return null instead). */
export function memoised<T extends object | string | number | boolean | null>(fn: (key: string) => T, limit = 20000): (key: string) => T {
  const cache = new BoundedCache<T>(limit);
  return (key) => {
    let v = cache.get(key);
    if (v === undefined) {
      v = fn(key);
      cache.set(key, v);
    }
    return v;
  };
}
