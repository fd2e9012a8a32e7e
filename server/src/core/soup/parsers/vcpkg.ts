/**
 * vcpkg.json manifest mode: `dependencies` as port names or objects ({ name, "version>=", host }).
 * `overrides` pin exact versions, so they win over a minimum; host dependencies are build tools (dev).
 */
import type { ParseResult } from '../dependencies';
import { Collector, LineIndex, readJsonObject } from './common';
import { member, stringOf, type JsonNode } from './jsonTree';

const VERSION_KEYS = ['version', 'version-semver', 'version-date', 'version-string'];

export function parseVcpkg(relPath: string, text: string): ParseResult {
  const out = new Collector(relPath, 'vcpkg');
  const lines = new LineIndex(text);
  const root = readJsonObject(out, lines, text, 'vcpkg.json');
  if (!root) return out.result();
  const overrides = new Map<string, string>();
  const o = member(root, 'overrides');
  for (const item of o?.kind === 'array' ? o.items : []) {
    const name = stringOf(member(item, 'name'));
    const version = VERSION_KEYS.map((k) => stringOf(member(item, k))).find((v) => v !== undefined);
    if (name && version) overrides.set(name, version.replace(/#\d+$/, '')); // "#2" is a port revision
  }
  const deps = member(root, 'dependencies');
  if (deps && deps.kind !== 'array') {
    out.problem('"dependencies" must be an array', lines.range(deps.start, deps.start + 1));
    return out.result();
  }
  for (const item of deps?.kind === 'array' ? deps.items : []) {
    const nameNode: JsonNode | undefined = item.kind === 'string' ? item : member(item, 'name');
    if (nameNode?.kind !== 'string') {
      out.problem('A dependency must be a port name or an object with "name"', lines.range(item.start, item.start + 1));
      continue;
    }
    const name = nameNode.value;
    const minimum = stringOf(member(item, 'version>='))?.replace(/#\d+$/, '');
    const pinned = overrides.get(name);
    const host = member(item, 'host');
    out.add({
      name,
      ...(pinned ? { version: pinned } : minimum ? { version: minimum, versionSpec: `>=${minimum}` } : {}),
      direct: true,
      dev: host?.kind === 'boolean' && host.value,
      range: lines.range(nameNode.start + 1, nameNode.end - 1),
    });
  }
  return out.result();
}
