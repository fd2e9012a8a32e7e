/**
 * Which workspace function a call reaches, from facts alone: the same file (functions, methods of the
 * class for `this` / `self` / implicit calls), imports (JS / TS relative modules, Python modules and
 * packages, Go packages), receivers of a known type (a parameter `store: DoseStore`, a field set from
 * `DoseStore(…)`), static calls on a class (`PatientUtil.format(p)`), constructors. A call that cannot be
 * resolved is a library call.
 */
import type { CallFact, ClassFact, FunctionFact, ImportFact, PrivacyFacts } from './facts';
import { dirOf } from '../code/paths';
import { familyOf } from '../code/family';
import { languageForPath } from '../language/languages';

export interface FnRef {
  file: string;
  facts: PrivacyFacts;
  fn: FunctionFact;
  id: number;
}

interface FileIdx {
  path: string;
  facts: PrivacyFacts;
  top: Map<string, FnRef>;
  /** cls → method name → function. */
  methods: Map<string, Map<string, FnRef>>;
  /** `cls.name` → every overload, for the names a class declares more than once (first one in `methods`). */
  overloads?: Map<string, FnRef[]>;
  imports: Map<string, ImportFact>;
}

const CTOR_NAMES = ['constructor', '__init__', 'init', '<fields>'];

/** Per facts object (immutable once collected): its functions by name and its imports. */
const fileIndexes = new WeakMap<PrivacyFacts, { path: string; fi: FileIdx; refs: FnRef[] }>();

function fileIndex(path: string, f: PrivacyFacts): { fi: FileIdx; refs: FnRef[] } {
  const hit = fileIndexes.get(f);
  if (hit && hit.path === path) return hit;
  const fi: FileIdx = { path, facts: f, top: new Map(), methods: new Map(), imports: new Map() };
  const refs: FnRef[] = [];
  for (const imp of f.imports) if (imp.local !== '*') fi.imports.set(imp.local, imp);
  for (const fn of f.fns) {
    const ref: FnRef = { file: path, facts: f, fn, id: -1 };
    refs.push(ref);
    if (fn.module) continue;
    if (fn.cls) {
      let m = fi.methods.get(fn.cls);
      if (!m) fi.methods.set(fn.cls, (m = new Map()));
      const first = m.get(fn.name);
      if (!first) m.set(fn.name, ref);
      else {
        fi.overloads ??= new Map();
        const k = `${fn.cls}.${fn.name}`;
        const l = fi.overloads.get(k);
        if (l) l.push(ref);
        else fi.overloads.set(k, [first, ref]);
      }
    } else if (!fi.top.has(fn.name) || fn.top) fi.top.set(fn.name, ref);
  }
  const out = { path, fi, refs };
  fileIndexes.set(f, out);
  return out;
}

function stripExt(p: string): string {
  return p.replace(/\.(ts|tsx|js|jsx|mjs|cjs|py|go|java|kt|kts|cs)$/, '');
}

function normalise(p: string): string {
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (!seg || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return out.join('/');
}

export class FunctionIndex {
  readonly refs: FnRef[] = [];
  private readonly files = new Map<string, FileIdx>();
  /** Module key (path without extension, or directory for packages) → files. */
  private readonly modules = new Map<string, string[]>();
  private readonly classes = new Map<string, { file: string; methods: Map<string, FnRef> }[]>();
  private readonly pkgTop = new Map<string, Map<string, FnRef>>();
  /** Workspace classes that hold data, by runtime and simple name (a TypeScript `UserProfile` is not C#'s). */
  private readonly dataClasses = new Map<string, ClassFact>();
  /** Module keys by their last path segment, and resolved suffix lookups. */
  private readonly byBase = new Map<string, string[]>();
  private readonly suffixCache = new Map<string, string[]>();

  constructor(facts: ReadonlyMap<string, unknown>) {
    for (const [path, raw] of facts) {
      const f = raw as PrivacyFacts;
      if (!f || f.v !== 1) continue;
      const { fi, refs } = fileIndex(path, f);
      // (A file's index is kept with its facts, which an edit replaces: only the edited file is indexed
      // again on each check of the language server. Ids are this index's.)
      for (const ref of refs) {
        ref.id = this.refs.length;
        this.refs.push(ref);
      }
      this.files.set(path, fi);
      const key = stripExt(path);
      const keys = [key, key.replace(/\/(index|__init__)$/, ''), dirOf(path)];
      for (const k of new Set(keys)) {
        const l = this.modules.get(k);
        if (l) l.push(path);
        else {
          this.modules.set(k, [path]);
          const base = k.slice(k.lastIndexOf('/') + 1);
          const b = this.byBase.get(base) ?? [];
          b.push(k);
          this.byBase.set(base, b);
        }
      }
      for (const [cls, methods] of fi.methods) {
        const l = this.classes.get(cls) ?? [];
        l.push({ file: path, methods });
        this.classes.set(cls, l);
      }
      if (f.pkg) {
        const m = this.pkgTop.get(f.pkg) ?? new Map<string, FnRef>();
        for (const [n, r] of fi.top) if (!m.has(n)) m.set(n, r);
        this.pkgTop.set(f.pkg, m);
      }
      const rt = runtimeOf(path);
      for (const c of f.classes ?? []) {
        const k = `${rt}:${c.name}`;
        const seen = this.dataClasses.get(k);
        if (!seen) this.dataClasses.set(k, c);
        // Two workspace classes of one simple name: which one a value is cannot be told, so its string form
        // counts as showing its fields if either's does.
        else if (c.printable && !seen.printable) this.dataClasses.set(k, { ...seen, printable: 1 });
      }
    }
  }

  /** The workspace class of that name that code in `file` can use (its runtime's), if it holds data. */
  dataClass(type: string, file: string): ClassFact | undefined {
    return this.dataClasses.get(`${runtimeOf(file)}:${type}`);
  }

  /** Files an import specifier refers to, from the importing file. */
  private moduleFiles(from: string, importer: string): string[] {
    let target: string;
    if (from.startsWith('./') || from.startsWith('../')) target = normalise(`${dirOf(importer)}/${from}`);
    else if (/^\.+/.test(from)) {
      // Python relative: one dot is the importer's package.
      const dots = /^\.+/.exec(from)![0].length;
      let dir = dirOf(importer);
      for (let i = 1; i < dots; i++) dir = dirOf(dir);
      const rest = from.slice(dots).replace(/\./g, '/');
      target = normalise(rest ? `${dir}/${rest}` : dir);
    } else {
      const rel = from.replace(/^@\//, '').replace(/^~\//, '');
      const asPath = /[/]/.test(rel) ? rel : rel.replace(/\./g, '/');
      const exact = this.modules.get(asPath);
      if (exact) return exact;
      // Suffix match (Python absolute imports from a source root, Go module paths, TS path aliases).
      const cached = this.suffixCache.get(asPath);
      if (cached) return cached;
      const out: string[] = [];
      const segs = asPath.split('/');
      for (let i = 0; i < segs.length && !out.length; i++) {
        const tail = segs.slice(i).join('/');
        for (const k of this.byBase.get(segs[segs.length - 1]) ?? []) if (k === tail || k.endsWith('/' + tail)) out.push(...(this.modules.get(k) ?? []));
      }
      const r = out.slice(0, 8);
      this.suffixCache.set(asPath, r);
      return r;
    }
    return this.modules.get(target) ?? [];
  }

  private topIn(files: readonly string[], name: string): FnRef | undefined {
    for (const p of files) {
      const r = this.files.get(p)?.top.get(name);
      if (r) return r;
    }
    return undefined;
  }

  classMethod(cls: string, name: string, prefer?: string): FnRef | undefined {
    const l = this.classes.get(cls);
    if (!l) return undefined;
    const own = prefer ? l.find((c) => c.file === prefer) : undefined;
    const names = name === '<ctor>' ? CTOR_NAMES.concat([cls]) : [name];
    for (const c of own ? [own, ...l] : l) for (const n of names) {
      const r = c.methods.get(n);
      if (r) return r;
    }
    return undefined;
  }

  /**
   * A name the file imports from a module outside the workspace (`from ast import Name`, `import { Tuple }
   * from 'some-lib'`): it is that library's, never a workspace class that happens to share the name.
   */
  importedFromOutside(name: string, file: string): boolean {
    const imp = this.files.get(file)?.imports.get(name);
    return !!imp && imp.name !== '*' && this.moduleFiles(imp.from, file).length === 0;
  }

  resolve(caller: FnRef, call: CallFact): FnRef | undefined {
    const r = this.resolveName(caller, call);
    const over = r?.fn.cls ? this.files.get(r.file)?.overloads?.get(`${r.fn.cls}.${r.fn.name}`) : undefined;
    return over ? pickOverload(over, call) : r;
  }

  private resolveName(caller: FnRef, call: CallFact): FnRef | undefined {
    const fi = this.files.get(caller.file);
    if (!fi) return undefined;
    if (call.isNew) {
      const cls = call.name;
      if (this.importedFromOutside(cls, caller.file)) return undefined;
      return this.classMethod(cls, '<ctor>', caller.file);
    }
    switch (call.via) {
      case 'self':
        return caller.fn.cls ? this.classMethod(caller.fn.cls, call.name, caller.file) : undefined;
      case 'bare': {
        if (caller.fn.cls) {
          const m = fi.methods.get(caller.fn.cls)?.get(call.name);
          if (m && m.id !== caller.id) return m;
        }
        const local = fi.top.get(call.name);
        if (local) return local;
        const imp = fi.imports.get(call.name);
        if (imp) {
          const files = this.moduleFiles(imp.from, caller.file);
          const r = this.topIn(files, imp.name === 'default' ? call.name : imp.name);
          if (r) return r;
          // from package import module (Python): module.py itself
          if (imp.name !== '*') return undefined;
        }
        if (fi.facts.pkg) return this.pkgTop.get(fi.facts.pkg)?.get(call.name);
        return undefined;
      }
      default: {
        if (call.recvType) {
          const r = this.classMethod(call.recvType, call.name, caller.file);
          if (r) return r;
        }
        if (!call.recv) return undefined;
        const imp = fi.imports.get(call.recv);
        if (imp) {
          if (imp.name === '*' || imp.name === 'default') {
            const r = this.topIn(this.moduleFiles(imp.from, caller.file), call.name);
            if (r) return r;
          } else {
            // from . import util; util.f()  /  import { Util } from './util'; Util.f()
            const viaModule = this.topIn(this.moduleFiles(`${imp.from}${imp.from.endsWith('.') ? '' : imp.from.startsWith('.') ? '.' : '/'}${imp.name}`, caller.file), call.name);
            if (viaModule) return viaModule;
            return this.classMethod(imp.name, call.name, caller.file);
          }
        }
        if (/^[A-Z]/.test(call.recv)) return this.classMethod(call.recv, call.name, caller.file);
        return undefined;
      }
    }
  }
}

/**
 * Which of a method's overloads a call reaches (`SendEmailAsync(Guid id)` or `SendEmailAsync(Email email)`):
 * the one whose parameter count fits the arguments and whose declared parameter types agree with the
 * arguments' declared types; on a tie, the first declared.
 */
function pickOverload(over: readonly FnRef[], call: CallFact): FnRef {
  const n = call.a.length;
  let best = over[0];
  let bestScore = -Infinity;
  for (const r of over) {
    const ps = r.fn.params.length;
    let score = ps === n ? 4 : ps > n ? 1 : 0;
    if (r.fn.pt && call.at) {
      for (let i = 0; i < Math.min(n, ps); i++) {
        const p = r.fn.pt[i];
        const a = call.at[i];
        if (p && a) score += p === a ? 2 : -3;
      }
    }
    if (score > bestScore) {
      best = r;
      bestScore = score;
    }
  }
  return best;
}

/** The runtime a file's classes live in: Java and Kotlin share the JVM's, JavaScript and TypeScript one. */
function runtimeOf(path: string): string {
  const lang = languageForPath(path);
  if (!lang) return '';
  const fam = familyOf(lang.id);
  return fam === 'kotlin' ? 'java' : fam;
}
