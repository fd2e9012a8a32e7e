/**
 * Reads a whole web-tree-sitter tree into typed arrays (preorder) with one cursor walk.
 *
 * Fast path: web-tree-sitter's public TreeCursor copies the cursor state between JavaScript and the
 * WebAssembly "transfer buffer" around every call, through a generic setValue/getValue; for a walk that
 * visits every node that copying is most of the cost. The C side of each cursor call reads the cursor from
 * the transfer buffer and writes it back there, so consecutive raw calls can leave it in place: we write the
 * state once, make the raw calls (the same exported functions the public API calls), and hand the final
 * state back to the TreeCursor object before deleting it. This relies on web-tree-sitter's binding layout
 * (pinned in package.json); test/core/flatTree.test.ts compares both paths with the Node API on every
 * grammar, and if the binding is not the shape we expect we take the public API path, which is slower but
 * needs nothing internal.
 */
import type { Tree, TreeCursor } from 'web-tree-sitter';

export interface CursorReader {
  count: number;
  typeIds: Uint16Array;
  starts: Uint32Array;
  ends: Uint32Array;
  fields: Uint16Array;
  parents: Int32Array;
  next: Int32Array;
}

/** The exported WebAssembly functions of web-tree-sitter's Emscripten module that the fast path calls. */
interface Binding {
  HEAP32: Int32Array;
  _ts_init(): number;
  _ts_tree_cursor_goto_first_child_wasm(tree: number): number;
  _ts_tree_cursor_goto_next_sibling_wasm(tree: number): number;
  _ts_tree_cursor_goto_parent_wasm(tree: number): number;
  _ts_tree_cursor_current_node_type_id_wasm(tree: number): number;
  _ts_tree_cursor_start_index_wasm(tree: number): number;
  _ts_tree_cursor_end_index_wasm(tree: number): number;
  _ts_tree_cursor_current_field_id_wasm(tree: number): number;
}

let binding: Binding | undefined;
let transferBuffer = 0;

const MODULE_KEY = Symbol.for('medtrace.treeSitterModule');

/**
 * Called with web-tree-sitter's Parser class and the options object given to Parser.init: Emscripten
 * fills that object in as the module. Only the first Parser.init of a web-tree-sitter instance creates the
 * module, so the module is remembered on that instance's Parser class, where a second copy of this code
 * sharing the instance (test bundles) finds it. If no module of the expected shape is found, trees are
 * read through the public API.
 */
export function registerTreeSitterModule(parserClass: object, options: object): void {
  const owner = parserClass as { [MODULE_KEY]?: object };
  if (isBinding(options)) owner[MODULE_KEY] ??= options;
  const m = owner[MODULE_KEY];
  if (m && isBinding(m)) {
    binding = m;
    transferBuffer = binding._ts_init();
  }
}

function isBinding(m: object): m is Binding {
  const b = m as Partial<Binding>;
  const needed: (keyof Binding)[] = [
    '_ts_init',
    '_ts_tree_cursor_goto_first_child_wasm',
    '_ts_tree_cursor_goto_next_sibling_wasm',
    '_ts_tree_cursor_goto_parent_wasm',
    '_ts_tree_cursor_current_node_type_id_wasm',
    '_ts_tree_cursor_start_index_wasm',
    '_ts_tree_cursor_end_index_wasm',
    '_ts_tree_cursor_current_field_id_wasm',
  ];
  return b.HEAP32 instanceof Int32Array && needed.every((k) => typeof b[k] === 'function');
}

/** For tests: whether trees are read through the fast path. */
export function fastTreeReading(): boolean {
  return binding !== undefined;
}

class Arrays implements CursorReader {
  count = 0;
  typeIds: Uint16Array;
  starts: Uint32Array;
  ends: Uint32Array;
  fields: Uint16Array;
  parents: Int32Array;
  next: Int32Array;
  constructor(private cap: number) {
    this.typeIds = new Uint16Array(cap);
    this.starts = new Uint32Array(cap);
    this.ends = new Uint32Array(cap);
    this.fields = new Uint16Array(cap);
    this.parents = new Int32Array(cap);
    this.next = new Int32Array(cap);
  }
  /** Index for a new node, growing the arrays when full. */
  add(): number {
    if (this.count === this.cap) {
      this.cap *= 2;
      const grow = <T extends Uint16Array | Uint32Array | Int32Array>(a: T, make: (n: number) => T): T => {
        const b = make(this.cap);
        b.set(a);
        return b;
      };
      this.typeIds = grow(this.typeIds, (n) => new Uint16Array(n));
      this.starts = grow(this.starts, (n) => new Uint32Array(n));
      this.ends = grow(this.ends, (n) => new Uint32Array(n));
      this.fields = grow(this.fields, (n) => new Uint16Array(n));
      this.parents = grow(this.parents, (n) => new Int32Array(n));
      this.next = grow(this.next, (n) => new Int32Array(n));
    }
    return this.count++;
  }
}

/** The cursor moves; both read paths walk with the same loop and differ only in how each call is made. */
interface Moves {
  typeId(): number;
  start(): number;
  end(): number;
  field(): number;
  firstChild(): boolean;
  nextSibling(): boolean;
  parent(): boolean;
}

function walk(a: Arrays, m: Moves): void {
  let parent = -1;
  for (;;) {
    const i = a.add();
    a.typeIds[i] = m.typeId();
    a.starts[i] = m.start();
    a.ends[i] = m.end();
    a.fields[i] = m.field();
    a.parents[i] = parent;
    if (m.firstChild()) {
      parent = i;
      continue;
    }
    a.next[i] = i + 1;
    // Climb until a sibling exists; every node left behind has its subtree complete.
    while (!m.nextSibling()) {
      if (!m.parent()) return;
      a.next[parent] = a.count;
      parent = a.parents[parent];
    }
  }
}

/** `publicApi` forces the slow path (tests compare the two). */
export function cursorReader(tree: Tree, textLength: number, publicApi = false): CursorReader {
  // About one node per two or three characters of source; start there and grow.
  const a = new Arrays(Math.max(64, textLength >> 1));
  const cursor = tree.walk();
  try {
    if (binding && !publicApi) walkRaw(a, tree, cursor, binding);
    else walk(a, publicMoves(cursor));
  } finally {
    cursor.delete();
  }
  a.next[0] = a.count;
  return a;
}

function publicMoves(c: TreeCursor): Moves {
  return {
    typeId: () => c.nodeTypeId,
    start: () => c.startIndex,
    end: () => c.endIndex,
    field: () => c.currentFieldId,
    firstChild: () => c.gotoFirstChild(),
    nextSibling: () => c.gotoNextSibling(),
    parent: () => c.gotoParent(),
  };
}

function walkRaw(a: Arrays, tree: Tree, cursor: TreeCursor, b: Binding): void {
  const handles = (cursor as unknown as { handles: number[] }).handles;
  const t = (tree as unknown as { [0]: number })[0];
  const at = transferBuffer >> 2;
  // b.HEAP32 is replaced when the memory grows, so it is read afresh each time.
  for (let k = 0; k < 4; k++) b.HEAP32[at + k] = handles[k];
  // The functions are held in locals: the module object has hundreds of properties.
  const typeId = b._ts_tree_cursor_current_node_type_id_wasm;
  const start = b._ts_tree_cursor_start_index_wasm;
  const end = b._ts_tree_cursor_end_index_wasm;
  const field = b._ts_tree_cursor_current_field_id_wasm;
  const firstChild = b._ts_tree_cursor_goto_first_child_wasm;
  const nextSibling = b._ts_tree_cursor_goto_next_sibling_wasm;
  const parent = b._ts_tree_cursor_goto_parent_wasm;
  try {
    walk(a, {
      typeId: () => typeId(t),
      start: () => start(t),
      end: () => end(t),
      field: () => field(t),
      firstChild: () => firstChild(t) === 1,
      nextSibling: () => nextSibling(t) === 1,
      parent: () => parent(t) === 1,
    });
  } finally {
    // The cursor's stack may have been reallocated: give the object its current state so delete() frees it.
    for (let k = 0; k < 4; k++) handles[k] = b.HEAP32[at + k];
  }
}
