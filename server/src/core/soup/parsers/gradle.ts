/**
 * build.gradle / build.gradle.kts. Gradle scripts are programs, so this reads the declarative forms
 * almost every build uses: string notation (`implementation 'g:a:v'`, `implementation("g:a:v")`),
 * map notation (`implementation group: 'g', name: 'a', version: 'v'`, Kotlin `group = "g"`),
 * `kotlin("stdlib")`, and versions interpolated from simple variables in the same file
 * (`def x = '1'`, `val x = "1"`, `ext { x = '1' }`, `extra["x"] = "1"`). Platforms/BOMs, project
 * dependencies, files and version-catalog accessors (libs.x) are not read.
 */
import type { ParseResult } from '../dependencies';
import { Collector, LineIndex, versionFields } from './common';

const KNOWN = new Set([
  'implementation', 'api', 'compile', 'runtime', 'compileOnly', 'compileOnlyApi', 'runtimeOnly', 'annotationProcessor', 'kapt', 'ksp',
  'classpath', 'developmentOnly', 'testAndDevelopmentOnly', 'providedCompile', 'providedRuntime', 'coreLibraryDesugaring', 'lintChecks',
]);
const SUFFIX = /^[a-z][A-Za-z0-9]*(Implementation|Api|CompileOnly|RuntimeOnly|Compile|Runtime|AnnotationProcessor|Kapt|Ksp)$/;
/** Not in the shipped product: tests, annotation processors, compile-only APIs, build script classpath, dev tooling. */
const DEV = /(^test|Test|^classpath$|AnnotationProcessor$|^annotationProcessor$|^kapt|Kapt$|^ksp|Ksp$|CompileOnly(Api)?$|^compileOnly|^developmentOnly$|^testAndDevelopmentOnly$|^lintChecks$)/;

export function parseGradle(relPath: string, text: string): ParseResult {
  const out = new Collector(relPath, 'maven');
  const lines = new LineIndex(text);
  const { code, problem } = blankComments(text);
  if (problem) out.problem(problem.message, lines.range(problem.offset, problem.offset + 2));

  const vars = new Map<string, string>();
  const assign = /(?:^|[\s;{(,.])([A-Za-z_][\w]*)\s*=\s*(['"])([^'"$\n]*)\2/g;
  for (const m of code.matchAll(assign)) vars.set(m[1], m[3]);
  for (const m of code.matchAll(/(?:extra\[|set\(|extra\()\s*['"](\w+)['"]\s*(?:\]\s*=|,)\s*['"]([^'"$\n]*)['"]/g)) vars.set(m[1], m[2]);
  for (const m of code.matchAll(/\bval\s+(\w+)\s+by\s+extra\(\s*['"]([^'"$\n]*)['"]\s*\)/g)) vars.set(m[1], m[2]);
  const interpolate = (s: string): string | undefined => {
    const r = s.replace(/\$\{\s*([\w.]+)\s*\}|\$(\w+)/g, (m, a?: string, b?: string) => {
      const name = (a ?? b ?? '').replace(/^(project\.|rootProject\.|ext\.|extra\.)/, '');
      return vars.get(name) ?? vars.get(name.split('.').pop() ?? '') ?? m;
    });
    return r.includes('$') ? undefined : r;
  };
  const addCoordinate = (conf: string, value: string, contentStart: number): void => {
    const coordinate = value.split('@')[0];
    const parts = coordinate.split(':');
    if (parts.length < 2 || !parts[0] || !parts[1]) return; // not a module coordinate
    const name = `${parts[0]}:${parts[1]}`;
    const version = parts[2] !== undefined ? interpolate(parts[2]) : undefined;
    out.add({ name, ...gradleVersion(version), direct: true, dev: DEV.test(conf), range: lines.range(contentStart, contentStart + name.length) });
  };

  const statement = /\b([a-z][A-Za-z0-9]*)\s*(\(\s*)?(?=['"]|group\s*[:=]|kotlin\s*\()/g;
  for (const m of code.matchAll(statement)) {
    const conf = m[1];
    if (!KNOWN.has(conf) && !SUFFIX.test(conf)) continue;
    let i = (m.index ?? 0) + m[0].length;
    if (code.startsWith('kotlin', i)) {
      const k = /^kotlin\s*\(\s*(['"])([\w-]+)\1\s*(?:,\s*(['"])([^'"]*)\3)?/.exec(code.slice(i, i + 200));
      if (k) {
        const start = i + k[0].indexOf(k[2]);
        out.add({ name: `org.jetbrains.kotlin:kotlin-${k[2]}`, ...gradleVersion(k[4] ? interpolate(k[4]) : undefined), direct: true, dev: DEV.test(conf), range: lines.range(start, start + k[2].length) });
      }
      continue;
    }
    if (code.startsWith('group', i)) {
      // Map notation runs to the closing parenthesis, or to the end of the line in Groovy's paren-less form.
      const end = m[2] ? code.indexOf(')', i) : code.indexOf('\n', i);
      const args = code.slice(i, end < 0 ? code.length : end);
      const fields = new Map<string, { value: string; offset: number }>();
      for (const a of args.matchAll(/\b(group|name|version)\s*[:=]\s*(['"])([^'"\n]*)\2/g)) {
        fields.set(a[1], { value: a[3], offset: i + (a.index ?? 0) + a[0].length - a[3].length - 1 });
      }
      const group = fields.get('group');
      const name = fields.get('name');
      if (!group || !name) continue;
      const version = fields.get('version');
      out.add({
        name: `${interpolate(group.value) ?? group.value}:${interpolate(name.value) ?? name.value}`,
        ...gradleVersion(version ? interpolate(version.value) : undefined),
        direct: true,
        dev: DEV.test(conf),
        range: lines.range(name.offset, name.offset + name.value.length),
      });
      continue;
    }
    // String notation, possibly several comma-separated in Groovy: implementation 'a:b:1', 'c:d:2'
    for (;;) {
      const q = code[i];
      const close = code.indexOf(q, i + 1);
      if (close < 0) break;
      addCoordinate(conf, text.slice(i + 1, close), i + 1);
      const next = /^\s*,\s*(?=['"])/.exec(code.slice(close + 1, close + 200));
      if (!next) break;
      i = close + 1 + next[0].length;
    }
  }
  return out.result();
}

/** Gradle versions: "1.2.3" (and strict "1.2.3!!") are exact; "1.+", "[1,2)", "latest.release" are dynamic. */
function gradleVersion(v: string | undefined): { version?: string; versionSpec?: string } {
  if (!v) return {};
  return versionFields(v.replace(/!!$/, ''));
}

/**
 * Replaces comments with spaces (offsets and newlines stay), minding strings so that
 * 'https://…' is not a comment. Reports an unterminated block comment or string.
 */
function blankComments(text: string): { code: string; problem?: { message: string; offset: number } } {
  const out = text.split('');
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === '/' && text[i + 1] === '/') {
      while (i < n && text[i] !== '\n') out[i++] = ' ';
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) return { code: out.slice(0, i).join('') + text.slice(i).replace(/[^\n]/g, ' '), problem: { message: 'Unterminated /* comment: dependencies after it are not read', offset: i } };
      for (let k = i; k < end + 2; k++) if (text[k] !== '\n') out[k] = ' ';
      i = end + 2;
    } else if (c === '"' || c === "'") {
      const triple = text.startsWith(c.repeat(3), i);
      const delim = triple ? c.repeat(3) : c;
      let k = i + delim.length;
      while (k < n && !text.startsWith(delim, k) && (triple || text[k] !== '\n')) k += text[k] === '\\' ? 2 : 1;
      if (k >= n || (!triple && text[k] === '\n')) return { code: out.join(''), problem: { message: 'Unterminated string: dependencies after it may not be read', offset: i } };
      i = k + delim.length;
    } else i++;
  }
  return { code: out.join('') };
}
