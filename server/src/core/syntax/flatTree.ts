/**
 * A JavaScript-side copy of one parsed tree: node types, ranges, fields and structure in typed arrays,
 * read once per file, so the detectors walk it at JavaScript speed.
 *
 * Why: every property of a web-tree-sitter Node (type, endIndex, children, childForFieldName…) is a call
 * into WebAssembly plus a marshalled copy of the node, and a fresh object for every node handed back.
 * Detectors that look at most of a file's nodes several times spent more time there than the parser
 * itself. Copying the tree costs one cursor walk (a few cheap calls per node) and everything after it is
 * plain array reads. The copy is immutable and lives only while one file is analysed.
 *
 * SyntaxNode mirrors the subset of web-tree-sitter's Node API the detectors use, with the same names and
 * meaning, so rules read the same against either. `id` is the node's preorder index in its tree.
 */
import type { Language, Node, Tree } from 'web-tree-sitter';
import type { LineIndex } from '../text';
import { cursorReader, type CursorReader } from './treeReader';

export interface Point {
  row: number;
  column: number;
}

const ERROR_SYMBOL = 0xffff;

/** A flat tree's arrays (plain typed arrays: structured-cloneable, their buffers transferable). */
export type FlatTreeData = CursorReader;

/** Per-language lookups shared by every tree of that language. */
interface LanguageTables {
  types: readonly string[];
  named: Uint8Array;
  fieldIds: Map<string, number>;
  fieldNames: readonly (string | null)[];
}
const tables = new WeakMap<Language, LanguageTables>();

function languageTables(language: Language): LanguageTables {
  let t = tables.get(language);
  if (!t) {
    const types = language.types;
    const named = new Uint8Array(types.length);
    for (let i = 0; i < types.length; i++) named[i] = types[i] !== undefined && language.nodeTypeIsNamed(i) ? 1 : 0;
    const fieldIds = new Map<string, number>();
    language.fields.forEach((name, id) => {
      if (name) fieldIds.set(name, id);
    });
    t = { types, named, fieldIds, fieldNames: language.fields };
    tables.set(language, t);
  }
  return t;
}

export class FlatTree {
  /** Number of nodes (the root is node 0). */
  readonly count: number;
  readonly typeIds: Uint16Array;
  readonly starts: Uint32Array;
  readonly ends: Uint32Array;
  /** Field id of each node in its parent (0: none). */
  readonly fields: Uint16Array;
  /** Parent index (-1 for the root). */
  readonly parents: Int32Array;
  /** One past the last descendant: node i's subtree is the index range [i, next[i]). */
  readonly next: Int32Array;
  private readonly lang: LanguageTables;
  /** Previous sibling of each node (-1: none), built on first use: a scan of the siblings made it quadratic. */
  private prevSiblings?: Int32Array;

  private constructor(
    readonly text: string,
    readonly lines: LineIndex,
    language: Language,
    r: CursorReader,
    /** The tree-sitter tree it was read from, for queries the JavaScript engine does not run; valid only while the caller keeps that tree. */
    readonly source?: Tree,
  ) {
    this.lang = languageTables(language);
    this.count = r.count;
    this.typeIds = r.typeIds;
    this.starts = r.starts;
    this.ends = r.ends;
    this.fields = r.fields;
    this.parents = r.parents;
    this.next = r.next;
  }

  /** Index of node i's previous sibling, or -1. */
  previousOf(i: number): number {
    if (!this.prevSiblings) {
      const prev = new Int32Array(this.count).fill(-1);
      const lastChild = new Int32Array(this.count).fill(-1);
      for (let c = 1; c < this.count; c++) {
        const p = this.parents[c];
        prev[c] = lastChild[p];
        lastChild[p] = c;
      }
      this.prevSiblings = prev;
    }
    return this.prevSiblings[i];
  }

  /** The arrays of this copy, to send to another thread (transfer their buffers) and rebuild with fromData. */
  data(): FlatTreeData {
    return { count: this.count, typeIds: this.typeIds, starts: this.starts, ends: this.ends, fields: this.fields, parents: this.parents, next: this.next };
  }

  /** A copy rebuilt from data(): without the tree-sitter tree, so queries the JavaScript engine cannot run fail. */
  static fromData(lines: LineIndex, language: Language, data: FlatTreeData): FlatTree {
    return new FlatTree(lines.text, lines, language, data);
  }

  /** Copies a parsed tree. `lines` must index the text the tree was parsed from. */
  static from(tree: Tree, lines: LineIndex, publicApi = false): FlatTree {
    return new FlatTree(lines.text, lines, tree.language, cursorReader(tree, lines.text.length, publicApi), tree);
  }

  get rootNode(): SyntaxNode {
    return new SyntaxNode(this, 0);
  }

  node(i: number): SyntaxNode {
    return new SyntaxNode(this, i);
  }

  typeName(i: number): string {
    return this.lang.types[this.typeIds[i]] || 'ERROR';
  }

  isNamed(i: number): boolean {
    const t = this.typeIds[i];
    return t === ERROR_SYMBOL || this.lang.named[t] === 1;
  }

  fieldId(name: string): number {
    return this.lang.fieldIds.get(name) ?? -1;
  }

  fieldName(id: number): string | null {
    return id === 0 ? null : (this.lang.fieldNames[id] ?? null);
  }

  /**
   * The copy of a node handed out by web-tree-sitter for the same tree (a query capture), or undefined.
   * Nodes that share a start are an ancestor chain in preorder; the first with the same type and end is it.
   */
  fromNode(n: Node): SyntaxNode | undefined {
    const start = n.startIndex;
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid] < start) lo = mid + 1;
      else hi = mid;
    }
    const end = n.endIndex;
    const type = n.typeId;
    for (let i = lo; i < this.count && this.starts[i] === start; i++) {
      if (this.ends[i] === end && this.typeIds[i] === type) return new SyntaxNode(this, i);
    }
    return undefined;
  }
}

/** One node of a FlatTree; a cheap view (tree + index), created on demand. */
export class SyntaxNode {
  constructor(
    readonly tree: FlatTree,
    readonly id: number,
  ) {}

  get typeId(): number {
    return this.tree.typeIds[this.id];
  }
  get type(): string {
    return this.tree.typeName(this.id);
  }
  get isNamed(): boolean {
    return this.tree.isNamed(this.id);
  }
  get isError(): boolean {
    return this.tree.typeIds[this.id] === ERROR_SYMBOL;
  }
  get startIndex(): number {
    return this.tree.starts[this.id];
  }
  get endIndex(): number {
    return this.tree.ends[this.id];
  }
  get text(): string {
    return this.tree.text.slice(this.tree.starts[this.id], this.tree.ends[this.id]);
  }
  get startPosition(): Point {
    const p = this.tree.lines.positionAt(this.tree.starts[this.id]);
    return { row: p.line, column: p.character };
  }
  get endPosition(): Point {
    const p = this.tree.lines.positionAt(this.tree.ends[this.id]);
    return { row: p.line, column: p.character };
  }
  /** [startRow, startColumn, endRow, endColumn] in one array: the detectors' facts store ranges so. */
  rowColRange(): [number, number, number, number] {
    const lines = this.tree.lines;
    const s = this.tree.starts[this.id];
    const e = this.tree.ends[this.id];
    const sr = lines.lineAt(s);
    const er = lines.lineAt(e);
    return [sr, s - lines.lineStarts[sr], er, e - lines.lineStarts[er]];
  }

  get parent(): SyntaxNode | null {
    const p = this.tree.parents[this.id];
    return p < 0 ? null : new SyntaxNode(this.tree, p);
  }
  get childCount(): number {
    let n = 0;
    for (let c = this.id + 1, end = this.tree.next[this.id]; c < end; c = this.tree.next[c]) n++;
    return n;
  }
  get children(): SyntaxNode[] {
    const out: SyntaxNode[] = [];
    for (let c = this.id + 1, end = this.tree.next[this.id]; c < end; c = this.tree.next[c]) out.push(new SyntaxNode(this.tree, c));
    return out;
  }
  get namedChildren(): SyntaxNode[] {
    const out: SyntaxNode[] = [];
    for (let c = this.id + 1, end = this.tree.next[this.id]; c < end; c = this.tree.next[c]) if (this.tree.isNamed(c)) out.push(new SyntaxNode(this.tree, c));
    return out;
  }
  get namedChildCount(): number {
    let n = 0;
    for (let c = this.id + 1, end = this.tree.next[this.id]; c < end; c = this.tree.next[c]) if (this.tree.isNamed(c)) n++;
    return n;
  }
  child(index: number): SyntaxNode | null {
    let k = 0;
    for (let c = this.id + 1, end = this.tree.next[this.id]; c < end; c = this.tree.next[c]) if (k++ === index) return new SyntaxNode(this.tree, c);
    return null;
  }
  namedChild(index: number): SyntaxNode | null {
    let k = 0;
    for (let c = this.id + 1, end = this.tree.next[this.id]; c < end; c = this.tree.next[c]) if (this.tree.isNamed(c) && k++ === index) return new SyntaxNode(this.tree, c);
    return null;
  }
  get firstChild(): SyntaxNode | null {
    return this.id + 1 < this.tree.next[this.id] ? new SyntaxNode(this.tree, this.id + 1) : null;
  }
  get firstNamedChild(): SyntaxNode | null {
    return this.namedChild(0);
  }
  get lastChild(): SyntaxNode | null {
    let last = -1;
    for (let c = this.id + 1, end = this.tree.next[this.id]; c < end; c = this.tree.next[c]) last = c;
    return last < 0 ? null : new SyntaxNode(this.tree, last);
  }
  get lastNamedChild(): SyntaxNode | null {
    let last = -1;
    for (let c = this.id + 1, end = this.tree.next[this.id]; c < end; c = this.tree.next[c]) if (this.tree.isNamed(c)) last = c;
    return last < 0 ? null : new SyntaxNode(this.tree, last);
  }
  get nextSibling(): SyntaxNode | null {
    const p = this.tree.parents[this.id];
    if (p < 0) return null;
    const n = this.tree.next[this.id];
    return n < this.tree.next[p] ? new SyntaxNode(this.tree, n) : null;
  }
  get nextNamedSibling(): SyntaxNode | null {
    const p = this.tree.parents[this.id];
    if (p < 0) return null;
    for (let c = this.tree.next[this.id], end = this.tree.next[p]; c < end; c = this.tree.next[c]) if (this.tree.isNamed(c)) return new SyntaxNode(this.tree, c);
    return null;
  }
  get previousSibling(): SyntaxNode | null {
    return this.previous(false);
  }
  get previousNamedSibling(): SyntaxNode | null {
    return this.previous(true);
  }
  private previous(named: boolean): SyntaxNode | null {
    let prev = this.tree.previousOf(this.id);
    while (named && prev >= 0 && !this.tree.isNamed(prev)) prev = this.tree.previousOf(prev);
    return prev < 0 ? null : new SyntaxNode(this.tree, prev);
  }

  /** The first child in the given field (as web-tree-sitter's childForFieldName). */
  childForFieldName(name: string): SyntaxNode | null {
    const f = this.tree.fieldId(name);
    if (f < 0) return null;
    for (let c = this.id + 1, end = this.tree.next[this.id]; c < end; c = this.tree.next[c]) if (this.tree.fields[c] === f) return new SyntaxNode(this.tree, c);
    return null;
  }
  childrenForFieldName(name: string): SyntaxNode[] {
    const f = this.tree.fieldId(name);
    const out: SyntaxNode[] = [];
    if (f < 0) return out;
    for (let c = this.id + 1, end = this.tree.next[this.id]; c < end; c = this.tree.next[c]) if (this.tree.fields[c] === f) out.push(new SyntaxNode(this.tree, c));
    return out;
  }
  /** The field this node fills in its parent, or null. */
  get fieldName(): string | null {
    return this.tree.fieldName(this.tree.fields[this.id]);
  }

  /** The node itself and every descendant of the given type(s), in document order (as web-tree-sitter). */
  descendantsOfType(types: string | readonly string[]): SyntaxNode[] {
    const want = typeof types === 'string' ? [types] : types;
    const out: SyntaxNode[] = [];
    for (let c = this.id, end = this.tree.next[this.id]; c < end; c++) if (want.includes(this.tree.typeName(c))) out.push(new SyntaxNode(this.tree, c));
    return out;
  }

  equals(other: SyntaxNode): boolean {
    return other.tree === this.tree && other.id === this.id;
  }
}
