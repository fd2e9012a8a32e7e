/**
 * What an import declaration binds, in every family: one reading of `import`, `from … import`, `require`,
 * `use`, `using` and `#import`-less module imports for both detectors (crypto resolves aliases of API
 * names with it, privacy resolves calls across files).
 */
import type { SyntaxNode as Node } from '../syntax/flatTree';
import type { Family } from './family';

export interface Import {
  /** The local name bound ('*' when the import binds no name: a star import, C# `using`, Swift `import`). */
  local: string;
  /** The module as written: `./util`, `hashlib`, `java.security` (a Java class's package), `net/http`. */
  module: string;
  /** The imported member: '*' for the module itself, 'default' for a JS default import. */
  name: string;
  /** The dotted name the local stands for: `hashlib.md5`, `java.security.MessageDigest`, `math/rand`. */
  path: string;
  /** Java `import static`: binds a member, not a type. */
  isStatic?: boolean;
}

function unquote(n: Node | null | undefined): string | undefined {
  if (!n) return undefined;
  const t = n.text.replace(/^[`'"]+|[`'"]+$/g, '');
  return t || undefined;
}

function named(n: Node): Node[] {
  return n.namedChildren.filter((c): c is Node => !!c);
}

/** Imports declared by `n`; undefined when `n` is no import declaration. */
export function importsOf(fam: Family, n: Node): Import[] | undefined {
  switch (n.type) {
    case 'import_statement':
      return fam === 'js' ? jsImport(n) : fam === 'py' ? pyImport(n) : undefined;
    case 'variable_declarator':
      return fam === 'js' ? jsRequire(n) : undefined;
    case 'import_from_statement':
      return fam === 'py' ? pyFromImport(n) : undefined;
    case 'import_declaration':
      if (fam === 'java') return javaImport(n);
      if (fam === 'swift') {
        const m = named(n).find((c) => /identifier/.test(c.type))?.text;
        return m ? [{ local: '*', module: m, name: '*', path: m }] : [];
      }
      return fam === 'go' ? [] : undefined; // Go: its import_spec children
    case 'import_spec':
      return fam === 'go' ? goImport(n) : undefined;
    case 'using_directive':
      return fam === 'cs' ? csUsing(n) : undefined;
    case 'import':
    case 'import_header':
      return fam === 'kotlin' ? kotlinImport(n) : undefined;
    case 'use_declaration':
      return fam === 'rust' ? rustUse(n) : undefined;
  }
  return undefined;
}

function jsImport(n: Node): Import[] {
  const out: Import[] = [];
  const module = unquote(n.childForFieldName('source'));
  if (!module) return out;
  const clause = named(n).find((c) => c.type === 'import_clause');
  for (const c of clause ? named(clause) : []) {
    if (c.type === 'identifier') out.push({ local: c.text, module, name: 'default', path: module });
    else if (c.type === 'namespace_import') {
      const id = named(c).find((x) => x.type === 'identifier');
      if (id) out.push({ local: id.text, module, name: '*', path: module });
    } else if (c.type === 'named_imports') {
      for (const s of named(c)) {
        if (s.type !== 'import_specifier') continue;
        const name = s.childForFieldName('name')?.text;
        if (name) out.push({ local: s.childForFieldName('alias')?.text ?? name, module, name, path: `${module}.${name}` });
      }
    }
  }
  return out;
}

/** `const x = require('m')`, `const { a, b: c } = require('m')`; undefined for other declarators. */
function jsRequire(n: Node): Import[] | undefined {
  const value = n.childForFieldName('value');
  if (value?.type !== 'call_expression' || value.childForFieldName('function')?.text !== 'require') return undefined;
  const module = unquote(named(value.childForFieldName('arguments') ?? value)[0]);
  const target = n.childForFieldName('name');
  if (!module || !target) return [];
  if (target.type === 'identifier') return [{ local: target.text, module, name: '*', path: module }];
  const out: Import[] = [];
  if (target.type === 'object_pattern') {
    for (const p of named(target)) {
      if (p.type === 'shorthand_property_identifier_pattern') out.push({ local: p.text, module, name: p.text, path: `${module}.${p.text}` });
      else if (p.type === 'pair_pattern') {
        const k = p.childForFieldName('key')?.text;
        const v = p.childForFieldName('value')?.text;
        if (k && v) out.push({ local: v, module, name: k, path: `${module}.${k}` });
      }
    }
  }
  return out;
}

/** `import a.b` binds `a`; `import a.b as c` binds `c` to `a.b`. */
function pyImport(n: Node): Import[] {
  const out: Import[] = [];
  for (const c of named(n)) {
    if (c.type === 'dotted_name') out.push({ local: c.text.split('.')[0], module: c.text, name: '*', path: c.text.split('.')[0] });
    else if (c.type === 'aliased_import') {
      const nm = c.childForFieldName('name')?.text;
      const al = c.childForFieldName('alias')?.text;
      if (nm && al) out.push({ local: al, module: nm, name: '*', path: nm });
    }
  }
  return out;
}

function pyFromImport(n: Node): Import[] {
  const out: Import[] = [];
  const modNode = n.childForFieldName('module_name');
  const module = modNode?.text;
  if (!module) return out;
  for (const c of named(n)) {
    if (c.id === modNode!.id) continue;
    if (c.type === 'dotted_name') out.push({ local: c.text, module, name: c.text, path: `${module}.${c.text}` });
    else if (c.type === 'aliased_import') {
      const nm = c.childForFieldName('name')?.text;
      const al = c.childForFieldName('alias')?.text;
      if (nm && al) out.push({ local: al, module, name: nm, path: `${module}.${nm}` });
    }
  }
  return out;
}

function javaImport(n: Node): Import[] {
  const q = named(n).find((c) => c.type === 'scoped_identifier' || c.type === 'identifier');
  if (!q) return [];
  const isStatic = /^\s*import\s+static\b/.test(n.text);
  if (named(n).some((c) => c.type === 'asterisk')) return [{ local: '*', module: q.text, name: '*', path: q.text, isStatic }];
  const parts = q.text.split('.');
  const last = parts[parts.length - 1];
  return [{ local: last, module: parts.slice(0, -1).join('.'), name: last, path: q.text, isStatic }];
}

/** Go binds the package's name: the path's last element, or the one before a `/v2` major-version suffix. */
function goImport(n: Node): Import[] {
  const path = unquote(n.childForFieldName('path'));
  if (!path) return [];
  let local = n.childForFieldName('name')?.text ?? path.split('/').pop()!;
  if (!n.childForFieldName('name') && /^v\d+$/.test(local)) local = path.split('/').slice(-2, -1)[0] ?? local;
  return [{ local, module: path, name: '*', path }];
}

/** `using System.Security.Cryptography;` binds nothing by name; `using Crypto = System.Security.Cryptography;` does. */
function csUsing(n: Node): Import[] {
  const alias = n.childForFieldName('name');
  const q = named(n).find((c) => c.id !== alias?.id && /qualified_name|identifier/.test(c.type));
  if (!q) return [];
  return [{ local: alias?.text ?? '*', module: q.text, name: '*', path: q.text }];
}

function kotlinImport(n: Node): Import[] {
  const q = named(n).find((c) => /qualified_identifier|identifier/.test(c.type));
  if (!q) return [];
  const parts = q.text.split('.');
  const last = parts[parts.length - 1];
  if (/\.\*\s*$/.test(n.text)) return [{ local: '*', module: q.text, name: '*', path: q.text }];
  const alias = named(n).find((c) => /alias/.test(c.type))?.namedChildren.at(-1)?.text;
  return [{ local: alias ?? last, module: parts.slice(0, -1).join('.'), name: last, path: q.text }];
}

/** `use a::b::C;`, `use a::{b, c as d};`, `use a::b::*;`: paths written with dots, as callees are. */
function rustUse(n: Node): Import[] {
  const out: Import[] = [];
  const walk = (x: Node, prefix: string) => {
    const join = (p: string) => (prefix ? `${prefix}.${p}` : p);
    switch (x.type) {
      case 'scoped_identifier':
      case 'identifier': {
        const full = join(x.text.replace(/::/g, '.'));
        const parts = full.split('.');
        out.push({ local: parts[parts.length - 1], module: parts.slice(0, -1).join('.') || full, name: parts[parts.length - 1], path: full });
        break;
      }
      case 'use_as_clause': {
        const path = x.childForFieldName('path')?.text.replace(/::/g, '.');
        const alias = x.childForFieldName('alias')?.text;
        if (path && alias) out.push({ local: alias, module: join(path), name: '*', path: join(path) });
        break;
      }
      case 'scoped_use_list': {
        const path = x.childForFieldName('path')?.text.replace(/::/g, '.') ?? '';
        const list = x.childForFieldName('list');
        const pre = path ? join(path) : prefix;
        if (list) for (const c of named(list)) walk(c, pre);
        break;
      }
      case 'use_list':
        for (const c of named(x)) walk(c, prefix);
        break;
      case 'use_wildcard': {
        const p = named(x)[0]?.text.replace(/::/g, '.');
        if (p) out.push({ local: '*', module: join(p), name: '*', path: join(p) });
        break;
      }
    }
  };
  const a = n.childForFieldName('argument');
  if (a) walk(a, '');
  return out;
}
