/**
 * Maven pom.xml: <dependencies> of the project and of its profiles. Versions come from the
 * dependency, else from this pom's <dependencyManagement>; ${properties} are resolved from
 * <properties> and the project's own coordinates. Versions inherited from a parent pom or imported
 * BOM stay unknown (a lockfile-free ecosystem: the soup entry's version cannot be checked then).
 * Plugin dependencies are build tooling and are not read.
 */
import type { ParseResult } from '../dependencies';
import { Collector, LineIndex, versionFields } from './common';
import { child, children, parseXmlTree, path, type XmlElement } from './xmlTree';

export function parsePom(relPath: string, text: string): ParseResult {
  const out = new Collector(relPath, 'maven');
  const lines = new LineIndex(text);
  const tree = parseXmlTree(text);
  if (!tree.ok) {
    out.problem(`Invalid XML: ${tree.message}`, lines.range(tree.offset, Math.min(text.length, tree.offset + 1)));
    return out.result();
  }
  const project = tree.root;
  if (project.name !== 'project') {
    out.problem(`Root element is <${project.name}>, expected <project>: not a Maven POM`, lines.range(project.start, project.start + 1));
    return out.result();
  }

  const props = new Map<string, string>();
  for (const p of path(project, 'properties')?.children ?? []) props.set(p.name, p.text);
  const own = (name: string): string | undefined => child(project, name)?.text || path(project, 'parent', name)?.text || undefined;
  for (const key of ['version', 'groupId', 'artifactId']) {
    const v = own(key);
    if (v !== undefined) {
      props.set(`project.${key}`, v);
      props.set(`pom.${key}`, v);
    }
  }
  const parentVersion = path(project, 'parent', 'version')?.text;
  if (parentVersion) props.set('project.parent.version', parentVersion);

  const resolve = (s: string): string | undefined => {
    let cur = s;
    for (let k = 0; k < 10 && cur.includes('${'); k++) cur = cur.replace(/\$\{([^}]+)\}/g, (m, name: string) => props.get(name) ?? m);
    return cur.includes('${') ? undefined : cur;
  };

  const managed = new Map<string, string>();
  for (const d of children(path(project, 'dependencyManagement', 'dependencies'), 'dependency')) {
    const g = resolve(child(d, 'groupId')?.text ?? '');
    const a = resolve(child(d, 'artifactId')?.text ?? '');
    const v = resolve(child(d, 'version')?.text ?? '');
    if (g !== undefined && a && v) managed.set(`${g}:${a}`, v);
  }

  const blocks: XmlElement[] = [
    ...children(path(project, 'dependencies'), 'dependency'),
    ...children(path(project, 'profiles'), 'profile').flatMap((p) => children(path(p, 'dependencies'), 'dependency')),
  ];
  for (const d of blocks) {
    const artifact = child(d, 'artifactId');
    if (!artifact || !artifact.text) {
      out.problem('<dependency> without <artifactId>', lines.range(d.start, d.start + '<dependency>'.length));
      continue;
    }
    const g = resolve(child(d, 'groupId')?.text ?? '') ?? child(d, 'groupId')?.text ?? '';
    const a = resolve(artifact.text) ?? artifact.text;
    const written = child(d, 'version')?.text;
    const version = written ? resolve(written) : managed.get(`${g}:${a}`);
    const scope = child(d, 'scope')?.text;
    // A bare Maven version is a "soft requirement" that resolves to exactly that version; [..] and (..) are ranges.
    const fields = version && /^[[(]/.test(version) ? versionFields(version) : version ? { version } : {};
    out.add({
      name: g ? `${g}:${a}` : a,
      ...fields,
      direct: true,
      // test scope is not shipped; provided/system are present at run time and stay SOUP.
      dev: scope === 'test',
      range: lines.range(artifact.textStart, artifact.textEnd),
    });
  }
  return out.result();
}
