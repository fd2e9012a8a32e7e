/**
 * TOML lockfiles with a [[package]] array: Cargo.lock, poetry.lock, uv.lock. Each entry gives the
 * exact version in use. Cargo.lock and uv.lock also say what the project's own packages (no
 * registry source) depend on, which makes those entries direct; poetry.lock does not.
 */
import type { Ecosystem, ParseResult } from '../dependencies';
import { Collector, LineIndex, lineRange } from './common';
import { asString, asTable, parseToml, scanToml, type TomlTable } from './tomlScan';

export function parseTomlLock(relPath: string, text: string): ParseResult {
  const kind = /Cargo\.lock$/.test(relPath) ? 'cargo' : /uv\.lock$/.test(relPath) ? 'uv' : 'poetry';
  const ecosystem: Ecosystem = kind === 'cargo' ? 'cargo' : 'pypi';
  const out = new Collector(relPath, ecosystem);
  const parsed = parseToml(text);
  if (!parsed.ok) {
    out.problem(parsed.message, parsed.range);
    return out.result();
  }
  const packages = (Array.isArray(parsed.value.package) ? parsed.value.package : []).map((p) => asTable(p) ?? {});
  const lines = new LineIndex(text);
  const scan = scanToml(text);
  // Position of the n-th [[package]]'s name = "…" line (else its header).
  const nameRange = (n: number): ReturnType<LineIndex['range']> => {
    const key = scan.keys.find((k) => k.header?.arrayTable && k.header.index === n && k.header.path.length === 1 && k.header.path[0].name === 'package' && k.key.length === 1 && k.key[0].name === 'name');
    if (key) return key.strings.length ? lines.range(key.strings[0].start, key.strings[0].end) : valueRange(key.key[0].end);
    const header = scan.headers.find((h) => h.arrayTable && h.index === n && h.path.length === 1 && h.path[0].name === 'package');
    return header ? lines.range(header.path[0].start, header.path[0].end) : lineRange(0, 0, 0);
  };
  // The name's string value follows `name =` on the same line.
  const valueRange = (afterKey: number): ReturnType<LineIndex['range']> => {
    const m = /^\s*=\s*"([^"]*)"/.exec(text.slice(afterKey, afterKey + 300));
    if (!m) return lines.range(afterKey, afterKey);
    const start = afterKey + m[0].length - m[1].length - 1;
    return lines.range(start, start + m[1].length);
  };

  const own = packages.filter((p) => isOwn(kind, p));
  const direct = new Set<string>();
  const directDev = new Set<string>();
  for (const p of own) {
    for (const d of Array.isArray(p.dependencies) ? p.dependencies : []) {
      const name = typeof d === 'string' ? d.split(' ')[0] : asString(asTable(d)?.name);
      if (name) direct.add(name);
    }
    for (const group of Object.values(asTable(p['dev-dependencies']) ?? {})) {
      for (const d of Array.isArray(group) ? group : []) {
        const name = asString(asTable(d)?.name);
        if (name) directDev.add(name);
      }
    }
  }

  packages.forEach((p, n) => {
    const name = asString(p.name);
    if (!name) {
      out.problem('[[package]] without a name', nameRange(n));
      return;
    }
    if (isOwn(kind, p)) return;
    const groups = Array.isArray(p.groups) ? p.groups : undefined;
    const dev =
      (kind === 'poetry' && (p.category === 'dev' || (groups !== undefined && !groups.includes('main')))) ||
      (directDev.has(name) && !direct.has(name));
    out.add({ name, version: asString(p.version), direct: kind !== 'poetry' && (direct.has(name) || directDev.has(name)), dev, range: nameRange(n) });
  });
  return out.result();
}

/** The project's own packages: Cargo workspace members and path crates (no source), uv's editable/virtual root. */
function isOwn(kind: string, p: TomlTable): boolean {
  if (kind === 'cargo') return p.source === undefined;
  if (kind === 'uv') {
    const source = asTable(p.source);
    return !!source && (source.editable !== undefined || source.virtual !== undefined || source.directory !== undefined || source.path !== undefined);
  }
  return false;
}
