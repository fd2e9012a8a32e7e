/**
 * Cargo.toml: [dependencies] (shipped), [dev-dependencies] and [build-dependencies] (dev: not linked
 * into the product), the same under [target.'cfg(…)'], and [workspace.dependencies], which only
 * declare versions for members and so are not direct dependencies themselves. A bare "1.2" is a caret
 * range in Cargo; `package = "…"` renames; path dependencies are the project's own code.
 */
import type { ParseResult } from '../dependencies';
import { Collector, LineIndex, versionFields } from './common';
import { asString, asTable, Locator, parseToml, scanToml, type TomlTable } from './tomlScan';

const KINDS: Record<string, boolean> = {
  dependencies: false,
  'dev-dependencies': true,
  dev_dependencies: true,
  'build-dependencies': true,
  build_dependencies: true,
};

export function parseCargoToml(relPath: string, text: string): ParseResult {
  const out = new Collector(relPath, 'cargo');
  const parsed = parseToml(text);
  if (!parsed.ok) {
    out.problem(parsed.message, parsed.range);
    return out.result();
  }
  const root = parsed.value;
  const where = new Locator(scanToml(text), new LineIndex(text));

  const table = (value: unknown, path: string[], dev: boolean, direct: boolean): void => {
    for (const [key, spec] of Object.entries(asTable(value) ?? {})) {
      const detail: TomlTable | undefined = asTable(spec);
      if (detail?.path !== undefined) continue;
      const constraint = asString(spec) ?? asString(detail?.version);
      const name = asString(detail?.package) ?? key;
      out.add({ name, ...versionFields(constraint, true), direct, dev, range: where.key(path, key) });
    }
  };

  for (const [kind, dev] of Object.entries(KINDS)) table(root[kind], [kind], dev, true);
  for (const [cfg, body] of Object.entries(asTable(root.target) ?? {})) {
    for (const [kind, dev] of Object.entries(KINDS)) table(asTable(body)?.[kind], ['target', cfg, kind], dev, true);
  }
  table(asTable(root.workspace)?.dependencies, ['workspace', 'dependencies'], false, false);
  return out.result();
}
