/**
 * collect(): the privacy facts of one file (facts.ts). Imports first, then the module's top-level code,
 * then every class (its fields, then its methods) and function, each walked once by walker.ts: linear
 * in the file's size. Test files are skipped: fake patients in tests are no disclosure.
 */
import { declaredClientSinks } from './declaredClients';
import { PRIVACY_FAMILIES } from './families';
import type { SyntaxNode as Node } from '../syntax/flatTree';
import { familyOf, type Family } from '../code/syntax';
import { PSyntax } from './psyntax';
import type { CollectContext } from '../engine/analyzer';
import { simpleType, type FunctionFact, type Labels, type PrivacyFacts, type SourceFact } from './facts';
import { cDeclaredName, className, funcBody, goReceiverType, isClass, isUnit, paramsOf, typeText, unitName } from './lang';
import { rustMacrosAsExpressions } from '../code/rustMacros';
import { matchName, PERSON_WORDS, splitWords } from './taxonomy';
import { DIABETES_TEXT } from './terms';
import { mergeLabels, ORIGIN, r4, withStep } from './value';
import { Entry, Scope, Walker, type ClassCtx } from './walker';
import { bindTarget } from './bind';
import { CAT_RANK } from './messages';

const FAMILIES: ReadonlySet<Family> = new Set(['js', 'py', 'java', 'cs', 'kotlin', 'go', 'swift', 'rust', 'c']);
/** Rust macros that log, format, fail or send: their arguments are read as a call's (code/rustMacros.ts). */
const RUST_MACRO_ARGS = /./;

function newFact(name: string, n: Node, extra: Partial<FunctionFact> = {}): FunctionFact {
  return { name, params: [], r: r4(n), sinks: [], calls: [], ret: {}, ...extra };
}

function scanImports(w: Walker, root: Node, out: { pkg?: string }): void {
  const visit = (n: Node, depth: number) => {
    if (w.addImports(n)) {
      if (n.type !== 'import_declaration' || w.fam !== 'go') return;
    }
    if (/^(package_declaration|package_header)$/.test(n.type)) out.pkg = n.namedChildren.find((c) => c && /identifier|scoped/.test(c.type))?.text;
    if (n.type === 'package_clause') out.pkg = n.namedChildren[0]?.text;
    if (/^(namespace_declaration|file_scoped_namespace_declaration)$/.test(n.type)) out.pkg ??= n.childForFieldName('name')?.text;
    if (depth < 3) for (const c of n.namedChildren) if (c && (depth < 1 || /import|namespace|using|package/.test(c.type) || c.type === 'import_spec_list')) visit(c, depth + 1);
  };
  visit(root, 0);
  if (w.fam === 'js' && /require\(\s*['"][^'"]*(fhir|hl7)/i.test(root.text.slice(0, 20000))) w.fhirFile = true;
}

function classWho(name: string): string | undefined {
  const m = matchName(name);
  if (m?.cat === 'record') return m.who ?? 'patient';
  const words = splitWords(name);
  const last = words[words.length - 1];
  return last && PERSON_WORDS.has(last) ? last : undefined;
}

function getClass(w: Walker, name: string): ClassCtx {
  let c = w.classCtx.get(name);
  if (!c) {
    c = { name, fields: new Map(), who: classWho(name), fact: { name, data: {} } };
    w.classCtx.set(name, c);
  }
  return c;
}

/** A field's declaration: its type and personal-data meaning go into the class facts. */
function declareField(w: Walker, cls: ClassCtx, name: string, node: Node, type: string | undefined): Entry {
  const e = cls.fields.get(name) ?? new Entry(name, node, {});
  if (type) e.type = type;
  cls.fields.set(name, e);
  const m = matchName(name, { who: cls.who }) ?? (type ? w.typeMatch(type) : undefined);
  // (A credential field does not make the class a record of personal data: its own reads are found by name;
  // it is noted for a value of the class logged whole.)
  if (m?.cat === 'secret' && !cls.fact.secrets?.includes(name)) (cls.fact.secrets ??= []).push(name);
  if (m && !(('idOnly' in m) && m.idOnly) && m.cat !== 'secret') {
    if (name !== '__proto__') cls.fact.data[name] = m.what;
    if (!cls.fact.cat || CAT_RANK[m.cat] > CAT_RANK[cls.fact.cat]) cls.fact.cat = m.cat;
  }
  return e;
}

function withUnit<T>(w: Walker, fact: FunctionFact, cls: ClassCtx | undefined, selfName: string | undefined, f: () => T): T {
  const saved = w.u;
  w.u = { fact, scope: new Scope(), cls, selfName, lambdaRets: [] };
  try {
    return f();
  } finally {
    w.u = saved;
  }
}

/** Evaluates a field initializer in the class's field unit and stores its value on the field. */
function initField(w: Walker, cls: ClassCtx, name: string, node: Node, type: string | undefined, value: Node | null | undefined): void {
  const e = declareField(w, cls, name, node, type);
  if (!value) return;
  const v = w.ev(value);
  e.l = mergeLabels({ ...e.l }, withStep(v.l, w.step(node, `stored in field \`${name}\``)));
  if (v.safe) e.safe = 1;
  if (v.str !== undefined) e.str = v.str;
  if (v.ch) {
    e.ch = v.ch;
    e.chd = v.chd;
  }
  e.type ??= v.type;
}

function classBody(n: Node): Node | undefined {
  return n.childForFieldName('body') ?? n.namedChildren.find((c) => c && /^(class_body|declaration_list|block|enum_class_body|object_body)$/.test(c.type)) ?? undefined;
}

function processClass(w: Walker, n: Node, fields: FunctionFact): void {
  const name = className(n) ?? '<class>';
  const cls = getClass(w, name);
  const methods: Node[] = [];
  const members = (body: Node | undefined): Node[] => {
    const out: Node[] = [];
    for (const c of body ? w.sx.named(body) : []) {
      if (c.type === 'companion_object') out.push(...members(classBody(c)));
      else if (c.type === 'decorated_definition') out.push(...w.sx.named(c).filter((d) => d.type !== 'decorator'));
      else out.push(c);
    }
    return out;
  };
  withUnit(w, fields, cls, w.fam === 'py' ? 'self' : undefined, () => {
    // Kotlin primary constructor parameters (val / var) and record components (Java, C#) are fields.
    const ctor = n.namedChildren.find((c) => c?.type === 'primary_constructor') ?? (n.type === 'record_declaration' ? n : undefined);
    for (const p of ctor ? paramsOf(w.fam, ctor).params : []) declareField(w, cls, p.name, p.node, p.type);
    for (const m of members(classBody(n))) {
      switch (m.type) {
        case 'field_declaration': {
          if (w.fam === 'rust') {
            const nm = m.childForFieldName('name');
            if (nm) declareField(w, cls, nm.text, nm, typeText(m.childForFieldName('type')));
            break;
          }
          if (w.fam === 'c') {
            // `std::string name;`, `double *values, count;`; member functions declared here have no body.
            const type = typeText(m.childForFieldName('type'));
            for (const d of w.sx.named(m)) {
              if (d.type === 'function_declarator' || !/declarator$|^field_identifier$/.test(d.type)) continue;
              const id = cDeclaredName(d);
              if (id) initField(w, cls, id.text, id, type, d.type === 'init_declarator' ? d.childForFieldName('value') : undefined);
            }
            break;
          }
          if (w.fam === 'cs') {
            const vd = m.namedChildren.find((c) => c?.type === 'variable_declaration');
            const type = typeText(vd?.childForFieldName('type'));
            for (const d of vd ? w.sx.named(vd) : []) {
              if (d.type !== 'variable_declarator') continue;
              const nm = d.childForFieldName('name') ?? w.sx.named(d)[0];
              const kids = w.sx.named(d);
              if (nm) initField(w, cls, nm.text, nm, type, kids.length > 1 ? kids[kids.length - 1] : undefined);
            }
          } else {
            const type = typeText(m.childForFieldName('type'));
            for (const d of w.sx.named(m)) {
              if (d.type !== 'variable_declarator') continue;
              const nm = d.childForFieldName('name');
              if (nm) initField(w, cls, nm.text, nm, type, d.childForFieldName('value'));
            }
          }
          break;
        }
        case 'property_declaration': {
          if (w.fam === 'cs') {
            const nm = m.childForFieldName('name');
            if (nm) initField(w, cls, nm.text, nm, typeText(m.childForFieldName('type')), m.childForFieldName('value'));
          } else {
            const vd = m.namedChildren.find((c) => c?.type === 'variable_declaration');
            const id = vd?.namedChildren.find((c) => c?.type === 'identifier' || c?.type === 'simple_identifier');
            const ty = vd?.namedChildren.find((c) => c && /^(user_type|nullable_type)$/.test(c.type));
            const kids = w.sx.named(m);
            const idx = vd ? kids.findIndex((c) => c.id === vd.id) : -1;
            const value = kids.slice(idx + 1).find((c) => !/^(modifiers|getter|setter|type_constraints|property_delegate)$/.test(c.type));
            if (id) initField(w, cls, id.text, id, typeText(ty), value);
          }
          break;
        }
        case 'public_field_definition':
        case 'field_definition':
        case 'property_signature': {
          const nm = m.childForFieldName('name') ?? m.childForFieldName('property');
          if (nm) initField(w, cls, nm.text, nm, typeText(m.childForFieldName('type')), m.childForFieldName('value'));
          break;
        }
        case 'expression_statement': {
          // Python class attributes and annotated fields (dataclasses, pydantic models).
          const a = w.sx.named(m)[0];
          if (a?.type === 'assignment') {
            const l = a.childForFieldName('left');
            if (l?.type === 'identifier') initField(w, cls, l.text, l, typeText(a.childForFieldName('type')), a.childForFieldName('right'));
          }
          break;
        }
        default:
          if (isUnit(w.fam, m) || isClass(m)) methods.push(m);
      }
    }
  });
  for (const m of methods) {
    if (isClass(m)) w.pending.push({ node: m });
    else processUnit(w, m, cls);
  }
  const holds = Object.keys(cls.fact.data).length > 0 || !!cls.fact.secrets;
  if (holds && printable(w, n, methods, [...cls.fields.keys()])) cls.fact.printable = 1;
  if (holds && !w.classes.includes(cls.fact)) w.classes.push(cls.fact);
}

const ID_FIELD = /^(id|uuid|guid|_id)$|[a-z0-9](Id|ID|Uuid|UUID)$|_id$/;

/**
 * A string form that shows ids and nothing else: it names an id field of the class, no other field, and
 * calls nothing (OpenMRS `return "Person(personId=" + personId + ")";`). A call (a helper, a serializer,
 * reflection) may show anything.
 */
function idsOnly(method: string, fields: readonly string[]): boolean {
  // String literals out (their parentheses are text), template expressions (`$id`, `${id}`) kept.
  const templates = [...method.matchAll(/\$\{([^}]*)\}|\$([A-Za-z_]\w*)/g)].map((m) => m[1] ?? m[2]).join(' ');
  const code = method.replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g, '""');
  const body = `${code.slice(code.indexOf(')') + 1)} ${templates}`;
  // Calls: only getters of ids (`getLocationId()`), which count as the id field.
  const calls = [...body.matchAll(/\b([A-Za-z_]\w*)\s*\(\s*\)?/g)].map((m) => m[1]);
  if (calls.some((c) => !/^get\w*(Id|ID|Uuid|UUID)$/.test(c))) return false;
  const named = (f: string) => new RegExp(`(^|[^\\w$])${f.replace(/\$/g, '\\$')}([^\\w$]|$)`).test(body);
  return (calls.length > 0 || fields.some((f) => ID_FIELD.test(f) && named(f))) && !fields.some((f) => !ID_FIELD.test(f) && named(f));
}

/** Does the class's string form show its fields (so that logging a value logs its data)? */
function printable(w: Walker, n: Node, methods: Node[], fields: readonly string[]): boolean {
  if (w.fam === 'js' || w.fam === 'go' || n.type === 'record_declaration') return true;
  const str = methods.find((m) => /^(toString|ToString|__str__|__repr__)$/.test(unitName(m) ?? ''));
  // A string form that names no field but ids (OpenMRS `"Person(personId=" + personId + ")"`) shows ids
  // only; one built by reflection or a serializer shows them all.
  if (str) return !idsOnly(str.text, fields);
  const body = classBody(n);
  const head = (body ? n.text.slice(0, Math.max(0, body.startIndex - n.startIndex)) : n.text).slice(0, 400);
  const before = n.parent?.type === 'decorated_definition' ? n.parent.text.slice(0, 200) : '';
  if (w.fam === 'kotlin') return /\bdata\s+class\b/.test(head);
  if (w.fam === 'py') return /@(dataclasses\.)?dataclass|@attr|@define|@frozen/.test(before) || /\((.*\b)?(BaseModel|NamedTuple|TypedDict|Schema|BaseSettings|Struct)\b/.test(head);
  const ann = n.namedChildren.find((c) => c?.type === 'modifiers')?.text ?? head;
  return /@(Data|ToString|Value)\b|\brecord\b/.test(ann);
}

function processGoType(w: Walker, n: Node): void {
  for (const spec of w.sx.named(n)) {
    if (spec.type !== 'type_spec') continue;
    const name = spec.childForFieldName('name')?.text;
    const st = spec.childForFieldName('type');
    if (!name || st?.type !== 'struct_type') continue;
    const cls = getClass(w, name);
    const list = st.namedChildren.find((c) => c?.type === 'field_declaration_list');
    for (const f of list ? w.sx.named(list) : []) {
      if (f.type !== 'field_declaration') continue;
      const type = typeText(f.childForFieldName('type'));
      for (const nm of w.sx.named(f)) if (nm.type === 'field_identifier') declareField(w, cls, nm.text, nm, type);
    }
    cls.fact.printable = 1;
    if ((Object.keys(cls.fact.data).length || cls.fact.secrets) && !w.classes.includes(cls.fact)) w.classes.push(cls.fact);
  }
}

function isTopLevel(w: Walker, n: Node): boolean {
  for (let p = n.parent; p; p = p.parent) if (isUnit(w.fam, p) || isClass(p) || w.sx.isFunc(p)) return false;
  return true;
}

const SELF_TEST = /^(test|selfTest|self_test|runSelfTest)([A-Z_\d]|$)/;

function processUnit(w: Walker, n: Node, cls: ClassCtx | undefined): void {
  const name = unitName(n) ?? '<anonymous>';
  const { params, self } = paramsOf(w.fam, n);
  let selfName: string | undefined;
  if (w.fam === 'go' && n.type === 'method_declaration') {
    const r = goReceiverType(n);
    if (r.type) cls = getClass(w, r.type);
    selfName = r.name;
  }
  if (self) selfName = n.childForFieldName('parameters')?.namedChildren.find((c) => c?.type === 'identifier')?.text ?? 'self';
  const fact = newFact(name, n, { params: params.map((p) => p.name) });
  if (params.some((p) => p.type)) fact.pt = params.map((p) => simpleType(p.type));
  if (cls) fact.cls = cls.name;
  if (self) fact.self = 1;
  if (!cls && isTopLevel(w, n)) fact.top = 1;
  withUnit(w, fact, cls, selfName, () => {
    params.forEach((p, i) => {
      const step = w.step(p.node, `parameter \`${p.name}\`${p.type ? `: ${p.type.slice(0, 40)}` : ''}`);
      const v = new Entry(p.name, p.node, { [`p${i}`]: ORIGIN });
      v.prov = [step];
      v.type = p.type;
      v.who = w.whoOfType(p.type);
      if (p.pattern) bindTarget(w, p.pattern, v);
      else w.u.scope.vars.set(p.name, v);
    });
    const body = funcBody(w.fam, n);
    if (!body) return;
    const v = w.ev(body);
    const exprBody = !/^(statement_block|block|function_body|constructor_body)$/.test(body.type) || (body.type === 'function_body' && !body.namedChildren.some((c) => c?.type === 'block'));
    if (exprBody) mergeLabels(fact.ret, withStep(v.l, w.step(body, 'returned')));
  });
  // A self-test kept in product code (`testAll()`, `test_parse`, `selfTest`): test code, whatever the file.
  if (SELF_TEST.test(name)) {
    fact.sinks.length = 0;
    fact.calls.length = 0;
  }
  // A private function that nothing in its file names cannot run: its sinks are hints, its calls start no flow.
  if (fact.sinks.length && uncalledPrivate(w, n, name)) {
    for (const s of fact.sinks) s.uncalled = 1;
    fact.calls.length = 0;
  }
  w.fns.push(fact);
}

/** Families whose `private` confines a function to its file (or its class, declared in one file). */
const FILE_PRIVATE = new Set(['java', 'kotlin', 'swift']);
/** Java serialization hooks: private, and called by the runtime. */
const RUNTIME_HOOKS = new Set(['readObject', 'writeObject', 'readObjectNoData', 'readResolve', 'writeReplace']);

/**
 * Is `n` a private function (Java, Kotlin, Swift) whose name appears nowhere else in its file, and that carries
 * no annotation or attribute (frameworks call annotated private functions: `@Subscribe`, `@objc`, `@IBAction`)?
 * Overloads and references (`::name`, `#selector(name)`) count as mentions.
 */
function uncalledPrivate(w: Walker, n: Node, name: string): boolean {
  if (!FILE_PRIVATE.has(w.fam) || RUNTIME_HOOKS.has(name) || name === '<anonymous>') return false;
  const mods = n.namedChildren.find((c) => c?.type === 'modifiers')?.text ?? '';
  if (!/(^|\s)(private|fileprivate)(\s|$)/.test(mods) || mods.includes('@')) return false;
  w.identCounts ??= countIdentifiers(n.tree.rootNode.text);
  return (w.identCounts.get(name) ?? 0) <= 1;
}

function countIdentifiers(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of text.matchAll(/[A-Za-z_$][\w$]*/g)) counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
  return counts;
}

/** Drops sources no label refers to any more (read, then compared or counted) and renumbers the rest. */
function compactSources(sources: SourceFact[], fns: FunctionFact[]): SourceFact[] {
  const used = new Set<number>();
  const visit = (l: Labels | undefined, rename?: Map<number, number>): Labels | undefined => {
    if (!l) return l;
    if (!rename) {
      for (const k in l) if (k[0] === 's') used.add(+k.slice(1));
      return l;
    }
    const out: Labels = {};
    for (const k in l) {
      if (k[0] !== 's') out[k] = l[k];
      else if (rename.has(+k.slice(1))) out[`s${rename.get(+k.slice(1))}`] = l[k];
    }
    return out;
  };
  const all = (rename?: Map<number, number>) => {
    for (const f of fns) {
      for (const s of f.sinks) s.l = visit(s.l, rename)!;
      f.ret = visit(f.ret, rename)!;
      for (const c of f.calls) {
        c.a = c.a.map((l) => visit(l, rename)!);
        if (c.kw) for (const k in c.kw) c.kw[k] = visit(c.kw[k], rename)!;
        c.rl = visit(c.rl, rename);
        if (!c.rl) delete c.rl;
      }
    }
  };
  all();
  if (used.size === sources.length) return sources;
  const rename = new Map<number, number>();
  const out: SourceFact[] = [];
  sources.forEach((s, i) => {
    if (!used.has(i)) return;
    rename.set(i, out.length);
    out.push(s);
  });
  all(rename);
  return out;
}

/**
 * Every C API the privacy tables know as a sink or a channel names one of these words (printf, syslog,
 * LOG_ERROR, DCMNET_WARN, fwrite, send, curl, sqlite3_exec…). C has no imports or classes the check
 * resolves across files, so a C file that names none of them can report nothing: its walk is skipped (a
 * driver, a codec, the arithmetic of a dose calculation).
 */
const C_SINK_WORDS = /print|puts|log|err|warn|info|debug|dbg|trace|fatal|crit|notice|verbose|abort|write|send|post|put|curl|http|url|sock|sqlite|file|open|sentry|crash|analytic|track|report|json|cookie|stor|pref|db|query|exec|throw/i;

export async function collectPrivacy(file: CollectContext): Promise<PrivacyFacts | undefined> {
  if (file.isTest) return undefined;
  const fam = familyOf(file.language.id);
  if (!FAMILIES.has(fam)) return undefined;
  if (file.language.id === 'c' && !C_SINK_WORDS.test(file.lines.text)) return undefined;
  let ctx = file;
  if (fam === 'rust') {
    const rewritten = rustMacrosAsExpressions(ctx.syntax.rootNode, ctx.lines.text, RUST_MACRO_ARGS);
    if (rewritten !== undefined) {
      const syntax = await ctx.parse(rewritten);
      ctx = { ...ctx, syntax, lines: syntax.lines };
    }
  }
  const w = new Walker(new PSyntax(fam), fam, ctx.language.id);
  const root = ctx.syntax.rootNode;
  const meta: { pkg?: string } = {};
  scanImports(w, root, meta);
  const mod = newFact('<module>', root, { module: 1 });
  w.u = { fact: mod, scope: w.module, lambdaRets: [] };
  w.ev(root);
  const fields = new Map<string, FunctionFact>();
  for (let i = 0; i < w.pending.length && i < 20000; i++) {
    const p = w.pending[i];
    if (p.node.type === 'type_declaration') processGoType(w, p.node);
    else if (isClass(p.node)) {
      const f = newFact('<fields>', p.node, { cls: className(p.node) });
      fields.set(f.cls ?? '', f);
      processClass(w, p.node, f);
      if (f.sinks.length || f.calls.length) w.fns.push(f);
    } else processUnit(w, p.node, p.cls);
  }
  if (PRIVACY_FAMILIES[fam].declaredClients) w.fns.push(...declaredClientSinks(w, root));
  if (mod.sinks.length || mod.calls.length) w.fns.unshift(mod);
  const fns = w.fns.filter((f) => f.sinks.length || f.calls.length || Object.keys(f.ret).length || f.name !== '<anonymous>');
  if (!fns.length && !w.classes.length) return undefined;
  const out: PrivacyFacts = { v: 1, sources: compactSources(w.sources, fns), fns, imports: w.imports };
  if (meta.pkg) out.pkg = meta.pkg;
  if (w.classes.length) out.classes = w.classes;
  // (Asked only of files that print to standard output: the flag matters for nothing else.)
  if (fns.some((f) => f.sinks.some((s) => s.out)) && isCommandLineProgram(fam, ctx.lines.text, file.path)) out.cli = 1;
  if (DIABETES_TEXT.test(ctx.lines.text.length > 200_000 ? ctx.lines.text.slice(0, 200_000) : ctx.lines.text)) out.diabetes = 1;
  return out;
}

/**
 * A program run from a terminal, told by its text: a shebang, an argument parser (argparse, click,
 * commander, yargs, sys.argv, process.argv, a Django management command) or an entry point (Python's
 * `if __name__ == "__main__":`, `static void Main(string[] args)`, Go's
 * package main, C's `int main(`). What it prints to standard output is its output to the user who ran it.
 */
const CLI_TEXT: Partial<Record<Family, RegExp>> = {
  js: /^#!|\brequire\(\s*['"](commander|yargs|minimist|meow|cac|arg)['"]\s*\)|\bfrom\s+['"](commander|yargs|yargs\/yargs|minimist|meow|cac)['"]|\bprocess\.argv\b/,
  // (Django's management commands, `class Command(BaseCommand)`, are run as `manage.py <command>`.)
  // (A module with a `__main__` block runs as a program too: `python -m pyhealth.datasets.isruc` prints a demo.)
  py: /^#!|^\s*(import|from)\s+(argparse|optparse|click|typer|fire|docopt)\b|\bsys\.argv\b|^class\s+Command\s*\(\s*BaseCommand\s*\)|^if\s+__name__\s*==\s*['"]__main__['"]\s*:/m,
  cs: /\bstatic\s+(async\s+)?(void|int|Task(<int>)?)\s+Main\s*\(/,
  java: /\bpublic\s+static\s+void\s+main\s*\(\s*(final\s+)?String/,
  kotlin: /^fun\s+main\s*\(/m,
  go: /^package\s+main\b/m,
  c: /^\s*int\s+main\s*\(/m,
  rust: /^\s*(pub\s+)?fn\s+main\s*\(/m,
};

/**
 * Layouts for programs: every Go package under `cmd/` builds a command (`cmd/ehr/command/patients_list.go`);
 * a Node or Python project's top-level `scripts/` and `bin/` (or a workspace package's) hold the commands its
 * developers and operators run (`scripts/setup/invite-demo-user.ts`).
 */
const PROJECT_SCRIPTS = /^((packages|apps|tools)\/[^/]+\/)?(src\/)?(scripts|bin)\//;
const CLI_PATH: Partial<Record<Family, RegExp>> = { go: /(^|\/)cmd\//, js: PROJECT_SCRIPTS, py: PROJECT_SCRIPTS };

function isCommandLineProgram(fam: Family, text: string, path: string): boolean {
  if (CLI_PATH[fam]?.test(path)) return true;
  const re = CLI_TEXT[fam];
  return !!re && re.test(text.length > 200_000 ? text.slice(0, 200_000) : text);
}
