/**
 * pyproject.toml: PEP 621 [project] dependencies and optional-dependencies, PEP 735
 * [dependency-groups], [build-system] requires, Poetry's [tool.poetry.*dependencies] tables, and
 * the dev lists of PDM and uv. What is dev: build requirements, dependency groups, Poetry groups other
 * than main (Poetry documents them as development-only), and extras named like dev/test/docs/lint.
 */
import type { ParseResult } from '../dependencies';
import { Collector, LineIndex, versionFields } from './common';
import { parsePep508 } from './requirements';
import { asString, asTable, Locator, parseToml, scanToml } from './tomlScan';

const DEV_GROUP = /^(dev|devel|develop|development|test|tests|testing|doc|docs|lint|linting|typing|types|style|qa|ci|check|checks|format|coverage|bench|benchmarks?)$/i;

export function parsePyproject(relPath: string, text: string): ParseResult {
  const out = new Collector(relPath, 'pypi');
  const parsed = parseToml(text);
  if (!parsed.ok) {
    out.problem(parsed.message, parsed.range);
    return out.result();
  }
  const root = parsed.value;
  const where = new Locator(scanToml(text), new LineIndex(text));

  const pep508List = (list: unknown, table: string[], key: string, dev: boolean): void => {
    if (list === undefined) return;
    if (!Array.isArray(list)) {
      out.problem(`${[...table, key].join('.')} must be an array of requirement strings`, where.key(table, key));
      return;
    }
    const strings = where.strings(table, key);
    let s = 0;
    for (const item of list) {
      if (typeof item !== 'string') continue; // {include-group = "..."} and the like
      const seg = strings[s++];
      const req = parsePep508(item);
      if (!req) {
        out.problem(`Cannot read requirement '${item}'`, seg ? where.lines.range(seg.start, seg.end) : where.key(table, key));
        continue;
      }
      const range = seg ? where.lines.range(seg.start + req.nameStart, seg.start + req.nameStart + req.name.length) : where.key(table, key);
      out.add({ name: req.name, ...versionFields(req.spec), direct: true, dev, range });
    }
  };

  const poetryTable = (value: unknown, table: string[], dev: boolean): void => {
    for (const [name, spec] of Object.entries(asTable(value) ?? {})) {
      if (name.toLowerCase() === 'python') continue;
      const detail = asTable(spec);
      if (detail && (detail.path !== undefined || detail.develop !== undefined)) continue; // local code
      const alternatives = Array.isArray(spec) ? spec.map((s) => asString(asTable(s)?.version)).filter((s): s is string => !!s) : [];
      const constraint = asString(spec) ?? asString(detail?.version) ?? (alternatives.length ? alternatives.join(' || ') : undefined);
      out.add({ name, ...versionFields(constraint), direct: true, dev, range: where.key(table, name) });
    }
  };

  const project = asTable(root.project);
  pep508List(project?.dependencies, ['project'], 'dependencies', false);
  for (const [group, list] of Object.entries(asTable(project?.['optional-dependencies']) ?? {})) {
    pep508List(list, ['project', 'optional-dependencies'], group, DEV_GROUP.test(group));
  }
  for (const [group, list] of Object.entries(asTable(root['dependency-groups']) ?? {})) {
    pep508List(list, ['dependency-groups'], group, true);
  }
  pep508List(asTable(root['build-system'])?.requires, ['build-system'], 'requires', true);

  const tool = asTable(root.tool);
  for (const [group, list] of Object.entries(asTable(asTable(tool?.pdm)?.['dev-dependencies']) ?? {})) {
    pep508List(list, ['tool', 'pdm', 'dev-dependencies'], group, true);
  }
  pep508List(asTable(tool?.uv)?.['dev-dependencies'], ['tool', 'uv'], 'dev-dependencies', true);

  const poetry = asTable(tool?.poetry);
  poetryTable(poetry?.dependencies, ['tool', 'poetry', 'dependencies'], false);
  poetryTable(poetry?.['dev-dependencies'], ['tool', 'poetry', 'dev-dependencies'], true);
  for (const [group, body] of Object.entries(asTable(poetry?.group) ?? {})) {
    poetryTable(asTable(body)?.dependencies, ['tool', 'poetry', 'group', group, 'dependencies'], group !== 'main');
  }
  return out.result();
}
