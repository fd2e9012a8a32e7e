/**
 * Syntax access shared by both detectors: what is a call and its arguments, a member access, a string (with
 * interpolations), a number, a definition, a key/value pair, a function — read through the node-type table of
 * the file's language family (families/). Everything that uses it is language-neutral.
 */
import type { SyntaxNode as Node } from '../syntax/flatTree';
import type { Family, SyntaxTable } from './family';
import { FAMILIES } from './families';

export { familyOf, type Family } from './family';

type Table = SyntaxTable;

export interface Arg {
  /** Keyword / named argument name. */
  name?: string;
  node: Node;
}

/** No arguments, as an array of the same elements kind as a filled one (a `[]` literal is another kind, and
 * mixing the two made the detectors' optimised code deoptimise). Shared: never mutated. */
const NO_ARGS: Arg[] = [{ name: undefined, node: undefined as unknown as Node }].slice(0, 0);

export interface CallShape {
  node: Node;
  /** The callee as written, dotted: `crypto.createHash`, `hashlib.md5`, `Random().nextInt` (calls as `X()`). */
  callee: string;
  /** Last segment of the callee (method or function name). */
  last: string;
  calleeNode: Node;
  /** Receiver of a member call. */
  recv?: Node;
  args: Arg[];
  isNew: boolean;
  /** Trailing lambda / initializer block (Kotlin, Swift, C# object initializers). */
  block?: Node;
}

const setsByFamily = new Map<Family, Record<keyof Omit<Table, 'statements'>, Set<string>>>();
/** The node-type tables of a family as sets, built once per family (a Syntax is made per file). */
function familySets(family: Family): Record<keyof Omit<Table, 'statements'>, Set<string>> {
  let sets = setsByFamily.get(family);
  if (!sets) {
    sets = Object.fromEntries(Object.entries(FAMILIES[family].syntax).filter(([k]) => k !== 'statements').map(([k, v]) => [k, new Set(v as string[])])) as never;
    setsByFamily.set(family, sets!);
  }
  return sets!;
}

/** A call whose arguments are read when first asked for (a prototype getter: defining one per object was slow). */
class LazyArgsCall implements CallShape {
  node: Node;
  callee: string;
  last: string;
  calleeNode: Node;
  recv?: Node;
  isNew: boolean;
  block?: Node;
  private argList?: Arg[];
  constructor(
    base: Omit<CallShape, 'args'>,
    private readonly read: () => Arg[],
  ) {
    this.node = base.node;
    this.callee = base.callee;
    this.last = base.last;
    this.calleeNode = base.calleeNode;
    this.recv = base.recv;
    this.isNew = base.isNew;
    this.block = base.block;
  }
  get args(): Arg[] {
    return (this.argList ??= this.read());
  }
}

export class Syntax {
  readonly t: Table;
  private readonly sets: Record<keyof Omit<Table, 'statements'>, Set<string>>;

  constructor(readonly family: Family) {
    this.t = FAMILIES[family].syntax;
    this.sets = familySets(family);
  }

  is(kind: keyof Omit<Table, 'statements'>, n: Node | null | undefined): boolean {
    return !!n && this.sets[kind].has(n.type);
  }

  isStatement(n: Node): boolean {
    return this.t.statements.test(n.type);
  }

  named(n: Node): Node[] {
    const out: Node[] = [];
    for (const c of n.namedChildren) if (c && !this.sets.comments.has(c.type)) out.push(c);
    return out;
  }

  /** Strips parentheses, awaits, casts and similar wrappers. */
  strip(n: Node): Node {
    for (let i = 0; i < 8; i++) {
      if (this.sets.parens.has(n.type) || this.sets.unwrap.has(n.type)) {
        const inner =
          n.childForFieldName('value') ??
          n.childForFieldName('operand') ??
          n.childForFieldName('expression') ??
          n.childForFieldName('target') ??
          n.childForFieldName('expr') ??
          this.named(n).find((c) => !/type|operator/.test(c.type));
        if (n.type === 'type_conversion_expression' || n.type === 'cast_expression' || n.type === 'tuple_expression') {
          if (n.type === 'tuple_expression' && this.named(n).length !== 1) return n;
        }
        if (!inner) return n;
        n = inner;
      } else if (this.family === 'c' && n.type === 'argument_list') return n;
      else return n;
    }
    return n;
  }

  identText(n: Node): string | undefined {
    if (this.sets.idents.has(n.type)) return n.text;
    if (this.family === 'kotlin' && n.type === 'this_expression') return 'this';
    return undefined;
  }

  /** `a.b` parts, or undefined when the node is no member access with a plain name. */
  member(n: Node): { obj: Node; prop: string; propNode: Node } | undefined {
    if (!this.sets.members.has(n.type)) return undefined;
    switch (n.type) {
      case 'member_expression': {
        const obj = n.childForFieldName('object');
        const p = n.childForFieldName('property');
        return obj && p ? { obj, prop: p.text, propNode: p } : undefined;
      }
      case 'subscript_expression': {
        const obj = n.childForFieldName('object');
        const i = n.childForFieldName('index');
        const key = i && this.is('strings', i) ? plainString(this, i) : undefined;
        return obj && i && key !== undefined ? { obj, prop: key, propNode: i } : undefined;
      }
      case 'attribute': {
        const obj = n.childForFieldName('object');
        const p = n.childForFieldName('attribute');
        return obj && p ? { obj, prop: p.text, propNode: p } : undefined;
      }
      case 'subscript': {
        const obj = n.childForFieldName('value');
        const i = n.childForFieldName('subscript');
        const key = i && this.is('strings', i) ? plainString(this, i) : undefined;
        return obj && i && key !== undefined ? { obj, prop: key, propNode: i } : undefined;
      }
      case 'field_access': {
        const obj = n.childForFieldName('object');
        const p = n.childForFieldName('field');
        return obj && p ? { obj, prop: p.text, propNode: p } : undefined;
      }
      case 'scoped_identifier':
      case 'scoped_type_identifier': {
        const kids = this.named(n);
        const obj = n.childForFieldName('scope') ?? n.childForFieldName('path') ?? (kids.length >= 2 ? kids[0] : null);
        const p = n.childForFieldName('name') ?? kids.at(-1);
        return obj && p ? { obj, prop: p.text, propNode: p } : undefined;
      }
      case 'navigation_expression': {
        if (this.family === 'swift') {
          const obj = n.childForFieldName('target');
          const suf = n.childForFieldName('suffix');
          const p = suf?.childForFieldName('suffix') ?? suf?.namedChildren.at(-1);
          return obj && p ? { obj, prop: p.text, propNode: p } : undefined;
        }
        const kids = this.named(n);
        if (kids.length < 2) return undefined;
        const last = kids[kids.length - 1];
        const p = last.type === 'navigation_suffix' ? last.namedChildren.at(-1) ?? last : last;
        return { obj: kids[0], prop: p.text.replace(/^\??\./, ''), propNode: p };
      }
      case 'member_access_expression': {
        const obj = n.childForFieldName('expression');
        const p = n.childForFieldName('name');
        return obj && p ? { obj, prop: p.text, propNode: p } : undefined;
      }
      case 'element_access_expression': {
        const obj = n.childForFieldName('expression');
        const sub = n.childForFieldName('subscript');
        const a = sub ? this.named(sub)[0] : undefined;
        const s = a ? this.named(a)[0] ?? a : undefined;
        const key = s && this.is('strings', s) ? plainString(this, s) : undefined;
        return obj && s && key !== undefined ? { obj, prop: key, propNode: s } : undefined;
      }
      case 'qualified_name': {
        const obj = n.childForFieldName('qualifier');
        const p = n.childForFieldName('name');
        return obj && p ? { obj, prop: p.text, propNode: p } : undefined;
      }
      case 'selector_expression': {
        const obj = n.childForFieldName('operand');
        const p = n.childForFieldName('field');
        return obj && p ? { obj, prop: p.text, propNode: p } : undefined;
      }
      case 'qualified_type': {
        const obj = n.childForFieldName('package');
        const p = n.childForFieldName('name');
        return obj && p ? { obj, prop: p.text, propNode: p } : undefined;
      }
      case 'field_expression': {
        const obj = n.childForFieldName('value') ?? n.childForFieldName('argument');
        const p = n.childForFieldName('field');
        return obj && p ? { obj, prop: p.text, propNode: p } : undefined;
      }
      case 'qualified_identifier': {
        const obj = n.childForFieldName('scope');
        const p = n.childForFieldName('name');
        return obj && p ? { obj, prop: p.text, propNode: p } : undefined;
      }
    }
    return undefined;
  }

  /** Dotted text of an identifier / member chain; calls in the chain appear as `callee()`. */
  dotted(n: Node | null | undefined, depth = 0): string | undefined {
    if (!n) return undefined;
    if (depth > 12) {
      this.cutOff = true;
      return undefined;
    }
    n = this.strip(n);
    const id = this.identText(n);
    if (id !== undefined) return id;
    if (this.family === 'swift' && n.type === 'prefix_expression') {
      const t = n.childForFieldName('target');
      return t ? '.' + t.text : undefined;
    }
    if (this.family === 'rust' && n.type === 'generic_type') return this.dotted(n.childForFieldName('type'), depth + 1);
    if ((this.family === 'java' || this.family === 'c' || this.family === 'rust') && /^(scoped_type_identifier|generic_type|template_type)$/.test(n.type)) {
      const inner = n.childForFieldName('name') ?? this.named(n)[0];
      if (n.type === 'scoped_type_identifier') {
        const m = this.member(n);
        if (m) {
          const o = this.dotted(m.obj, depth + 1);
          return o ? `${o}.${m.prop}` : m.prop;
        }
      }
      return inner ? this.dotted(inner, depth + 1) : undefined;
    }
    if (n.type === 'predefined_type' || n.type === 'primitive_type' || n.type === 'user_type' || n.type === 'array_type' || n.type === 'generic_name') {
      return n.type === 'user_type' ? this.named(n).map((c) => c.text).join('.') : n.type === 'generic_name' ? this.named(n)[0]?.text : n.text;
    }
    if (n.type === 'qualified_type' && this.family !== 'go') return n.text;
    const m = this.member(n);
    if (m) {
      const o = this.dotted(m.obj, depth + 1);
      return o ? `${o}.${m.prop}` : `?.${m.prop}`;
    }
    if (this.sets.calls.has(n.type)) {
      const c = this.call(n, depth + 1);
      // require('crypto').createHash → crypto.createHash
      if (c && this.family === 'js' && c.callee === 'require' && c.args[0] && this.is('strings', c.args[0].node)) {
        const mod = plainString(this, c.args[0].node);
        if (mod) return mod.replace(/^node:/, '');
      }
      return c ? `${c.callee}()` : undefined;
    }
    return undefined;
  }

  private readonly callCache = new Map<number, CallShape | null>();
  /** Set when dotted() stopped at its depth limit: a shape read then is incomplete. */
  private cutOff = false;

  /** The call's shape (cached per node), or undefined when the node is not a call we can read. */
  call(n: Node, depth = 0): CallShape | undefined {
    const hit = this.callCache.get(n.id);
    if (hit !== undefined) return hit ?? undefined;
    const outer = this.cutOff;
    this.cutOff = false;
    const shape = this.readCall(n, depth);
    // A shape whose callee text was cut off at dotted()'s depth limit ('?': read as part of a long chain) is
    // not cached: the cached copy hid the call itself when read from the top
    // (`MessageDigest.getInstance("MD5").digest(b).joinToString("") { … }.uppercase()` lost its hash).
    if (!this.cutOff) this.callCache.set(n.id, shape ?? null);
    this.cutOff ||= outer;
    return shape;
  }

  /** A CallShape whose argument list is read on first use. */
  private shape(base: Omit<CallShape, 'args'>, argsNode: Node | null): CallShape {
    return new LazyArgsCall(base, () => this.args(argsNode));
  }

  /** The same call seen from an enclosing node with a trailing block (Kotlin `f(x) { … }`), same shape. */
  withBlock(call: CallShape, node: Node, block: Node): CallShape {
    return new LazyArgsCall({ ...call, node, block }, () => call.args);
  }

  private readCall(n: Node, depth = 0): CallShape | undefined {
    let calleeNode: Node | null = null;
    let argsNode: Node | null = null;
    let isNew = false;
    let block: Node | undefined;
    switch (n.type) {
      case 'call_expression':
        if (this.family === 'kotlin' || this.family === 'swift') {
          const kids = this.named(n);
          calleeNode = kids[0] ?? null;
          for (const k of kids.slice(1)) {
            if (k.type === 'value_arguments') argsNode = k;
            else if (k.type === 'call_suffix') {
              for (const s of this.named(k)) {
                if (s.type === 'value_arguments') argsNode = s;
                else if (s.type === 'lambda_literal' || s.type === 'annotated_lambda') block = s;
              }
            } else if (k.type === 'annotated_lambda' || k.type === 'lambda_literal') block = k;
          }
        } else {
          calleeNode = n.childForFieldName('function');
          argsNode = n.childForFieldName('arguments');
        }
        break;
      case 'new_expression':
        calleeNode = n.childForFieldName('constructor') ?? n.childForFieldName('type');
        argsNode = n.childForFieldName('arguments');
        isNew = true;
        break;
      case 'call':
        calleeNode = n.childForFieldName('function');
        argsNode = n.childForFieldName('arguments');
        break;
      case 'method_invocation': {
        const name = n.childForFieldName('name');
        const obj = n.childForFieldName('object');
        argsNode = n.childForFieldName('arguments');
        if (!name) return undefined;
        const o = obj ? this.dotted(obj, depth + 1) ?? '?' : undefined;
        return this.shape(
          {
            node: n,
            callee: o ? `${o}.${name.text}` : name.text,
            last: name.text,
            calleeNode: name,
            recv: obj ?? undefined,
            isNew: false,
          },
          argsNode,
        );
      }
      case 'object_creation_expression':
      case 'implicit_object_creation_expression':
        calleeNode = n.childForFieldName('type');
        argsNode = n.childForFieldName('arguments');
        block = n.childForFieldName('initializer') ?? this.named(n).find((c) => c.type === 'initializer_expression' || c.type === 'class_body') ?? undefined;
        isNew = true;
        break;
      case 'invocation_expression':
        calleeNode = n.childForFieldName('function');
        argsNode = n.childForFieldName('arguments');
        break;
      case 'constructor_expression':
        calleeNode = n.childForFieldName('constructed_type') ?? this.named(n)[0] ?? null;
        argsNode = this.named(n).find((c) => c.type === 'constructor_suffix' || c.type === 'value_arguments') ?? null;
        if (argsNode?.type === 'constructor_suffix') argsNode = this.named(argsNode).find((c) => c.type === 'value_arguments') ?? null;
        isNew = true;
        break;
      default:
        return undefined;
    }
    if (!calleeNode) return undefined;
    const inner = this.strip(calleeNode);
    const callee = this.dotted(inner, depth + 1) ?? '?';
    const m = this.member(inner);
    const last = callee.slice(callee.lastIndexOf('.') + 1) || callee;
    // Kotlin and Swift construct without `new`: a call of a capitalised name is a constructor call.
    if ((this.family === 'kotlin' || this.family === 'swift') && /^[A-Z]/.test(last)) isNew = true;
    return this.shape({ node: n, callee, last, calleeNode: inner, recv: m?.obj, isNew, block }, argsNode);
  }

  args(argsNode: Node | null | undefined): Arg[] {
    if (!argsNode) return NO_ARGS;
    const out: Arg[] = [];
    for (const a of this.named(argsNode)) {
      // (One small function per grammar's argument node: compiled, and recompiled, each on its own.)
      switch (a.type) {
        case 'keyword_argument':
          this.keywordArg(a, out);
          break;
        case 'argument':
          this.csharpArg(a, out);
          break;
        case 'value_argument':
          this.valueArg(a, out);
          break;
        case 'named_argument':
        case 'keyword_argument_list':
          break;
        default:
          out.push({ name: undefined, node: a });
      }
    }
    return out.length ? out : NO_ARGS;
  }

  /** Python `name=value`. */
  private keywordArg(a: Node, out: Arg[]): void {
    const name = a.childForFieldName('name');
    const value = a.childForFieldName('value');
    if (value) out.push({ name: name?.text, node: value });
  }

  /** C#: argument (name: identifier)? expression. */
  private csharpArg(a: Node, out: Arg[]): void {
    const name = a.childForFieldName('name');
    const kids = this.named(a).filter((c) => !name || c.id !== name.id);
    const v = kids.find((c) => c.type !== 'name_colon' && c.type !== 'ref' && c.type !== 'out') ?? kids[0];
    const nc = this.named(a).find((c) => c.type === 'name_colon');
    if (v) out.push({ name: name?.text ?? nc?.text.replace(/:$/, '').trim(), node: v });
  }

  /** Kotlin `(identifier '=')? expression`, Swift `label: value`. */
  private valueArg(a: Node, out: Arg[]): void {
    if (this.family === 'swift') {
      const label = a.childForFieldName('name');
      const value = a.childForFieldName('value');
      if (value) out.push({ name: label?.text, node: value });
      return;
    }
    const kids = this.named(a);
    const hasEq = a.children.some((c) => c && c.type === '=');
    if (hasEq && kids.length >= 2) out.push({ name: kids[0].text, node: kids[kids.length - 1] });
    else if (kids.length) out.push({ name: undefined, node: kids[kids.length - 1] });
  }

  /** Text of a string literal with no interpolation, or undefined. */
  plain(n: Node): string | undefined {
    return plainString(this, n);
  }

  /** Is this node a function-like scope? */
  isFunc(n: Node): boolean {
    return this.sets.funcs.has(n.type);
  }

  /** The innermost enclosing function node. */
  enclosingFunc(n: Node): Node | undefined {
    for (let p = n.parent; p; p = p.parent) if (this.sets.funcs.has(p.type)) return p;
    return undefined;
  }

  /** Name of a function node (or of the variable / property a function expression is bound to). */
  funcName(fn: Node): string | undefined {
    const name = fn.childForFieldName('name');
    if (name) return name.text;
    if (fn.type === 'function_definition' && this.family === 'c') {
      let d = fn.childForFieldName('declarator');
      for (let i = 0; d && i < 5; i++) {
        if (d.type === 'identifier' || d.type === 'field_identifier') return d.text;
        if (d.type === 'qualified_identifier') return d.childForFieldName('name')?.text;
        d = d.childForFieldName('declarator');
      }
      return undefined;
    }
    if (fn.type === 'function_declaration' && this.family === 'kotlin') {
      return this.named(fn).find((c) => c.type === 'identifier' || c.type === 'simple_identifier')?.text;
    }
    const p = fn.parent;
    if (!p) return undefined;
    if (p.type === 'variable_declarator') return (p.childForFieldName('name') ?? this.named(p)[0])?.text;
    if (p.type === 'pair') return p.childForFieldName('key')?.text;
    if (p.type === 'assignment_expression' || p.type === 'assignment') {
      const l = p.childForFieldName('left');
      return l ? this.dotted(l)?.split('.').pop() : undefined;
    }
    return undefined;
  }
}

/** Characters of a string node's own text, quotes removed (for verbatim / raw forms without children). */
function stripQuotes(t: string): string {
  const m = /^[a-zA-Z@$]*(r#*|#*)?("""|'''|"|'|`)([\s\S]*)\2#*$/.exec(t);
  return m ? m[3] : t;
}

export function unescape(s: string): string {
  return s.replace(/\\(x[0-9a-fA-F]{2}|u\{?[0-9a-fA-F]{4,6}\}?|[0-7]{1,3}|.)/g, (_, e: string) => {
    if (e[0] === 'x') return String.fromCharCode(parseInt(e.slice(1), 16));
    if (e[0] === 'u') return String.fromCodePoint(parseInt(e.replace(/[u{}]/g, ''), 16));
    if (/^[0-7]+$/.test(e)) return String.fromCharCode(parseInt(e, 8));
    return ({ n: '\n', t: '\t', r: '\r', '0': '\0', b: '\b', f: '\f', v: '\v' } as Record<string, string>)[e] ?? e;
  });
}

export interface StringParts {
  /** Literal pieces and interpolated expression nodes, in order. */
  parts: (string | Node)[];
  /** b"…" / byte string. */
  bytes: boolean;
}

/** Pieces of a string literal node; undefined if it is not one. */
export function stringParts(sx: Syntax, n: Node): StringParts | undefined {
  if (!sx.is('strings', n)) return undefined;
  if (n.type === 'concatenated_string') {
    const out: (string | Node)[] = [];
    let bytes = false;
    for (const c of sx.named(n)) {
      const p = stringParts(sx, c);
      if (!p) continue;
      out.push(...p.parts);
      bytes ||= p.bytes;
    }
    return { parts: out, bytes };
  }
  const parts: (string | Node)[] = [];
  let sawContent = false;
  let prefix = '';
  for (const c of n.namedChildren) {
    if (!c) continue;
    if (sx.t.content.includes(c.type)) {
      parts.push(c.text);
      sawContent = true;
    } else if (sx.t.escape.includes(c.type)) {
      parts.push(unescape(c.text));
      sawContent = true;
    } else if (sx.t.interp.includes(c.type)) {
      const inner = c.childForFieldName('expression') ?? c.childForFieldName('value') ?? sx.named(c).find((x) => !/brace|format/.test(x.type));
      parts.push(inner ?? c);
      sawContent = true;
    } else if (c.type === 'string_start') prefix = c.text;
  }
  const text = n.text;
  if (!sawContent) {
    // Empty string, or a literal kind without content children (verbatim, raw).
    const inner = stripQuotes(text);
    if (inner && inner !== text) parts.push(n.type.startsWith('verbatim') ? inner.replace(/""/g, '"') : inner);
  }
  const head = prefix || text.slice(0, 2);
  const bytes = /^[rR]?[bB]|^[bB][rR]?['"]/.test(head) || (sx.family === 'rust' && text.startsWith('b'));
  return { parts, bytes };
}

export function plainString(sx: Syntax, n: Node): string | undefined {
  const p = stringParts(sx, n);
  if (!p || p.parts.some((x) => typeof x !== 'string')) return undefined;
  return (p.parts as string[]).join('');
}

/** Numeric value of a number literal. */
export function numberValue(text: string): number | undefined {
  const t = text.replace(/_/g, '').replace(/[uUlLfFdDmM]+$/, '').replace(/(i|u)(8|16|32|64|128|size)$/, '');
  const v = /^0[xX]/.test(t) ? parseInt(t, 16) : /^0[bB]/.test(t) ? parseInt(t.slice(2), 2) : /^0[oO]/.test(t) ? parseInt(t.slice(2), 8) : Number(t);
  return Number.isFinite(v) ? v : undefined;
}
