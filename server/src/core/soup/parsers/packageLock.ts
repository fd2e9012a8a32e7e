/**
 * package-lock.json / npm-shrinkwrap.json. v2/v3: the `packages` map; an entry is direct when it is
 * installed at the top (node_modules/<name>) and the root package ("") lists it. v1 (no `packages`):
 * the nested `dependencies` tree, where directness is unknown, so every entry is transitive and only
 * lends its version to package.json. Workspace folders and links are the project's own code.
 */
import type { ParseResult } from '../dependencies';
import { isPlainVersion } from '../version';
import { Collector, LineIndex, readJsonObject } from './common';
import { member, membersOf, stringOf, type JsonNode } from './jsonTree';

const NM = 'node_modules/';

export function parsePackageLock(relPath: string, text: string): ParseResult {
  const out = new Collector(relPath, 'npm');
  const lines = new LineIndex(text);
  const root = readJsonObject(out, lines, text, 'A package lockfile');
  if (!root) return out.result();
  const packages = member(root, 'packages');
  if (packages?.kind === 'object') {
    const root = member(packages, '');
    const prod = new Set([...membersOf(member(root, 'dependencies')), ...membersOf(member(root, 'optionalDependencies'))].map((m) => m.key));
    const devOnly = new Set(membersOf(member(root, 'devDependencies')).map((m) => m.key).filter((k) => !prod.has(k)));
    for (const m of packages.members) {
      const at = m.key.lastIndexOf(NM);
      if (at < 0 || m.value.kind !== 'object') continue; // "" root and workspace folders
      if (isTrue(member(m.value, 'link'))) continue;
      const keyName = m.key.slice(at + NM.length);
      const name = stringOf(member(m.value, 'name')) ?? keyName;
      const version = stringOf(member(m.value, 'version'));
      const top = m.key === NM + keyName;
      const direct = top && (prod.has(keyName) || devOnly.has(keyName));
      out.add({
        name,
        version: version && isPlainVersion(version) ? version : undefined,
        direct,
        dev: isTrue(member(m.value, 'dev')) || (direct && devOnly.has(keyName)),
        range: lines.range(m.keyStart + at + NM.length, m.keyEnd),
      });
    }
    return out.result();
  }
  // lockfileVersion 1
  const walk = (deps: JsonNode | undefined, depth: number): void => {
    if (depth > 64) return;
    for (const m of membersOf(deps)) {
      const version = stringOf(member(m.value, 'version'));
      out.add({
        name: m.key,
        version: version && isPlainVersion(version) ? version : undefined,
        direct: false,
        dev: isTrue(member(m.value, 'dev')),
        range: lines.range(m.keyStart, m.keyEnd),
      });
      walk(member(m.value, 'dependencies'), depth + 1);
    }
  };
  walk(member(root, 'dependencies'), 0);
  return out.result();
}

function isTrue(node: JsonNode | undefined): boolean {
  return node?.kind === 'boolean' && node.value;
}
