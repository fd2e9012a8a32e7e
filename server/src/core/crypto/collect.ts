/**
 * collect(): one pass of grammars/<lang>/crypto.scm over a parsed file, then the API models
 * (models.ts) turn calls, assignments, key/value pairs, member constants and string literals into
 * candidate sites. Everything that can be decided inside the file is decided here, with the tree at
 * hand: local constants and simple local data flow (latest definition before the use, in the same
 * function, else at module level), string concatenation and templates, configuration and environment
 * reads (kept symbolic), and the context names a value flows into. Values of other files stay symbolic
 * (`ref`) and are resolved by check().
 */
import type { SyntaxNode as Node } from '../syntax/flatTree';
import type { CollectContext } from '../engine/analyzer';
import type { LineIndex } from '../text';
import type { Range } from '../types';
import type { ConstDef, CryptoFacts, Site, SiteContext, SiteKind, Val } from './facts';
import { modelCall, modelMember, modelMethod, modelPair, modelAssign, modelString, modelImport } from './models';
import { rustMacrosAsExpressions } from '../code/rustMacros';
import { familyOf, numberValue, stringParts, Syntax, unescape, type CallShape, type Family } from '../code/syntax';

interface Def {
  name: string;
  value: Node;
  start: number;
  /** Enclosing function node id, 0 at module / class level (computed on first use). */
  scope: number;
  /** Class / object name for class-level definitions (computed on first use). */
  qualifier?: string;
  decl: Node;
}

/** A definition whose scope is found on first use (a class: object literals with getters were slow to make). */
class LazyDef implements Def {
  readonly start: number;
  constructor(
    readonly name: string,
    readonly value: Node,
    readonly decl: Node,
    private readonly scan: { scopeOf(n: Node): { scope: number; qualifier?: string } },
    private info?: { scope: number; qualifier?: string },
  ) {
    this.start = decl.startIndex;
  }
  get scope(): number {
    return (this.info ??= this.scan.scopeOf(this.decl)).scope;
  }
  get qualifier(): string | undefined {
    return (this.info ??= this.scan.scopeOf(this.decl)).qualifier;
  }
}

/** Node types that can hold a constant worth exporting to other files. */
const CONSTANT_VALUE = /string|literal|number|integer|binary|concatenat|template|array|list|initializer|preproc_arg|member|attribute|field_access|selector|navigation|scoped|additive|true|false|boolean/;

const MAX_DEPTH = 6;

/** An assignment to an existing variable, not a declaration (Python's `assignment` declares: see assignedInFunctions). */
const PLAIN_ASSIGNMENT = new Set(['assignment_expression', 'assignment_statement', 'assignment', 'augmented_assignment_expression']);

/** Callees that fill their buffer argument from a CSPRNG (a zero buffer passed to them is not constant). */
const RANDOM_FILL = new Set([
  'nextBytes', 'Read', 'ReadFull', 'randomFillSync', 'randomFill', 'getRandomValues', 'RAND_bytes', 'RAND_priv_bytes', 'SecRandomCopyBytes',
  'fill', 'fill_bytes', 'try_fill_bytes', 'GetBytes', 'GetNonZeroBytes', 'Fill', 'rand_bytes', 'randombytes_buf', 'mbedtls_ctr_drbg_random',
  'getrandom', 'arc4random_buf', 'RandomNumberGenerator', 'readinto', 'urandom', 'GenerateRandomBytes', 'copyBytes',
]);

/**
 * Callees that fill a buffer argument from input (a message, a stream, another buffer): the IV a decrypt
 * path reads from the ciphertext (`ByteBuffer.get(iv)`, `readFully(iv)`, `System.arraycopy(msg, 0, iv, 0, 16)`,
 * `memcpy(iv, msg, 16)`, Go's `copy(iv, msg)`) is not a constant. `get` counts only on a buffer.
 */
const READ_FILL = new Set(['readFully', 'read', 'readBytes', 'fread', 'recv', 'arraycopy', 'copyInto', 'memcpy', 'memmove', 'BlockCopy', 'CopyTo', 'copy', 'copy_from_slice', 'get']);
/** Kotlin's `byteBuffer[iv]` (operator get) as a statement of its own. */
const KOTLIN_BUFFER_GET = /^[ \t]*\w*(?:buf|Buf|buffer|Buffer)\w*\[(\w+)\][ \t]*$/gm;

/**
 * Another security analyser's suppression comment (gosec, bandit, Sonar, Semgrep, LGTM/CodeQL, clang-tidy)
 * and what follows it on the line; Android Lint's `@SuppressLint` of one of its crypto checks (GetInstance is
 * its ECB check), .NET's `[SuppressMessage(…, "CA53xx…")]` / `#pragma warning disable CA53xx` / Security Code
 * Scan's `SCSnnnn`. On the line above only when that line is nothing but the comment or the annotation.
 */
const OTHER_TOOL = /(?:\/\/(nolint(?::[\w,-]+)?(?:\s.*)?)$)|(?:\/\/|#|\/\*|--)\s*#?\s*((?:nosec\b(?:\s+G\d+)?|NOSONAR|nosemgrep(?::[\w.,-]+)?|lgtm\s*\[[^\]]*\]|codeql\s*\[[^\]]*\]|NOLINT(?:NEXTLINE)?(?:\([^)]*\))?|noqa:\s*S\d{3}(?:,\s*S\d{3})*)(?:.*))$|@SuppressWarnings\(\s*\{?\s*("(?:java|squid|kotlin|csharpsquid):S\d+"[^)]*)\)|(@SuppressLint\(\s*\{?\s*"(?:GetInstance|TrustAllX509TrustManager|BadHostnameVerifier|AllowAllHostnameVerifier|SSLCertificateSocketFactoryGetInsecure|SSLCertificateSocketFactoryCreateSocket|SecureRandom|TrulyRandom|DeletedProvider|UnsafeProtectedBroadcastReceiver)"[^)]*\))|(\[\s*(?:assembly:\s*)?SuppressMessage\([^)]*"(?:CA53\d\d|SCS\d{4})[^)]*\)\s*\]|#pragma\s+warning\s+disable\s+(?:CA53\d\d|SCS\d{4})\b.*)/;
/** A line that holds only an annotation / attribute / pragma (it then applies to the line below). */
const ANNOTATION_LINE = /^\s*(?:@Suppress(?:Warnings|Lint)\([^)]*\)|\[\s*SuppressMessage\(.*\)\s*\]|#pragma\s+warning\s+disable\b.*)\s*$/;

export function otherToolSuppression(line: string, ownLine = false): string | undefined {
  if (line.length > 2000) return undefined;
  const m = OTHER_TOOL.exec(line);
  if (!m) return undefined;
  // On the line above, only a line that is the comment or the annotation alone.
  if (ownLine && !/^\s*(\/\/|#(?!pragma)|\/\*|--)/.test(line) && !ANNOTATION_LINE.test(line)) return undefined;
  const text = (m[1] ?? m[2] ?? (m[3] !== undefined ? `@SuppressWarnings(${m[3]})` : undefined) ?? m[4] ?? m[5] ?? '').replace(/\s*\*\/\s*$/, '').trim();
  return text.length > 100 ? text.slice(0, 97) + '…' : text;
}

export class Scan {
  readonly sx: Syntax;
  readonly family: Family;
  readonly sites: Site[] = [];
  readonly consts: ConstDef[] = [];
  readonly defs = new Map<string, Def[]>();
  readonly aliases = new Map<string, string>();
  readonly filled = new Set<string>();
  /** Import module names seen (to tell math/rand from crypto/rand, node crypto imported…). */
  readonly modules = new Set<string>();
  scope = '';
  private readonly paramCache = new Map<number, Set<string>>();
  private readonly functionTextTests = new Map<RegExp, Map<number, boolean>>();
  private evalStack = new Set<number>();

  constructor(
    readonly ctx: { path: string; lines: LineIndex; isTest: boolean; languageId: string },
    family: Family,
  ) {
    this.family = family;
    this.sx = new Syntax(family);
  }

  range(n: Node): Range {
    return {
      start: { line: n.startPosition.row, character: n.startPosition.column },
      end: { line: n.endPosition.row, character: n.endPosition.column },
    };
  }

  // ---- definitions -------------------------------------------------------------------------

  /** Enclosing function (scope id) and, outside functions, the enclosing class name: one walk up. */
  scopeOf(decl: Node): { scope: number; qualifier?: string } {
    for (let p = decl.parent; p; p = p.parent) {
      if (this.sx.isFunc(p)) return { scope: p.id };
      if (/^(class_declaration|class_definition|object_declaration|interface_declaration|enum_declaration|struct_declaration|class_specifier|struct_specifier|impl_item|record_declaration|class|protocol_declaration)$/.test(p.type)) {
        const name = p.childForFieldName('name') ?? this.sx.named(p).find((c) => /identifier|type_identifier/.test(c.type));
        // A class inside a function: still that function's scope.
        for (let q = p.parent; q; q = q.parent) if (this.sx.isFunc(q)) return { scope: q.id, qualifier: name?.text };
        return { scope: 0, qualifier: name?.text };
      }
    }
    return { scope: 0 };
  }

  addDef(name: string | undefined, value: Node | null | undefined, decl: Node, where?: { scope: number; qualifier?: string }): void {
    if (!name || !value) return;
    const d = new LazyDef(name, value, decl, this, where);
    let l = this.defs.get(name);
    if (!l) this.defs.set(name, (l = []));
    l.push(d);
  }

  /** Definitions of `Class.NAME` (class-level constants of this file). */
  qualifiedDefs(full: string): Def[] | undefined {
    const m = /^([A-Za-z_$][\w$]*)\.([A-Za-z_$][\w$]*)$/.exec(full);
    if (!m) return undefined;
    const ds = this.defs.get(m[2])?.filter((d) => d.scope === 0 && d.qualifier === m[1]);
    return ds && ds.length ? ds : undefined;
  }

  /** Module / class level constants with a resolvable value, for other files. */
  exportConsts(): void {
    const seen = new Set<string>();
    for (const [name, ds] of this.defs) {
      if (name.includes('?') || /^(this|self)\./.test(name)) continue;
      if (!ds.every((d) => CONSTANT_VALUE.test(d.value.type))) continue;
      const top = ds.filter((d) => d.scope === 0);
      if (!top.length || top.length !== ds.length) continue;
      const v = this.evalNode(top[top.length - 1].value, 0);
      if (!isResolvable(v)) continue;
      const key = `${name}\0${JSON.stringify(v)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const names = [name];
      const q = top[top.length - 1].qualifier;
      if (q) names.push(`${q}.${name}`);
      const pkgQual = this.scope && !name.includes('.') ? `${this.scope.split(/[./]/).pop()}.${name}` : undefined;
      if (pkgQual) names.push(pkgQual);
      this.consts.push({ names, val: v });
    }
  }

  private params(fn: Node): Set<string> {
    let s = this.paramCache.get(fn.id);
    if (!s) {
      s = new Set();
      const p = fn.childForFieldName('parameters') ?? fn.childForFieldName('parameter') ?? this.sx.named(fn).find((c) => /parameter/.test(c.type));
      if (p) for (const id of p.descendantsOfType(this.sx.t.idents)) if (id) s.add(id.text);
      if (fn.type === 'arrow_function' || fn.type === 'lambda_expression' || fn.type === 'closure_expression') {
        const first = this.sx.named(fn)[0];
        if (first && this.sx.identText(first)) s.add(first.text);
      }
      this.paramCache.set(fn.id, s);
    }
    return s;
  }

  /** The value node of the latest definition of local `name` before `at` in its function, if there is one. */
  localDefinition(name: string, at: Node): Node | undefined {
    const fn = this.sx.enclosingFunc(at);
    if (!fn) return undefined;
    const local = this.defs.get(name)?.filter((d) => d.scope === fn.id && d.start < at.startIndex);
    return local?.length ? local[local.length - 1].value : undefined;
  }

  /** Value of an identifier at a use: latest definition before it in an enclosing function, else at module level. */
  resolveName(name: string, at: Node, depth: number): Val {
    const ds = this.defs.get(name);
    if (ds) {
      for (let fn = this.sx.enclosingFunc(at); fn; fn = this.sx.enclosingFunc(fn)) {
        const local = ds.filter((d) => d.scope === fn!.id && d.start < at.startIndex);
        if (local.length) return this.defValue(local[local.length - 1], name, depth);
        if (this.params(fn).has(name)) return { k: 'u' };
      }
      const top = ds.filter((d) => d.scope === 0);
      // A module or class variable that some function assigns holds no known value (a field set from configuration).
      if (top.length && this.assignedInFunctions(name, ds)) return { k: 'u' };
      if (top.length === 1) return this.defValue(top[0], name, depth);
      if (top.length > 1) {
        const vals = top.map((d) => this.defValue(d, name, depth));
        return vals.every((v) => JSON.stringify(v) === JSON.stringify(vals[0])) ? vals[0] : { k: 'alt', opts: vals };
      }
      // Defined only in other functions: not visible here.
      if (!name.includes('.')) return { k: 'u' };
    } else {
      for (let fn = this.sx.enclosingFunc(at); fn; fn = this.sx.enclosingFunc(fn)) if (this.params(fn).has(name)) return { k: 'u' };
    }
    if (this.aliases.has(name.split('.')[0])) return { k: 'ref', name: this.resolveAlias(name) };
    return { k: 'ref', name };
  }

  /**
   * Does a function assign the outer variable `name` (`count = …` or `this.count = …` in a method, with no
   * local or parameter of that name)? Not in Python, where an assignment in a function makes a local.
   */
  private assignedInFunctions(name: string, ds: readonly Def[]): boolean {
    if (this.family === 'py') return false;
    for (const d of ds) {
      if (d.scope === 0 || !PLAIN_ASSIGNMENT.has(d.decl.type)) continue;
      if (ds.some((o) => o.scope === d.scope && !PLAIN_ASSIGNMENT.has(o.decl.type))) continue;
      const fn = this.sx.enclosingFunc(d.decl);
      if (!fn || !this.params(fn).has(name)) return true;
    }
    return !!this.defs.get(`this.${name}`)?.some((d) => d.scope !== 0);
  }

  private defValue(d: Def, name: string, depth: number): Val {
    if (this.evalStack.has(d.value.id)) return { k: 'u' };
    this.evalStack.add(d.value.id);
    try {
      const v = this.evalNode(d.value, depth + 1);
      if (v.k === 'bytes' && (this.filled.has(`${d.scope}:${name.split('.').pop()}`) || this.filled.has(`*:${name.split('.').pop()}`))) return { k: 'u' };
      return v;
    } finally {
      this.evalStack.delete(d.value.id);
    }
  }

  resolveAlias(dotted: string): string {
    const i = dotted.indexOf('.');
    const head = i < 0 ? dotted : dotted.slice(0, i);
    const a = this.aliases.get(head);
    return a ? a + (i < 0 ? '' : dotted.slice(i)) : dotted;
  }

  // ---- evaluation --------------------------------------------------------------------------

  evalNode(node: Node | null | undefined, depth = 0): Val {
    if (!node || depth > MAX_DEPTH) return { k: 'u' };
    const sx = this.sx;
    const n = sx.strip(node);
    const t = n.type;
    if (sx.is('strings', n)) {
      const sp = stringParts(sx, n)!;
      const parts: Val[] = sp.parts.map((p) => (typeof p === 'string' ? { k: 's', v: p } : this.evalNode(p, depth + 1)));
      return simplifyCat(parts);
    }
    if (sx.is('numbers', n)) {
      const v = numberValue(n.text);
      return v === undefined ? { k: 'u' } : { k: 'n', v };
    }
    if (t === 'true' || t === 'false' || t === 'boolean_literal' || t === 'boolean') return { k: 'b', v: n.text === 'true' || n.text === 'True' };
    if ((this.family === 'kotlin' || this.family === 'c') && (n.text === 'true' || n.text === 'false')) return { k: 'b', v: n.text === 'true' };
    if (t === 'preproc_arg') return this.evalMacro(n.text.trim(), n, depth);
    if (t === 'unary_expression' || t === 'prefix_expression' || t === 'unary_operator') {
      const op = n.children.find((c) => c && !c.isNamed)?.text;
      const arg = n.childForFieldName('argument') ?? n.childForFieldName('operand') ?? sx.named(n)[0];
      if (op === '-' && arg) {
        const v = this.evalNode(arg, depth + 1);
        return v.k === 'n' ? { k: 'n', v: -v.v } : { k: 'u' };
      }
      if (op === '!' && arg && arg.type === 'number') return { k: 'b', v: arg.text === '0' }; // JS minifier idiom !0 / !1
      if ((op === '&' || op === '*') && arg) return this.evalNode(arg, depth + 1);
      if (this.family === 'swift' && t === 'prefix_expression') return { k: 'ref', name: '.' + (n.childForFieldName('target')?.text ?? '') };
      return { k: 'u' };
    }
    const id = sx.identText(n);
    if (id !== undefined) {
      if (id === 'true' || id === 'false') return { k: 'b', v: id === 'true' };
      if (id === 'undefined' || id === 'None' || id === 'null' || id === 'nil') return { k: 'u' };
      return this.resolveName(id, n, depth);
    }
    if (sx.is('calls', n)) {
      const c = sx.call(n);
      return c ? this.evalCall(c, depth) : { k: 'u' };
    }
    const m = sx.member(n);
    if (m) return this.evalMember(n, m, depth);
    if (sx.is('binary', n)) return this.evalBinary(n, depth);
    if (sx.is('conds', n)) {
      const kids = sx.named(n);
      let opts: Node[] = [];
      const cons = n.childForFieldName('consequence');
      const alt = n.childForFieldName('alternative');
      if (cons && alt) opts = [cons, alt];
      else if (t === 'conditional_expression' && kids.length === 3) opts = [kids[0], kids[2]];
      else if (t === 'if_expression' && this.family === 'kotlin' && kids.length >= 3) opts = kids.slice(-2);
      if (opts.length !== 2) return { k: 'u' };
      const vals = opts.map((o) => this.evalNode(o, depth + 1));
      return vals.every((v) => v.k === 'u') ? { k: 'u' } : { k: 'alt', opts: vals };
    }
    return this.evalCollection(n, depth);
  }

  private evalMacro(raw: string, at: Node, depth: number): Val {
    // A macro body runs to the end of the line, comments included.
    const text = raw.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\s\/\/.*$/, '').trim();
    let m = /^"((?:[^"\\]|\\.)*)"$/.exec(text);
    // (Escapes decoded as in a string literal: OpenSSL spells its PRF label "master secret" in \x escapes.)
    if (m) return { k: 's', v: unescape(m[1]) };
    m = /^\(?\s*(-?(?:0[xX][0-9a-fA-F]+|\d+))[uUlL]*\s*\)?$/.exec(text);
    if (m) return { k: 'n', v: numberValue(m[1])! };
    if (/^[A-Za-z_]\w*$/.test(text)) return this.resolveName(text, at, depth + 1);
    return { k: 'u' };
  }

  private evalCollection(n: Node, depth: number): Val {
    const sx = this.sx;
    const t = n.type;
    // Sized buffers: new byte[16], make([]byte, 16), [0u8; 16]
    if (t === 'array_creation_expression') {
      const init = n.childForFieldName('value') ?? sx.named(n).find((c) => c.type === 'array_initializer' || c.type === 'initializer_expression');
      if (init) return this.evalCollection(init, depth);
      return { k: 'bytes', why: 'an all-zero array' };
    }
    if (t === 'array_expression' && this.family === 'rust') {
      const kids = sx.named(n);
      if (n.text.includes(';') && kids.length === 2 && sx.is('numbers', kids[0])) return { k: 'bytes', why: 'a constant-filled array' };
    }
    if (['array', 'list', 'array_initializer', 'initializer_list', 'initializer_expression', 'array_expression', 'array_literal', 'collection_literal', 'tuple'].includes(t) || (t === 'composite_literal' && this.family === 'go') || t === 'literal_value') {
      let kids = sx.named(n);
      if (t === 'composite_literal') {
        const body = n.childForFieldName('body');
        kids = body ? sx.named(body) : [];
      }
      if (!kids.length) return t === 'initializer_list' ? { k: 'bytes', why: 'an all-zero array' } : { k: 'u' };
      const vals = kids.slice(0, 64).map((k) => this.evalNode(k.type === 'literal_element' ? sx.named(k)[0] : k, depth + 1));
      if (vals.every((v) => v.k === 'n')) return { k: 'bytes', why: 'a literal byte array' };
      if (vals.some((v) => v.k === 's' || v.k === 'alt' || v.k === 'ref')) return { k: 'alt', opts: vals };
      return { k: 'u' };
    }
    return { k: 'u' };
  }

  private evalMember(n: Node, m: { obj: Node; prop: string; propNode: Node }, depth: number): Val {
    const sx = this.sx;
    if (/^(utf8|bytes|utf8CString|data|buffer)$/.test(m.prop) && sx.is('strings', sx.strip(m.obj))) return this.evalNode(m.obj, depth + 1);
    const objText = sx.dotted(m.obj);
    const full = objText ? `${objText}.${m.prop}` : undefined;
    // Environment / configuration reads by key.
    if (objText === 'process.env' || objText === 'import.meta.env' || objText === 'os.environ' || objText === 'environ' || objText === 'ENV') return { k: 'cfg', key: m.prop, src: 'env' };
    if (objText && /(^|\.)(AppSettings|ConnectionStrings|Configuration|configuration|config|Config|settings|Settings)$/.test(objText) && (n.type === 'element_access_expression' || n.type === 'subscript_expression' || n.type === 'subscript')) {
      return { k: 'cfg', key: m.prop, src: 'prop' };
    }
    if (objText && /ProcessInfo\.processInfo\.environment$/.test(objText)) return { k: 'cfg', key: m.prop, src: 'env' };
    if (!full || full.includes('?')) return { k: 'u' };
    if (this.defs.has(full)) return this.resolveName(full, n, depth);
    const qd = this.qualifiedDefs(full);
    if (qd) return this.defValue(qd[qd.length - 1], full, depth);
    const self = /^(this|self|Self|@)\.(.+)$/.exec(full);
    if (self) {
      if (this.defs.has(self[2])) {
        const ds = this.defs.get(self[2])!.filter((d) => d.scope === 0);
        if (ds.length === 1) return this.defValue(ds[0], self[2], depth);
      }
      return { k: 'u' };
    }
    return { k: 'ref', name: this.resolveAlias(full) };
  }

  private evalBinary(n: Node, depth: number): Val {
    const sx = this.sx;
    let left = n.childForFieldName('left') ?? n.childForFieldName('lhs') ?? n.childForFieldName('value');
    let right = n.childForFieldName('right') ?? n.childForFieldName('rhs') ?? n.childForFieldName('if_nil');
    const kids = sx.named(n);
    left ??= kids[0];
    right ??= kids[kids.length - 1];
    const opNode = n.childForFieldName('operator') ?? n.children.find((c) => c && !c.isNamed && c.type !== '(' && c.type !== ')');
    let op = opNode?.text ?? '';
    if (n.type === 'elvis_expression') op = '?:';
    if (n.type === 'nil_coalescing_expression') op = '??';
    if (!left || !right) return { k: 'u' };
    if (op === '+') return simplifyCat([this.evalNode(left, depth + 1), this.evalNode(right, depth + 1)]);
    if (op === '??' || op === '||' || op === 'or' || op === '?:') {
      const l = this.evalNode(left, depth + 1);
      const r = this.evalNode(right, depth + 1);
      if (l.k === 'cfg' && !l.def) return { ...l, def: r };
      if (l.k === 'u') return { k: 'fb', primary: l, def: r };
      return { k: 'fb', primary: l, def: r };
    }
    if (op === '*') {
      const l = this.evalNode(left, depth + 1);
      const r = this.evalNode(right, depth + 1);
      if ((l.k === 's' || l.k === 'bytes') && r.k === 'n') return { k: 'bytes', why: 'a repeated constant' };
      if (l.k === 'n' && r.k === 'n') return { k: 'n', v: l.v * r.v };
      return { k: 'u' };
    }
    if (op === '<<') {
      const l = this.evalNode(left, depth + 1);
      const r = this.evalNode(right, depth + 1);
      if (l.k === 'n' && r.k === 'n') return { k: 'n', v: l.v * 2 ** r.v };
    }
    return { k: 'u' };
  }

  evalCall(c: CallShape, depth: number): Val {
    const callee = this.resolveAlias(c.callee);
    const last = c.last;
    const a0 = c.args[0]?.node;
    const a1 = c.args[1]?.node;
    const kw = (name: string) => c.args.find((a) => a.name === name)?.node;
    const str = (n: Node | undefined) => (n ? this.evalNode(n, depth + 1) : ({ k: 'u' } as Val));
    const key = (n: Node | undefined) => {
      const v = str(n);
      return v.k === 's' ? v.v : undefined;
    };
    // Environment and configuration reads.
    if (/(^|\.)(getenv|Getenv|GetEnvironmentVariable|LookupEnv)$/.test(callee) || /^(os\.environ|environ)\.get$/.test(callee) || /(^|\.)env\.var$|^(std\.)?env\.var(_os)?$/.test(callee)) {
      const k = key(a0);
      if (k === undefined) return { k: 'u' };
      const d = c.args[1] ? str(a1) : kw('default') ? str(kw('default')) : undefined;
      return d && d.k !== 'u' ? { k: 'cfg', key: k, src: 'env', def: d } : { k: 'cfg', key: k, src: 'env' };
    }
    if (last === 'getProperty' || last === 'getString' || last === 'GetString' || last === 'GetValue' || last === 'getValue' || last === 'GetSetting' ||
      (/^(get|Get|getOrDefault|get_or)$/.test(last) && c.recv && /(conf|config|cfg|settings|props|properties|env|environ|options|opts|preferences|prefs|viper|nconf|parser)$/i.test(this.sx.dotted(c.recv) ?? ''))) {
      // configparser: config.get('section', 'key'), Properties.getProperty(key, default)
      let k = key(a0);
      let dflt: Node | undefined = a1;
      if (k !== undefined && this.family === 'py' && /config|parser/i.test(this.sx.dotted(c.recv) ?? '') && c.args.length >= 2 && !c.args[1].name) {
        const k2 = key(a1);
        if (k2 !== undefined) {
          k = `${k}.${k2}`;
          dflt = kw('fallback');
        }
      }
      if (k === undefined) return { k: 'u' };
      const d = dflt ? str(dflt) : kw('fallback') ? str(kw('fallback')) : undefined;
      const src = /System\.getProperty/.test(callee) ? 'prop' : 'prop';
      return d && d.k !== 'u' ? { k: 'cfg', key: k, src, def: d } : { k: 'cfg', key: k, src };
    }
    // Value-preserving transforms.
    if (c.recv && /^(toUpperCase|toLowerCase|upper|lower|strip|trim|ToUpper|ToLower|ToUpperInvariant|ToLowerInvariant|uppercase|lowercase|toUpperCase|toString|ToString|to_string|to_owned|into|as_str|as_bytes|as_ref|getBytes|encode|toByteArray|c_str|unwrap|expect|intern|toCharArray|bytes|data|utf8|toCharArray|clone|to_vec|Trim|orEmpty)$/.test(last)) {
      if (last === 'toString' && c.args.length) return { k: 'u' };
      const v = str(c.recv);
      if (v.k === 's' && /upper/i.test(last)) return { k: 's', v: v.v.toUpperCase() };
      if (v.k === 's' && /lower/i.test(last)) return { k: 's', v: v.v.toLowerCase() };
      return v;
    }
    if (c.recv && /^(unwrap_or|unwrap_or_else|orElse|getOrElse|or)$/.test(last) && a0) {
      const r = str(c.recv);
      const d = str(a0);
      if (r.k === 'cfg' && !r.def) return { ...r, def: d };
      return { k: 'fb', primary: r, def: d };
    }
    if (c.recv && last === 'concat' && a0) return simplifyCat([str(c.recv), str(a0)]);
    if (/^(String\.valueOf|str|String|String\.from|String::from|Buffer\.from|Uint8Array\.from|Array|Data|bytes\.fromhex|bytearray\.fromhex|binascii\.unhexlify|unhexlify|a2b_hex|hex\.DecodeString|hex::decode|Convert\.FromBase64String|Convert\.FromHexString|base64\.b64decode|b64decode|from_slice|clone_from_slice|GenericArray\.from_slice|Nonce\.from_slice|Nonce\.assume_unique_for_key|CryptoJS\.enc\.(Utf8|Hex|Base64|Latin1)\.parse|forge\.util\.createBuffer|Encoding\.\w+\.GetBytes|\w+\.GetBytes|hexStringToByteArray|hexToBytes|fromHex|DatatypeConverter\.parseHexBinary|Hex\.decodeHex|Base64\.decode|Base64\.getDecoder\(\)\.decode|\[\]byte|std\.string|Vec\.from)$/.test(callee) || /(^|\.)(from_slice|fromhex|unhexlify|GetBytes|parseHexBinary|decodeHex)$/.test(callee)) {
      if (!a0) return { k: 'u' };
      const v = str(a0);
      if (v.k === 'n' && /bytes|bytearray|Buffer|Array|Data/.test(callee)) return { k: 'bytes', why: 'an all-zero buffer' };
      if (v.k === 's' || v.k === 'cat' || v.k === 'bytes') return v.k === 'bytes' ? v : { k: 'bytes', why: 'a constant string' };
      return v;
    }
    if (/^(bytes|bytearray|Buffer\.alloc|Buffer\.allocUnsafe|ByteArray|make|Uint8Array|ArrayBuffer|Data|bytes\.Repeat|vec!)$/.test(callee) || (c.isNew && /^(Uint8Array|ArrayBuffer|Buffer|byte\[\]|Int8Array)$/.test(callee))) {
      const sizeArg = callee === 'make' ? a1 : a0;
      const v = str(sizeArg);
      if (v.k === 'n') return { k: 'bytes', why: 'an all-zero buffer' };
      if (callee === 'Buffer.alloc' && v.k !== 'u') return { k: 'bytes', why: 'a constant-filled buffer' };
      if (v.k === 'alt' || v.k === 'bytes') return { k: 'bytes', why: 'a literal byte array' };
      if (v.k === 's') return { k: 'bytes', why: 'a constant string' };
      // make([]byte, n), Buffer.alloc(n), ByteArray(n): zero-filled whatever n is.
      if ((callee === 'make' && /byte/.test(c.args[0]?.node.text ?? '')) || callee === 'Buffer.alloc' || callee === 'ByteArray') return { k: 'bytes', why: 'an all-zero buffer' };
      return { k: 'u' };
    }
    if (/^(byteArrayOf|ubyteArrayOf|bytearray|bytes|Uint8Array\.of|arrayOf)$/.test(callee)) {
      const vals = c.args.map((a) => str(a.node));
      if (vals.length && vals.every((v) => v.k === 'n')) return { k: 'bytes', why: 'a literal byte array' };
      if (vals.length && vals.every((v) => v.k === 's')) return { k: 'alt', opts: vals };
      return { k: 'u' };
    }
    if (this.family === 'swift' && /^\[UInt8\]$|^Array$/.test(callee) && c.args.some((a) => a.name === 'repeating')) return { k: 'bytes', why: 'a constant-filled array' };
    return { k: 'u' };
  }

  // ---- context -----------------------------------------------------------------------------

  /** Names a value at `node` flows into, walking up to its statement; plus inputs of chained calls. */
  contextOf(node: Node, opts: { flow?: boolean; inputs?: Node[]; flowVars?: string[] } = {}): SiteContext {
    const names: string[] = [];
    const inputs: string[] = [];
    const vars: string[] = [...(opts.flowVars ?? [])];
    let persisted = false;
    let returned = false;
    const fn = this.sx.enclosingFunc(node);
    this.truncated = false;
    for (const i of opts.inputs ?? []) this.collectInputs(i, inputs);
    this.walkUp(node, names, inputs, vars, (p) => (persisted ||= p), () => (returned = true));
    const own = inputs.length;
    if (opts.flow !== false && fn) {
      const seen = new Set<string>();
      let frontier = vars.slice();
      for (let hop = 0; hop < 2 && frontier.length; hop++) {
        const next: string[] = [];
        for (const v of frontier) {
          if (seen.has(v)) continue;
          seen.add(v);
          let count = 0;
          for (const occ of this.occurrences(fn, v)) {
            if (occ.startIndex <= node.startIndex) continue;
            if (++count > 40) break;
            const before = next.length;
            this.walkUp(occ, names, inputs, next, (p) => (persisted ||= p), () => (returned = true));
            if (next.length > before && next[next.length - 1] === v) next.pop();
          }
        }
        frontier = next;
      }
    }
    // The nearest named function: a callback (`stream.on('data', (d) => hash.update(d))`) has no name of its own.
    let named = fn;
    while (named && !this.sx.funcName(named)) named = this.sx.enclosingFunc(named);
    const fnName = named ? this.sx.funcName(named) : undefined;
    const out: SiteContext = { names: dedupe(names) };
    if (fnName) out.fn = fnName;
    if (inputs.length) out.inputs = dedupe(inputs).slice(0, 20);
    // Inputs found where the value flows later (arguments of calls it reaches) come after its own.
    if (own < inputs.length) out.ownInputs = dedupe(inputs.slice(0, own)).length;
    if (persisted) out.persisted = true;
    if (returned) out.returned = true;
    if (this.truncated) out.truncated = true;
    return out;
  }

  /**
   * The contexts of this file's calls of the function `own`, named `name` (at most 20): the names its
   * result flows into, its arguments, and the parameters of the calling function (`hash(salt, password)`
   * calling `md5Sum(data)`), which are what a one-line helper's argument is made of.
   */
  callersOf(own: Node, name: string): { ctx: SiteContext; params: string[] }[] {
    const out: { ctx: SiteContext; params: string[] }[] = [];
    for (const n of own.tree.rootNode.descendantsOfType(this.sx.t.calls)) {
      if (isAncestor(own, n)) continue;
      const c = this.sx.call(n);
      if (!c || c.last !== name) continue;
      const cx = this.contextOf(n, { inputs: c.args.length ? c.args.map((a) => a.node) : c.recv ? [c.recv] : [] });
      const caller = this.sx.enclosingFunc(n);
      out.push({ ctx: cx, params: caller ? [...this.params(caller)] : [] });
      if (out.length >= 20) break;
    }
    return out;
  }

  /**
   * Does the text of the function around `node` (the file's, outside functions) match `re` (no `g` flag)?
   * Tested once per function and pattern: many sites share a function.
   */
  functionMatches(node: Node, re: RegExp): boolean {
    const fn = this.sx.enclosingFunc(node);
    const id = fn ? fn.id : -1;
    let byFn = this.functionTextTests.get(re);
    if (!byFn) this.functionTextTests.set(re, (byFn = new Map()));
    let yes = byFn.get(id);
    if (yes === undefined) {
      yes = re.test(fn ? fn.text : this.ctx.lines.text);
      byFn.set(id, yes);
    }
    return yes;
  }

  /** Set by walkUp when the value is cut to a short prefix (read by contextOf). */
  private truncated = false;

  /** The value goes on through a method called on it (`v.digest()`, `h.equals(x)`): its arguments are inputs too. */
  private chainedCall(c: CallShape, inputs: string[], onPersist: (p: boolean) => void): void {
    for (const a of c.args) this.collectInputs(a.node, inputs);
    if (this.isShortPrefixCall(c)) this.truncated = true;
    if (/^(equals|equal|compare|compareTo|Equals|timingSafeEqual|eq|matches|startsWith)$/.test(c.last)) onPersist(true);
  }

  /** `x.substring(0, 16)`, `x.slice(0, 8)`, `x.take(12)`, `x.Substring(0, 10)`: a prefix of at most 20 characters / bytes. */
  private isShortPrefixCall(c: CallShape): boolean {
    if (!/^(substring|substr|slice|Substring|take|prefix|Left)$/.test(c.last)) return false;
    const a = c.args.map((x) => x.node.text.trim());
    const len = a.length === 1 && /^(take|prefix|Left)$/.test(c.last) ? a[0] : a.length === 2 && a[0] === '0' ? a[1] : '';
    return /^\d+$/.test(len) && Number(len) >= 1 && Number(len) <= 20;
  }

  /** Python `x[:8]` / `x[0:8]`, Go `x[:8]`, Rust `&x[..8]`, C# `x[..8]`: the same, as a slice. */
  private isShortPrefixSlice(p: Node, cur: Node): boolean {
    if (!/^(subscript|slice_expression|index_expression|element_access_expression)$/.test(p.type)) return false;
    const first = this.sx.named(p)[0];
    if (!first || first.id !== cur.id) return false;
    const rest = p.text.slice(cur.endIndex - p.startIndex).replace(/\s+/g, '');
    const m = /^\[(?:0)?(?::|\.\.)(\d+)\]$/.exec(rest);
    return !!m && Number(m[1]) >= 1 && Number(m[1]) <= 20;
  }

  private readonly occCache = new Map<number, Map<string, Node[]>>();

  /** Identifier nodes named `name` in a function body (indexed once per function). */
  private occurrences(fn: Node, name: string): Node[] {
    let m = this.occCache.get(fn.id);
    if (!m) {
      m = new Map();
      const body = fn.childForFieldName('body') ?? fn;
      for (const occ of body.descendantsOfType(this.sx.t.idents)) {
        if (!occ) continue;
        const t = occ.text;
        let l = m.get(t);
        if (!l) m.set(t, (l = []));
        if (l.length < 64) l.push(occ);
      }
      this.occCache.set(fn.id, m);
    }
    return m.get(name) ?? [];
  }

  private collectInputs(n: Node, out: string[]): void {
    if (out.length > 30) return;
    const id = this.sx.identText(n);
    if (id !== undefined) {
      out.push(id);
      return;
    }
    for (const d of n.descendantsOfType([...this.sx.t.idents, ...this.sx.t.content])) {
      if (!d) continue;
      if (this.sx.t.content.includes(d.type)) {
        if (d.text.length <= 40) out.push(d.text);
      } else out.push(d.text);
      if (out.length > 30) break;
    }
  }

  private walkUp(start: Node, names: string[], inputs: string[], vars: string[], onPersist: (p: boolean) => void, onReturn: () => void = () => undefined): void {
    const sx = this.sx;
    let cur = start;
    for (let i = 0; i < 12; i++) {
      const p = cur.parent;
      if (!p) return;
      const t = p.type;
      if (sx.isFunc(p)) {
        // `() => expr`, `fun f() = expr`, Rust/Swift tail expressions: the value is the function's result.
        if (!/block|statement_block|compound_statement|^statements$|parameter|^body$|function_body|class_body/.test(cur.type)) onReturn();
        return;
      }
      if (p.type === 'function_body' && cur.type !== 'block' && cur.type !== 'statements') {
        onReturn(); // Kotlin `fun f() = expr`
        return;
      }
      // Rust tail expression: the block's value.
      if (this.family === 'rust' && p.type === 'block' && cur.type !== 'expression_statement' && sx.named(p).at(-1)?.id === cur.id) {
        if (p.parent && sx.isFunc(p.parent)) onReturn();
      }
      // Receiver of a call that has no member node of its own (Java method_invocation): cur.method(args)
      if (sx.is('calls', p)) {
        const c = sx.call(p);
        if (c && c.recv && c.recv.id === cur.id) {
          this.chainedCall(c, inputs, onPersist);
          cur = p;
          continue;
        }
      }
      // Chained member call: cur.method(args)
      const m = sx.member(p);
      if (m && m.obj.id === cur.id) {
        const call = p.parent;
        if (call && sx.is('calls', call)) {
          const c = sx.call(call);
          if (c && c.calleeNode.id === p.id) {
            this.chainedCall(c, inputs, onPersist);
            cur = call;
            continue;
          }
        }
        names.push(m.prop);
        cur = p;
        continue;
      }
      if (this.isShortPrefixSlice(p, cur)) this.truncated = true;
      switch (t) {
        case 'variable_declarator':
        case 'init_declarator':
        case 'let_declaration':
        case 'const_item':
        case 'static_item':
        case 'var_spec':
        case 'const_spec':
        case 'property_declaration':
        case 'public_field_definition':
        case 'field_definition':
        case 'short_var_declaration':
        case 'assignment':
        case 'assignment_expression':
        case 'assignment_statement':
        case 'augmented_assignment':
        case 'augmented_assignment_expression': {
          for (const [name, value] of this.defPairs(p)) {
            if (value && (value.id === cur.id || isAncestor(value, cur))) {
              names.push(name);
              if (!name.includes('.')) vars.push(name);
              else names.push(...name.split('.'));
            }
          }
          this.elementTarget(p, cur, names, vars);
          if (sx.isStatement(p) || t === 'assignment' || t === 'let_declaration') return;
          break;
        }
        case 'pair':
        case 'keyword_argument':
        case 'keyed_element':
        case 'field_initializer':
        case 'initializer_pair':
        case 'value_argument':
        case 'argument': {
          const k = this.pairKey(p);
          if (k) names.push(k);
          break;
        }
        case 'return_statement':
        case 'return_expression':
        case 'jump_expression':
        case 'control_transfer_statement':
          onReturn();
          return;
        case 'binary_expression':
        case 'comparison_operator':
        case 'binary_operator': {
          const op = p.children.find((c) => c && !c.isNamed)?.text ?? '';
          if (/^(==|===|!=|!==|<|>|<=|>=|is)$/.test(op)) {
            onPersist(true);
            const other = sx.named(p).find((c) => c.id !== cur.id);
            if (other) this.collectInputs(other, names);
          }
          break;
        }
      }
      if (sx.is('calls', p) && !(cur.type === 'arguments' || cur.type === 'argument_list')) {
        // cur is the callee of p (handled above) or an argument container
      }
      if (/^(arguments|argument_list|value_arguments|call_suffix|bracketed_argument_list)$/.test(t)) {
        const call = t === 'value_arguments' && p.parent?.type === 'call_suffix' ? p.parent.parent : p.parent;
        if (call) {
          const c = sx.call(call);
          if (c) {
            names.push(c.callee);
            if (/(save|store|insert|persist|write|put|update_one|set|compare|equals|verify|check|exists|find|where|filter)/i.test(c.last) && !/^(update|digest|hexdigest)$/.test(c.last)) onPersist(true);
            for (const a of c.args.slice(0, 3)) {
              if (a.node.id === cur.id) continue;
              const s = sx.is('strings', a.node) ? sx.plain(a.node) : undefined;
              if (s && s.length <= 40 && !/\s/.test(s)) names.push(s);
            }
            cur = call;
            continue;
          }
        }
      }
      if (sx.isStatement(p) && !/declaration$/.test(t)) return;
      cur = p;
    }
  }

  /**
   * A value stored into an element of a container (`session[name] = v`, `b[i] = alphabet[r]`,
   * `store["token"] = v`): the container's name and the element's key name the value, and the container
   * carries it on (a token built character by character, then returned).
   */
  private elementTarget(assign: Node, value: Node, names: string[], vars: string[]): void {
    const sx = this.sx;
    const left = assign.childForFieldName('left') ?? assign.childForFieldName('target') ?? sx.named(assign)[0];
    if (!left || left.id === value.id || isAncestor(left, value)) return;
    const targets = left.type === 'expression_list' ? sx.named(left) : [left];
    for (let target of targets) {
      if (target.type === 'directly_assignable_expression') target = sx.named(target)[0] ?? target;
      if (!/^(subscript|subscript_expression|index_expression|element_access_expression|indexing_expression)$/.test(target.type)) continue;
      const [container, ...keys] = sx.named(target);
      const name = container && sx.dotted(container);
      if (!name || name.includes('?') || name.includes('()')) continue;
      names.push(...name.split('.'));
      if (!name.includes('.')) vars.push(name);
      for (const k of keys) {
        const inner = sx.named(k);
        const key = inner.length === 1 && !sx.is('strings', k) ? inner[0] : k;
        const s = sx.is('strings', key) ? sx.plain(key) : sx.identText(key);
        if (s && s.length <= 40) names.push(s);
      }
    }
  }

  pairKey(p: Node): string | undefined {
    switch (p.type) {
      case 'pair':
      case 'keyed_element': {
        const k = p.childForFieldName('key') ?? this.sx.named(p)[0];
        if (!k) return undefined;
        const inner = k.type === 'literal_element' ? this.sx.named(k)[0] ?? k : k;
        return this.sx.is('strings', inner) ? this.sx.plain(inner) : inner.text;
      }
      case 'keyword_argument':
        return p.childForFieldName('name')?.text;
      case 'field_initializer':
        return p.childForFieldName('field')?.text ?? p.childForFieldName('name')?.text;
      case 'initializer_pair': {
        const d = p.childForFieldName('designator');
        return d?.text.replace(/^[.[]/, '').replace(/]$/, '');
      }
      case 'value_argument': {
        if (this.family === 'swift') return p.childForFieldName('name')?.text;
        const hasEq = p.children.some((c) => c && c.type === '=');
        return hasEq ? this.sx.named(p)[0]?.text : undefined;
      }
      case 'argument':
        return p.childForFieldName('name')?.text ?? this.sx.named(p).find((c) => c.type === 'name_colon')?.text.replace(/:$/, '');
    }
    return undefined;
  }

  private readonly pairCache = new Map<number, [string, Node | null][]>();

  /** (name, value) pairs of a definition or assignment node (cached). */
  defPairs(n: Node): [string, Node | null][] {
    let r = this.pairCache.get(n.id);
    if (!r) this.pairCache.set(n.id, (r = this.readDefPairs(n)));
    return r;
  }

  private readDefPairs(n: Node): [string, Node | null][] {
    const sx = this.sx;
    const out: [string, Node | null][] = [];
    const nameOf = (x: Node | null | undefined): string | undefined => {
      if (!x) return undefined;
      let d: Node | null = x;
      // C declarators: pointer_declarator, array_declarator → identifier
      for (let i = 0; d && i < 4 && /declarator$/.test(d.type) && d.type !== 'variable_declarator'; i++) d = d.childForFieldName('declarator') ?? sx.named(d)[0] ?? null;
      if (!d) return undefined;
      if (d.type === 'pattern') d = d.childForFieldName('bound_identifier') ?? sx.named(d)[0] ?? d;
      if (d.type === 'variable_declaration') d = sx.named(d)[0] ?? d;
      if (d.type === 'mut_pattern' || d.type === 'ref_pattern') d = sx.named(d).at(-1) ?? d;
      const dt = sx.dotted(d);
      return dt && !dt.includes('?') && !dt.includes('()') ? dt : undefined;
    };
    switch (n.type) {
      case 'variable_declarator': {
        const name = n.childForFieldName('name') ?? sx.named(n)[0];
        let value = n.childForFieldName('value');
        if (!value && this.family === 'cs') {
          const kids = sx.named(n);
          value = kids.length > 1 && kids[kids.length - 1].id !== name?.id ? kids[kids.length - 1] : null;
          if (value?.type === 'bracketed_argument_list') value = null;
        }
        if (name && name.type !== 'object_pattern' && name.type !== 'array_pattern') out.push([nameOf(name) ?? '', value]);
        break;
      }
      case 'init_declarator':
        out.push([nameOf(n.childForFieldName('declarator')) ?? '', n.childForFieldName('value')]);
        break;
      case 'preproc_def':
        out.push([n.childForFieldName('name')?.text ?? '', n.childForFieldName('value')]);
        break;
      case 'let_declaration':
        out.push([nameOf(n.childForFieldName('pattern')) ?? '', n.childForFieldName('value')]);
        break;
      case 'const_item':
      case 'static_item':
        out.push([n.childForFieldName('name')?.text ?? '', n.childForFieldName('value')]);
        break;
      case 'public_field_definition':
      case 'field_definition': {
        const name = n.childForFieldName('name') ?? n.childForFieldName('property');
        out.push([name?.text ?? '', n.childForFieldName('value')]);
        break;
      }
      case 'property_declaration': {
        if (this.family === 'swift') {
          out.push([nameOf(n.childForFieldName('name')) ?? '', n.childForFieldName('value')]);
        } else {
          const kids = sx.named(n);
          const vd = kids.find((c) => c.type === 'variable_declaration');
          const value = kids.filter((c) => !/^(modifiers|variable_declaration|type_constraints|getter|setter|property_delegate|type_parameters|user_type|nullable_type)$/.test(c.type)).at(-1) ?? null;
          out.push([vd ? sx.named(vd)[0]?.text ?? '' : '', value]);
        }
        break;
      }
      case 'var_spec':
      case 'const_spec': {
        const names = n.childrenForFieldName('name');
        const value = n.childForFieldName('value');
        const vals = value ? sx.named(value) : [];
        names.forEach((nm, i) => out.push([nm.text, vals[i] ?? null]));
        break;
      }
      case 'short_var_declaration':
      case 'assignment_statement': {
        const l = n.childForFieldName('left');
        const r = n.childForFieldName('right');
        const ls = l ? sx.named(l) : [];
        const rs = r ? sx.named(r) : [];
        ls.forEach((x, i) => out.push([nameOf(x) ?? '', rs.length === ls.length ? rs[i] : rs.length === 1 && i === 0 ? rs[0] : null]));
        break;
      }
      case 'assignment':
      case 'assignment_expression':
      case 'augmented_assignment':
      case 'augmented_assignment_expression': {
        const l = n.childForFieldName('left') ?? n.childForFieldName('target') ?? sx.named(n)[0];
        const r = n.childForFieldName('right') ?? n.childForFieldName('result') ?? sx.named(n).at(-1) ?? null;
        if (l && l.type !== 'pattern_list' && l.type !== 'tuple_pattern') out.push([nameOf(l) ?? '', r && r.id !== l.id ? r : null]);
        break;
      }
    }
    return out.filter(([k]) => k);
  }

  site(kind: SiteKind, api: string, at: Node, val: Val, extra: Partial<Site> & { ctxNode?: Node; inputs?: Node[]; flow?: boolean } = {}): Site {
    const { ctxNode, inputs, flow, ...rest } = extra;
    const s: Site = { kind, api, range: this.range(at), val, ctx: rest.ctx ?? this.contextOf(ctxNode ?? at, { inputs, flow }), ...rest };
    if (rest.ctx) s.ctx = rest.ctx;
    const row = s.range.start.line;
    const other = otherToolSuppression(this.ctx.lines.lineText(row)) ?? (row > 0 ? otherToolSuppression(this.ctx.lines.lineText(row - 1), true) : undefined);
    if (other) s.ctx = { ...s.ctx, otherTool: other };
    this.sites.push(s);
    return s;
  }
}

function isAncestor(a: Node, b: Node): boolean {
  return a.startIndex <= b.startIndex && b.endIndex <= a.endIndex;
}

function dedupe(xs: string[]): string[] {
  return [...new Set(xs.filter(Boolean))];
}

export function isResolvable(v: Val): boolean {
  switch (v.k) {
    case 's':
    case 'n':
    case 'b':
    case 'bytes':
    case 'cfg':
    case 'ref':
      return true;
    case 'cat':
      return v.parts.some((p) => p.k !== 'u');
    case 'alt':
      return v.opts.some(isResolvable);
    case 'fb':
      return isResolvable(v.def) || isResolvable(v.primary);
    default:
      return false;
  }
}

export function simplifyCat(parts: Val[]): Val {
  const flat: Val[] = [];
  for (const p of parts) {
    if (p.k === 'cat') flat.push(...p.parts);
    else flat.push(p);
  }
  if (flat.every((p) => p.k === 's' || p.k === 'n')) return { k: 's', v: flat.map((p) => String((p as { v: unknown }).v)).join('') };
  const merged: Val[] = [];
  for (const p of flat) {
    const prev = merged[merged.length - 1];
    if (p.k === 's' && prev?.k === 's') merged[merged.length - 1] = { k: 's', v: prev.v + p.v };
    else merged.push(p);
  }
  return merged.length === 1 ? merged[0] : { k: 'cat', parts: merged };
}

/**
 * Performance prefilter, not detection: a file none of whose text mentions any word a crypto site could
 * come from (API names, algorithm names, secret-ish names, TLS words, URL schemes, token prefixes,
 * environment / property reads) cannot produce a site, so its query is not run. Findings still come only
 * from the syntax tree. Deliberately loose: a false match costs a query, a false miss would cost a finding.
 */
export const CRYPTO_PREFILTER =
  /md[245]|sha|ripemd|digest|hash|cipher|crypt|\bdes|des[_:.(-]|3des|tripledes|rc[24]|arc4|blowfish|idea|cast5|tea|ecb|cbc|_bf_|bf-|\biv\b|nonce|aes|rsa|dsa|ecdh|ecdsa|ec_key|ecgen|diffie|secp|prime\d|curve|keygen|keypair|generatekey|key|modulus|bits|rand|rng|mt19937|minstd|ranlux|knuth|seed|pass|pwd|\bpw\b|secret|token|credential|private|hmac|jwt|pbkdf|pbe|bcrypt|scrypt|argon|rfc2898|iteration|rounds|cost|ssl|tls|verif|trust|certif|hostname|insecure|danger|reject|curlopt|protocol|http:|ws:|ftp|telnet|grpc|cleartext|akia|asia|gh[pousr]_|github_pat|xox|_live_|aiza|-----begin|glpat|sk-|tcp\(|getenv|getproperty|environ|process\.env|environmentvariable|env::var|appsettings|configurationmanager/i;

/** The analyser's collect(): facts for one file, or undefined when the language has no crypto query. */
export async function collectCrypto(file: CollectContext): Promise<CryptoFacts | undefined> {
  if (!CRYPTO_PREFILTER.test(file.lines.text)) return undefined;
  let ctx = file;
  if (ctx.language.id === 'rust') {
    const rewritten = rustMacrosAsExpressions(ctx.syntax.rootNode, ctx.lines.text, CRYPTO_PREFILTER);
    if (rewritten !== undefined) {
      const syntax = await ctx.parse(rewritten);
      ctx = { ...ctx, syntax, lines: syntax.lines };
    }
  }
  const q = await ctx.query('crypto');
  if (!q) return undefined;
  const family = familyOf(ctx.language.id);
  const scan = new Scan({ path: ctx.path, lines: ctx.lines, isTest: ctx.isTest, languageId: ctx.language.id }, family);
  const caps = q.captures(ctx.syntax.rootNode);
  const calls: Node[] = [];
  const later: { name: string; node: Node }[] = [];
  // Pass 1: imports and definitions (so that uses anywhere in the file resolve).
  for (const c of caps) {
    switch (c.name) {
      case 'import':
        modelImport(scan, c.node);
        break;
      case 'pkg':
        scan.scope = c.node.text;
        break;
      case 'assign': {
        for (const [name, value] of scan.defPairs(c.node)) scan.addDef(name, value, c.node);
        later.push({ name: 'assign', node: c.node });
        break;
      }
      case 'call':
        calls.push(c.node);
        break;
      case 'pair':
      case 'member':
      case 'method':
      case 'str':
      case 'rng':
        later.push({ name: c.name, node: c.node });
        break;
    }
  }
  if (!scan.scope) {
    const slash = ctx.path.lastIndexOf('/');
    scan.scope = slash > 0 ? ctx.path.slice(0, slash) : '';
  }
  // Buffers filled from a CSPRNG, or read from input, somewhere in the file are not constant IVs.
  for (const n of calls) {
    const sh = scan.sx.call(n);
    if (!sh || !(RANDOM_FILL.has(sh.last) || (READ_FILL.has(sh.last) && (sh.last !== 'get' || /buf/i.test(sh.recv?.text ?? ''))))) continue;
    const fn = scan.sx.enclosingFunc(n);
    const mark = (x: Node) => {
      const d = scan.sx.dotted(x);
      if (!d) return;
      const name = d.split('.').pop()!;
      scan.filled.add(`${fn ? fn.id : 0}:${name}`);
      if (/^(this|self)\./.test(d)) scan.filled.add(`*:${name}`);
    };
    for (const a of sh.args) mark(a.node);
    if (sh.recv && /^(fill|fill_bytes|try_fill_bytes)$/.test(sh.last)) mark(sh.recv);
  }
  if (scan.family === 'kotlin') for (const m of ctx.lines.text.matchAll(KOTLIN_BUFFER_GET)) scan.filled.add(`*:${m[1]}`);
  // Pass 2: the models.
  for (const n of calls) {
    const sh = scan.sx.call(n);
    if (sh) modelCall(scan, sh);
  }
  for (const l of later) {
    switch (l.name) {
      case 'assign':
        modelAssign(scan, l.node);
        break;
      case 'pair':
        modelPair(scan, l.node);
        break;
      case 'member':
        modelMember(scan, l.node);
        break;
      case 'method':
        modelMethod(scan, l.node);
        break;
      case 'str':
        modelString(scan, l.node);
        break;
      case 'rng': {
        // C++ <random> engines (std::mt19937 gen(seed);) are not cryptographic.
        const decl = l.node.childForFieldName('declarator');
        const type = l.node.childForFieldName('type')?.text ?? 'std::mt19937';
        if (decl) scan.site('rand', type, l.node, { k: 'u' }, { ctxNode: decl, needsSecurityContext: true, ctx: { ...scan.contextOf(decl, {}), names: [scan.defPairs(decl)[0]?.[0] ?? decl.text.split(/[({=\s]/)[0]] } });
        break;
      }
    }
  }
  scan.exportConsts();
  if (!scan.sites.length && !scan.consts.length) return undefined;
  return { v: 1, scope: scan.scope, sites: dedupeSites(scan.sites), consts: scan.consts };
}

function dedupeSites(sites: Site[]): Site[] {
  const seen = new Map<string, number>();
  const out: Site[] = [];
  for (const s of sites) {
    const k = `${s.kind}:${s.range.start.line}:${s.range.start.character}:${s.range.end.line}:${s.range.end.character}`;
    const at = seen.get(k);
    if (at === undefined) {
      seen.set(k, out.length);
      out.push(s);
    } else if (s.family === 'token-format' && out[at].family !== 'token-format') {
      // A value in a known credential format (a PEM key, a cloud token) is judged by its format, not by
      // the name it is assigned to (`SIGNING_KEY = '-----BEGIN …'` is found first, as an assignment).
      out[at] = s;
    }
  }
  return out;
}
