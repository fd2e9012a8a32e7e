/**
 * package.json: dependencies and optionalDependencies (shipped), devDependencies (dev).
 * peerDependencies are left out: the host application declares them in its own dependencies.
 * Local code (file:, link:, workspace:, portal:) is not SOUP and is skipped; git and URL
 * dependencies are kept without a version (the lockfile supplies it).
 */
import type { ParseResult } from '../dependencies';
import { Collector, LineIndex, readJsonObject, versionFields } from './common';
import { member } from './jsonTree';

const SECTIONS: { key: string; dev: boolean }[] = [
  { key: 'dependencies', dev: false },
  { key: 'optionalDependencies', dev: false },
  { key: 'devDependencies', dev: true },
];

export function parsePackageJson(relPath: string, text: string): ParseResult {
  const out = new Collector(relPath, 'npm');
  const lines = new LineIndex(text);
  const root = readJsonObject(out, lines, text, 'package.json');
  if (!root) return out.result();
  for (const section of SECTIONS) {
    const node = member(root, section.key);
    if (!node) continue;
    if (node.kind !== 'object') {
      out.problem(`"${section.key}" must be an object of package names and versions`, lines.range(node.start, node.start + 1));
      continue;
    }
    for (const m of node.members) {
      const range = lines.range(m.keyStart, m.keyEnd);
      if (m.value.kind !== 'string') {
        out.problem(`The version of '${m.key}' must be a string`, lines.range(m.value.start, m.value.end));
        continue;
      }
      const spec = npmSpec(m.key, m.value.value);
      if (!spec) continue;
      out.add({ name: spec.name, ...versionFields(spec.range), direct: true, dev: section.dev, range });
    }
  }
  return out.result();
}

/** Reads an npm dependency spec; undefined for local code. Shared with the other npm formats. */
export function npmSpec(name: string, spec: string): { name: string; range?: string } | undefined {
  const s = spec.trim();
  if (/^(file|link|workspace|portal|patch|exec):/.test(s) || /^\.{0,2}\//.test(s)) return undefined;
  const alias = /^npm:((?:@[^/@]+\/)?[^@]+)(?:@(.*))?$/.exec(s);
  if (alias) return { name: alias[1], range: alias[2] || undefined };
  if (/^(git\+|git:|github:|gitlab:|bitbucket:|https?:)/.test(s) || /^[^@\s]+\/[^\s]+$/.test(s)) return { name };
  if (s === '' || s === '*' || s === 'latest' || s === 'x') return { name, range: s || undefined };
  return { name, range: s };
}
