/**
 * Tree-sitter queries evaluated on a FlatTree, in JavaScript.
 *
 * The grammars/<lang>/*.scm files stay tree-sitter queries (they compile with web-tree-sitter's Query, a
 * test checks that), but running them through web-tree-sitter hands every capture back as a Node that
 * costs a WebAssembly round trip per property read. These queries are small: node patterns, fields,
 * nested children, alternations, anchors, captures and the #eq? / #match? / #any-of? predicates (and their
 * #not- forms). That subset is evaluated here with the same semantics; test/core/flatQuery.test.ts checks
 * matches and captures against web-tree-sitter's on real files of every language. A query using anything
 * else (quantifiers, negated fields, sibling groups…) is refused with UnsupportedQuery, and the caller
 * runs it through web-tree-sitter instead.
 */
import type { Language, Query } from 'web-tree-sitter';
import type { FlatTree, SyntaxNode } from './flatTree';

export class UnsupportedQuery extends Error {}

export interface FlatCapture {
  name: string;
  node: SyntaxNode;
}
export interface FlatMatch {
  pattern: number;
  captures: FlatCapture[];
}

/** What the analysers need from a query, whichever engine runs it. */
export interface SyntaxQuery {
  matches(root: SyntaxNode): FlatMatch[];
  captures(root: SyntaxNode): FlatCapture[];
}

type Item =
  /** (type …) or (_ …): a named node. `types`: the type ids, or undefined for any named node. */
  | { k: 'node'; types?: Set<number>; children: Child[]; anchorFirst: boolean; anchorLast: boolean; caps: string[] }
  /** "text" (an anonymous node) or _ (any node). */
  | { k: 'anon'; types?: Set<number>; caps: string[] }
  | { k: 'alt'; alts: Item[]; caps: string[] };

interface Child {
  field?: number;
  item: Item;
  /** An anchor (.) stands between this child and the previous one. */
  immediate: boolean;
}

type Arg = { capture: string } | { text: string };
interface Predicate {
  op: string;
  args: Arg[];
  re?: RegExp;
}

interface Pattern {
  root: Item;
  predicates: Predicate[];
}

const ERROR_SYMBOL = 0xffff;

// ——— parsing ———

type Token = { t: '(' | ')' | '[' | ']' | '.' | ':' } | { t: 'id' | 'str' | 'cap' | 'pred' | 'neg' | 'quant'; v: string };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === ';') {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (/\s/.test(c)) i++;
    else if ('()[].:'.includes(c)) {
      out.push({ t: c as '(' });
      i++;
    } else if (c === '"') {
      let v = '';
      i++;
      while (i < src.length && src[i] !== '"') {
        if (src[i] === '\\' && i + 1 < src.length) {
          const e = src[++i];
          v += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e === '0' ? '\0' : e;
        } else v += src[i];
        i++;
      }
      if (i >= src.length) throw new UnsupportedQuery('unterminated string');
      i++;
      out.push({ t: 'str', v });
    } else if (c === '*' || c === '+' || c === '?') {
      out.push({ t: 'quant', v: c });
      i++;
    } else {
      const m = /^[@#!]?[A-Za-z0-9_\-.$?!]+/.exec(src.slice(i, i + 200));
      if (!m) throw new UnsupportedQuery(`unexpected "${c}"`);
      const w = m[0];
      i += w.length;
      if (w[0] === '@') out.push({ t: 'cap', v: w.slice(1) });
      else if (w[0] === '#') out.push({ t: 'pred', v: w.slice(1) });
      else if (w[0] === '!') out.push({ t: 'neg', v: w.slice(1) });
      else {
        // A field name is an identifier followed by ':'; a trailing '.' is an anchor, not part of a name.
        let id = w;
        while (id.endsWith('.') && id.length > 1) {
          id = id.slice(0, -1);
          i--;
        }
        out.push({ t: 'id', v: id });
      }
    }
  }
  return out;
}

class QueryParser {
  private pos = 0;
  readonly patterns: Pattern[] = [];
  private predicates: Predicate[] = [];

  constructor(
    private readonly toks: Token[],
    private readonly typeIds: (name: string, named: boolean) => Set<number>,
    private readonly fieldId: (name: string) => number,
  ) {
    while (this.pos < toks.length) {
      this.predicates = [];
      const root = this.topLevel();
      this.patterns.push({ root, predicates: this.predicates });
    }
  }

  private peek(o = 0): Token | undefined {
    return this.toks[this.pos + o];
  }
  private next(): Token {
    const t = this.toks[this.pos++];
    if (!t) throw new UnsupportedQuery('unexpected end of query');
    return t;
  }
  private expect(t: Token['t']): Token {
    const n = this.next();
    if (n.t !== t) throw new UnsupportedQuery(`expected ${t}, found ${n.t}`);
    return n;
  }

  /** A pattern, or a parenthesised group of one pattern and its predicates. */
  private topLevel(): Item {
    const a = this.peek();
    const b = this.peek(1);
    if (a?.t === '(' && b && (b.t === '(' || b.t === '[' || b.t === 'str')) {
      this.next();
      let item: Item | undefined;
      while (this.peek()?.t !== ')') {
        if (this.peek()?.t === '(' && this.peek(1)?.t === 'pred') this.predicate();
        else {
          if (item) throw new UnsupportedQuery('groups of sibling patterns are not supported');
          item = this.item();
        }
      }
      this.expect(')');
      if (!item) throw new UnsupportedQuery('empty group');
      return this.captures(item);
    }
    return this.item();
  }

  private captures(item: Item): Item {
    while (this.peek()?.t === 'cap') item.caps.push((this.next() as { v: string }).v);
    if (this.peek()?.t === 'quant') throw new UnsupportedQuery('quantifiers are not supported');
    return item;
  }

  private item(): Item {
    const t = this.next();
    if (t.t === '[') {
      const alts: Item[] = [];
      while (this.peek()?.t !== ']') alts.push(this.item());
      this.expect(']');
      if (!alts.length) throw new UnsupportedQuery('empty alternation');
      return this.captures({ k: 'alt', alts, caps: [] });
    }
    if (t.t === 'str') return this.captures({ k: 'anon', types: this.typeIds(t.v, false), caps: [] });
    if (t.t === 'id' && t.v === '_') return this.captures({ k: 'anon', caps: [] });
    if (t.t !== '(') throw new UnsupportedQuery(`unexpected ${t.t}`);
    const head = this.next();
    if (head.t === 'pred') throw new UnsupportedQuery('predicate outside a pattern');
    if (head.t !== 'id') throw new UnsupportedQuery(`expected a node type, found ${head.t}`);
    const node: Item & { k: 'node' } = {
      k: 'node',
      types: head.v === '_' ? undefined : this.typeIds(head.v, true),
      children: [],
      anchorFirst: false,
      anchorLast: false,
      caps: [],
    };
    let pendingAnchor = false;
    while (this.peek()?.t !== ')') {
      const p = this.peek()!;
      if (p.t === '.') {
        this.next();
        if (node.children.length === 0) node.anchorFirst = true;
        else pendingAnchor = true;
        continue;
      }
      if (p.t === '(' && this.peek(1)?.t === 'pred') {
        this.predicate();
        continue;
      }
      if (p.t === 'neg') throw new UnsupportedQuery('negated fields are not supported');
      let field: number | undefined;
      if (p.t === 'id' && this.peek(1)?.t === ':') {
        this.next();
        this.next();
        field = this.fieldId(p.v);
        if (field < 0) throw new UnsupportedQuery(`unknown field ${p.v}`);
      }
      node.children.push({ field, item: this.item(), immediate: pendingAnchor });
      pendingAnchor = false;
    }
    this.expect(')');
    if (pendingAnchor) node.anchorLast = true;
    return this.captures(node);
  }

  private predicate(): void {
    this.expect('(');
    const op = (this.expect('pred') as { v: string }).v;
    const args: Arg[] = [];
    while (this.peek()?.t !== ')') {
      const a = this.next();
      if (a.t === 'cap') args.push({ capture: a.v });
      else if (a.t === 'str' || a.t === 'id') args.push({ text: a.v });
      else throw new UnsupportedQuery(`bad predicate argument ${a.t}`);
    }
    this.expect(')');
    const pred: Predicate = { op, args };
    if (op === 'match?' || op === 'not-match?') {
      const re = args[1];
      if (!re || !('text' in re) || !('capture' in args[0])) throw new UnsupportedQuery(`#${op} needs a capture and a pattern`);
      pred.re = new RegExp(re.text);
    } else if (!['eq?', 'not-eq?', 'any-of?', 'not-any-of?'].includes(op)) {
      throw new UnsupportedQuery(`predicate #${op} is not supported`);
    }
    this.predicates.push(pred);
  }
}

// ——— matching ———

type Caps = readonly (readonly [string, number])[];

export class FlatQuery implements SyntaxQuery {
  private readonly patterns: Pattern[];
  /** Patterns by the type id their root can have (an array: looked up once per node); `anyRoot`: patterns whose root can be any node. */
  private readonly byType: (number[] | undefined)[] = [];
  private errorRoots?: number[];
  private readonly anyRoot: number[] = [];

  constructor(language: Language, source: string) {
    const types = language.types;
    const ids = new Map<string, { named: number[]; anon: number[] }>();
    for (let id = 0; id < types.length; id++) {
      const name = types[id];
      if (name === undefined || !language.nodeTypeIsVisible(id)) continue;
      let e = ids.get(name);
      if (!e) ids.set(name, (e = { named: [], anon: [] }));
      (language.nodeTypeIsNamed(id) ? e.named : e.anon).push(id);
    }
    const typeIds = (name: string, named: boolean): Set<number> => {
      if (named && name === 'ERROR') return new Set([ERROR_SYMBOL]);
      const e = ids.get(name);
      const found = e ? (named ? e.named : e.anon) : [];
      if (!found.length) throw new UnsupportedQuery(`unknown node type ${named ? name : JSON.stringify(name)}`);
      return new Set(found);
    };
    const fieldId = (name: string): number => language.fields.indexOf(name);
    this.patterns = new QueryParser(tokenize(source), typeIds, fieldId).patterns;
    this.patterns.forEach((p, i) => {
      const roots = rootTypes(p.root);
      if (!roots) this.anyRoot.push(i);
      else
        for (const t of roots) {
          if (t === ERROR_SYMBOL) (this.errorRoots ??= []).push(i);
          else (this.byType[t] ??= []).push(i);
        }
    });
  }

  get patternCount(): number {
    return this.patterns.length;
  }

  matches(root: SyntaxNode): FlatMatch[] {
    const t = root.tree;
    const out: FlatMatch[] = [];
    const end = t.next[root.id];
    for (let i = root.id; i < end; i++) {
      const type = t.typeIds[i];
      const list = type === ERROR_SYMBOL ? this.errorRoots : this.byType[type];
      if (!list && !this.anyRoot.length) continue;
      const pats = !list ? this.anyRoot : this.anyRoot.length ? [...list, ...this.anyRoot].sort((a, b) => a - b) : list;
      for (const p of pats) {
        const pattern = this.patterns[p];
        // Alternative paths can reach the same captures; tree-sitter reports such a match once.
        const seen = hasChoices(pattern.root) ? new Set<string>() : undefined;
        matchItem(t, pattern.root, i, [], (caps) => {
          if (pattern.predicates.length && !predicatesHold(t, pattern.predicates, caps)) return;
          if (seen) {
            const key = caps.map((c) => `${c[0]}:${c[1]}`).join(',');
            if (seen.has(key)) return;
            seen.add(key);
          }
          out.push({ pattern: p, captures: caps.map(([name, n]) => ({ name, node: t.node(n) })) });
        });
      }
    }
    return out;
  }

  captures(root: SyntaxNode): FlatCapture[] {
    const all: { c: FlatCapture; p: number }[] = [];
    for (const m of this.matches(root)) for (const c of m.captures) all.push({ c, p: m.pattern });
    all.sort((a, b) => a.c.node.startIndex - b.c.node.startIndex || b.c.node.endIndex - a.c.node.endIndex || a.p - b.p);
    return all.map((x) => x.c);
  }
}

/** Whether an item can match one node in more than one way (children to choose among, alternations). */
function hasChoices(item: Item): boolean {
  return item.k === 'alt' || (item.k === 'node' && item.children.length > 0);
}

/** The type ids a pattern's root can have, or undefined when any. */
function rootTypes(item: Item): Set<number> | undefined {
  if (item.k === 'alt') {
    const all = new Set<number>();
    for (const a of item.alts) {
      const t = rootTypes(a);
      if (!t) return undefined;
      for (const x of t) all.add(x);
    }
    return all;
  }
  return item.types;
}

function withCaps(item: Item, node: number, caps: Caps): Caps {
  return item.caps.length ? [...caps, ...item.caps.map((c) => [c, node] as const)] : caps;
}

/** Calls `k` once for every way `item` matches node `i`, with the captures so far. */
function matchItem(t: FlatTree, item: Item, i: number, caps: Caps, k: (caps: Caps) => void): void {
  switch (item.k) {
    case 'anon':
      if (item.types && (t.isNamed(i) || !item.types.has(t.typeIds[i]))) return;
      k(withCaps(item, i, caps));
      return;
    case 'alt': {
      for (const a of item.alts) matchItem(t, a, i, caps, (c) => k(withCaps(item, i, c)));
      return;
    }
    case 'node': {
      if (!t.isNamed(i)) return;
      if (item.types && !item.types.has(t.typeIds[i])) return;
      const own = withCaps(item, i, caps);
      if (!item.children.length) {
        k(own);
        return;
      }
      const kids: number[] = [];
      for (let c = i + 1, end = t.next[i]; c < end; c = t.next[c]) kids.push(c);
      matchChildren(t, item, kids, 0, 0, -1, own, k);
      return;
    }
  }
}

/** Whether a child pattern looks only at named nodes (so anchors skip anonymous ones). */
function namedOnly(item: Item): boolean {
  return item.k === 'node' || (item.k === 'alt' && item.alts.every(namedOnly));
}

function matchChildren(t: FlatTree, parent: Item & { k: 'node' }, kids: number[], ci: number, from: number, prev: number, caps: Caps, k: (caps: Caps) => void): void {
  if (ci === parent.children.length) {
    if (parent.anchorLast) {
      const last = parent.children[ci - 1];
      const named = namedOnly(last.item);
      for (let j = prev + 1; j < kids.length; j++) if (!named || t.isNamed(kids[j])) return;
    }
    k(caps);
    return;
  }
  const child = parent.children[ci];
  const named = namedOnly(child.item);
  const anchored = (ci === 0 && parent.anchorFirst) || child.immediate;
  for (let j = from; j < kids.length; j++) {
    const kid = kids[j];
    if (child.field === undefined || t.fields[kid] === child.field) {
      matchItem(t, child.item, kid, caps, (c) => matchChildren(t, parent, kids, ci + 1, j + 1, j, c, k));
    }
    // An anchored child must be the first (named) one after the previous match: stop at the first that counts.
    if (anchored && (!named || t.isNamed(kid))) break;
  }
}

function predicatesHold(t: FlatTree, preds: readonly Predicate[], caps: Caps): boolean {
  for (const p of preds) {
    const texts = (a: Arg): string[] | undefined => {
      if ('text' in a) return [a.text];
      const nodes = caps.filter((c) => c[0] === a.capture);
      return nodes.length ? nodes.map((c) => t.text.slice(t.starts[c[1]], t.ends[c[1]])) : undefined;
    };
    const first = texts(p.args[0]);
    // As web-tree-sitter: a predicate on a capture that did not take part in the match holds.
    if (!first) continue;
    switch (p.op) {
      case 'eq?':
      case 'not-eq?': {
        const other = texts(p.args[1]);
        if (!other) continue;
        const eq = first.every((x) => other.includes(x));
        if (eq !== (p.op === 'eq?')) return false;
        break;
      }
      case 'match?':
      case 'not-match?': {
        const ok = first.every((x) => p.re!.test(x));
        if (ok !== (p.op === 'match?')) return false;
        break;
      }
      case 'any-of?':
      case 'not-any-of?': {
        const values = p.args.slice(1).map((a) => ('text' in a ? a.text : ''));
        const ok = first.every((x) => values.includes(x));
        if (ok !== (p.op === 'any-of?')) return false;
        break;
      }
    }
  }
  return true;
}

/** A web-tree-sitter Query behind the same interface, its nodes mapped onto the flat tree. */
export function treeSitterQuery(q: Query): SyntaxQuery {
  const within = (root: SyntaxNode, n: SyntaxNode) => n.startIndex >= root.startIndex && n.endIndex <= root.endIndex;
  const source = (root: SyntaxNode) => {
    if (!root.tree.source) throw new Error('this flat tree no longer has its tree-sitter tree');
    return root.tree.source.rootNode;
  };
  return {
    matches(root) {
      const out: FlatMatch[] = [];
      for (const m of q.matches(source(root))) {
        const captures: FlatCapture[] = [];
        for (const c of m.captures) {
          const node = root.tree.fromNode(c.node);
          if (node) captures.push({ name: c.name, node });
        }
        if (captures.length && captures.every((c) => within(root, c.node))) out.push({ pattern: m.patternIndex, captures });
      }
      return out;
    },
    captures(root) {
      const out: FlatCapture[] = [];
      for (const c of q.captures(source(root))) {
        const node = root.tree.fromNode(c.node);
        if (node && within(root, node)) out.push({ name: c.name, node });
      }
      return out;
    },
  };
}
