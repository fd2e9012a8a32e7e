/**
 * Debug switches that are off: a name declared once with `false` at the top of a file or class and never
 * assigned again (`var laDebug = false`, `private static final boolean d = false`, `const val DEBUG = false`,
 * `DEBUG = False`). What an `if (laDebug)` guards never runs, so the walk skips it (its `else` still runs).
 * Read from the text: a name assigned anything but `false` anywhere in the file (even a shadowing local) is
 * not a switch.
 */
const DECL = /\b(?:const|let|var|val|final|readonly)\b[^\n;=(){}]*?\b([A-Za-z_]\w*)\s*(?::\s*(?:Boolean|Bool|bool))?\s*=\s*false\b|^([A-Za-z_]\w*)\s*(?::\s*bool)?\s*=\s*False\b/gm;

export function deadFlagsOf(text: string): ReadonlySet<string> {
  const out = new Set<string>();
  if (text.length > 4_000_000 || !/\b(false|False)\b/.test(text)) return out;
  for (const m of text.matchAll(DECL)) {
    const name = m[1] ?? m[2];
    if (!name || out.has(name)) continue;
    const escaped = name.replace(/\$/g, '\\$');
    // Every write sets it to false: the declaration, and locals of the same name that are off too
    // (`final boolean d = false;` in a method, shadowing the class's switch).
    const other = new RegExp(`(?<![\\w.$])${escaped}\\s*(=(?!=)(?!\\s*false\\b)|\\|=|&=|\\+\\+|--)|(?:\\.|\\bthis\\.|\\bself\\.)${escaped}\\s*=(?!=)(?!\\s*false\\b)`);
    if (!other.test(text)) out.add(name);
  }
  return out;
}

/** The flag a condition is, if it is one bare name (optionally in parentheses or through this./self./a type). */
export function conditionFlag(conditionText: string): string | undefined {
  const m = /^\(?\s*(?:(?:this|self|[A-Z]\w*)\.)?([A-Za-z_]\w*)\s*\)?$/.exec(conditionText.trim());
  return m?.[1];
}
