/**
 * The syntax the privacy walker needs beyond code/syntax.ts (calls, members, strings): functions and
 * their parameters, classes and their fields, imports, loops, operators — for JavaScript / TypeScript,
 * Python, Java, C#, Kotlin, Go, Swift, Rust and C / C++. Node types differ per grammar; one switch serves
 * all of them, with the family deciding where two grammars use the same name differently.
 */
import type { SyntaxNode as Node } from '../syntax/flatTree';
import type { Family } from '../code/syntax';
import type { ImportFact } from './facts';
import { importsOf as readImports } from '../code/imports';

export interface Param {
  name: string;
  node: Node;
  type?: string;
  /** Destructuring pattern (JS `{ id, name }`), bound by the walker. */
  pattern?: Node;
}

export const UNIT_FUNCS = new Set([
  'function_declaration', 'generator_function_declaration', 'method_definition', 'function_definition', 'method_declaration',
  'constructor_declaration', 'local_function_statement', 'secondary_constructor', 'anonymous_initializer',
  'function_item',
]);
export const LAMBDAS = new Set([
  'function_expression', 'arrow_function', 'generator_function', 'function', 'lambda', 'lambda_expression', 'lambda_literal',
  'anonymous_function', 'func_literal', 'anonymous_method_expression', 'closure_expression',
]);
export const CLASSES = new Set([
  'class_declaration', 'abstract_class_declaration', 'class_definition', 'interface_declaration', 'record_declaration',
  'struct_declaration', 'object_declaration', 'enum_declaration', 'companion_object', 'class',
  // Rust: a struct's fields, and the impl blocks that hold its methods (one class by name); C / C++.
  'struct_item', 'impl_item', 'struct_specifier', 'class_specifier',
]);

/** A plain name: `identifier`, or Kotlin's and Swift's `simple_identifier`. */
export function isIdent(n: Node): boolean {
  return n.type === 'identifier' || n.type === 'simple_identifier';
}

export function isLambda(n: Node): boolean {
  return LAMBDAS.has(n.type);
}

export function isClass(n: Node): boolean {
  return CLASSES.has(n.type);
}

/** A function that becomes a unit of its own: declared, or a function expression bound to a name. */
export function isUnit(fam: Family, n: Node, t = n.type): boolean {
  if (UNIT_FUNCS.has(t)) {
    if (t === 'function_definition' && fam !== 'py' && fam !== 'c') return false;
    return true;
  }
  if ((t === 'arrow_function' || t === 'function_expression' || t === 'function') && fam === 'js') {
    const p = n.parent;
    return !!p && (p.type === 'variable_declarator' || p.type === 'public_field_definition' || p.type === 'field_definition' || p.type === 'pair' || (p.type === 'assignment_expression' && p.childForFieldName('right')?.id === n.id));
  }
  return false;
}

export function unitName(n: Node): string | undefined {
  if (n.type === 'anonymous_initializer') return 'init';
  if (n.type === 'function_definition' && !n.childForFieldName('name')) {
    // C / C++: the name is inside the declarator (`int *find(…)`, `void Store::save(…)`).
    const d = cFunctionDeclarator(n);
    const id = d?.childForFieldName('declarator');
    return id ? (id.childForFieldName('name') ?? id).text.replace(/^.*::/, '') : undefined;
  }
  if (n.type === 'secondary_constructor') return 'constructor';
  const name = n.childForFieldName('name');
  if (name) return name.text;
  if (n.type === 'function_declaration') return n.namedChildren.find((c) => c?.type === 'identifier' || c?.type === 'simple_identifier')?.text;
  const p = n.parent;
  if (!p) return undefined;
  if (p.type === 'variable_declarator' || p.type === 'public_field_definition' || p.type === 'field_definition') return (p.childForFieldName('name') ?? p.childForFieldName('property'))?.text;
  if (p.type === 'pair') return p.childForFieldName('key')?.text.replace(/^['"]|['"]$/g, '');
  if (p.type === 'assignment_expression') return p.childForFieldName('left')?.text.split('.').pop();
  return undefined;
}

/** C / C++: the function_declarator under a definition's (pointer / reference) declarators. */
export function cFunctionDeclarator(n: Node): Node | undefined {
  let d = n.childForFieldName('declarator');
  for (let i = 0; d && i < 6; i++) {
    if (d.type === 'function_declarator') return d;
    d = d.childForFieldName('declarator') ?? d.namedChildren.find((c) => c && /declarator$/.test(c.type)) ?? null;
  }
  return undefined;
}

/** C / C++: the identifier a (pointer / reference / array) declarator declares. */
export function cDeclaredName(d: Node | null | undefined): Node | undefined {
  for (let i = 0; d && i < 6; i++) {
    if (d.type === 'identifier' || d.type === 'field_identifier') return d;
    d = d.childForFieldName('declarator') ?? d.namedChildren.find((c) => c && (/declarator$/.test(c.type) || c.type === 'identifier' || c.type === 'field_identifier')) ?? null;
  }
  return undefined;
}

export function className(n: Node): string | undefined {
  if (n.type === 'companion_object') return n.childForFieldName('name')?.text ?? 'Companion';
  // Rust `impl Patient { … }` / `impl Display for Patient`: the methods of the type.
  if (n.type === 'impl_item') return n.childForFieldName('type')?.text.replace(/<.*$/, '');
  // C `typedef struct { … } Patient;`: the struct is named by the typedef.
  if (n.type === 'struct_specifier' && !n.childForFieldName('name') && n.parent?.type === 'type_definition') return n.parent.childForFieldName('declarator')?.text;
  const name = n.childForFieldName('name') ?? n.namedChildren.find((c) => c?.type === 'type_identifier' || c?.type === 'identifier');
  return name?.text;
}

export function funcBody(fam: Family, fn: Node): Node | undefined {
  const b = fn.childForFieldName('body');
  if (b) return b;
  if (fam === 'kotlin') return fn.namedChildren.find((c) => c?.type === 'function_body' || c?.type === 'block' || c?.type === 'statements') ?? (fn.type === 'lambda_literal' ? fn : undefined);
  return undefined;
}

/**
 * Swift: `func add(_ reading: GlucoseReading, for patient: Patient)` — `parameter` children of the function
 * (or a lambda's `lambda_function_type_parameters`); the local name is the last identifier before the type.
 */
function swiftParams(fn: Node): Param[] {
  const out: Param[] = [];
  const visit = (parent: Node) => {
    for (const c of parent.namedChildren) {
      if (!c) continue;
      if (c.type === 'parameter' || c.type === 'lambda_parameter') {
        const ids = c.namedChildren.filter((x) => x?.type === 'simple_identifier') as Node[];
        const type = c.namedChildren.find((x) => x && /type$/.test(x.type) && x.type !== 'simple_identifier');
        const id = ids[ids.length - 1];
        if (id && id.text !== '_') out.push({ name: id.text, node: id, type: typeText(type) });
      } else if (c.type === 'lambda_function_type' || c.type === 'lambda_function_type_parameters') visit(c);
    }
  };
  visit(fn);
  return out;
}

/** Rust: `fn f(&self, reading: &Reading)`, closures `|r| …`, `|r: &Reading| …`. */
function rustParams(fn: Node): { params: Param[]; self: boolean } {
  const list = fn.childForFieldName('parameters');
  const out: Param[] = [];
  let self = false;
  for (const c of list?.namedChildren ?? []) {
    if (!c) continue;
    if (c.type === 'self_parameter') self = true;
    else if (c.type === 'identifier') out.push({ name: c.text, node: c });
    else if (c.type === 'parameter') {
      const pat = c.childForFieldName('pattern');
      const type = typeText(c.childForFieldName('type'))?.replace(/^&\s*(mut\s+)?/, '');
      const id = pat?.type === 'identifier' ? pat : pat?.type === 'mut_pattern' ? pat.namedChildren.find((x) => x?.type === 'identifier') : undefined;
      if (id) out.push({ name: id.text, node: id, type });
    }
  }
  return { params: out, self };
}

/** C / C++: `int f(const Patient *p, Reading &r)`; lambdas `[&](const Reading &r) { … }`. */
function cParams(fn: Node): Param[] {
  const d = fn.type === 'lambda_expression' ? fn.childForFieldName('declarator') : cFunctionDeclarator(fn);
  const list = d?.childForFieldName('parameters');
  const out: Param[] = [];
  for (const c of list?.namedChildren ?? []) {
    if (!c || (c.type !== 'parameter_declaration' && c.type !== 'optional_parameter_declaration')) continue;
    const id = cDeclaredName(c.childForFieldName('declarator'));
    if (id) out.push({ name: id.text, node: id, type: typeText(c.childForFieldName('type')) });
  }
  return out;
}

export function typeText(n: Node | null | undefined): string | undefined {
  if (!n) return undefined;
  const t = n.text.replace(/^:\s*/, '').trim();
  return t && t.length < 160 ? t : undefined;
}

function kotlinType(n: Node): string | undefined {
  const t = n.namedChildren.find((c) => c && /^(user_type|nullable_type|function_type|type)$/.test(c.type));
  return typeText(t);
}

function paramOf(fam: Family, p: Node): Param | undefined {
  switch (p.type) {
    case 'identifier':
    case 'simple_identifier':
      return { name: p.text, node: p };
    case 'required_parameter':
    case 'optional_parameter': {
      const pat = p.childForFieldName('pattern');
      if (!pat) return undefined;
      const type = typeText(p.childForFieldName('type'));
      if (pat.type === 'identifier') return { name: pat.text, node: pat, type };
      if (pat.type === 'this') return undefined;
      return { name: pat.type === 'rest_pattern' ? pat.text.replace(/^\.\.\./, '') : '_', node: pat, type, pattern: pat.type === 'rest_pattern' ? undefined : pat };
    }
    case 'assignment_pattern': {
      const l = p.childForFieldName('left');
      return l ? (l.type === 'identifier' ? { name: l.text, node: l } : { name: '_', node: l, pattern: l }) : undefined;
    }
    case 'object_pattern':
    case 'array_pattern':
      return { name: '_', node: p, pattern: p };
    case 'rest_pattern':
    case 'list_splat_pattern':
    case 'dictionary_splat_pattern': {
      const id = p.namedChildren.find((c) => c?.type === 'identifier');
      return id ? { name: id.text, node: id } : undefined;
    }
    case 'typed_parameter': {
      const id = p.namedChildren.find((c) => c && (c.type === 'identifier' || c.type === 'list_splat_pattern' || c.type === 'dictionary_splat_pattern'));
      if (!id) return undefined;
      const nm = id.type === 'identifier' ? id : id.namedChildren.find((c) => c?.type === 'identifier');
      return nm ? { name: nm.text, node: nm, type: typeText(p.childForFieldName('type')) } : undefined;
    }
    case 'default_parameter':
    case 'typed_default_parameter': {
      const nm = p.childForFieldName('name');
      return nm ? { name: nm.text, node: nm, type: typeText(p.childForFieldName('type')) } : undefined;
    }
    case 'formal_parameter':
    case 'spread_parameter':
    case 'parameter': {
      if (fam === 'kotlin') {
        const id = p.namedChildren.find((c) => c?.type === 'identifier' || c?.type === 'simple_identifier');
        return id ? { name: id.text, node: id, type: kotlinType(p) } : undefined;
      }
      let nm = p.childForFieldName('name');
      if (!nm && p.type === 'spread_parameter') nm = p.namedChildren.find((c) => c?.type === 'variable_declarator')?.childForFieldName('name') ?? null;
      if (!nm) return undefined;
      const t = p.childForFieldName('type') ?? p.namedChildren.find((c) => c && c.id !== nm!.id && /type|identifier|generic_name|qualified_name/.test(c.type));
      return { name: nm.text, node: nm, type: typeText(t) };
    }
    case 'class_parameter': {
      const id = p.namedChildren.find((c) => c?.type === 'identifier' || c?.type === 'simple_identifier');
      return id ? { name: id.text, node: id, type: kotlinType(p) } : undefined;
    }
    case 'variable_declaration': {
      // Kotlin lambda parameter.
      const id = p.namedChildren.find((c) => c?.type === 'identifier' || c?.type === 'simple_identifier');
      return id ? { name: id.text, node: id, type: kotlinType(p) } : undefined;
    }
    case 'parameter_declaration':
    case 'variadic_parameter_declaration':
      return undefined; // Go: expanded by paramsOf (several names share a type)
  }
  return undefined;
}

/** Parameters of a function node, in order; `self` / `cls` (Python methods) and Go receivers excluded. */
export function paramsOf(fam: Family, fn: Node): { params: Param[]; self: boolean } {
  if (fam === 'swift') return { params: swiftParams(fn), self: false };
  if (fam === 'rust') return rustParams(fn);
  if (fam === 'c') return { params: cParams(fn), self: false };
  let list: Node | null = fn.childForFieldName('parameters');
  const single = fn.childForFieldName('parameter');
  if (single) return { params: paramOf(fam, single) ? [paramOf(fam, single)!] : [], self: false };
  if (!list) {
    list = fn.namedChildren.find((c) => c && /^(function_value_parameters|lambda_parameters|formal_parameters|parameter_list|class_parameters|parameters)$/.test(c.type)) ?? null;
  }
  if (!list) return { params: [], self: false };
  if (list.type === 'identifier') return { params: [{ name: list.text, node: list }], self: false };
  const out: Param[] = [];
  for (const c of list.namedChildren) {
    if (!c) continue;
    if (c.type === 'parameter_declaration' || c.type === 'variadic_parameter_declaration') {
      const type = typeText(c.childForFieldName('type'));
      for (const nm of c.namedChildren) if (nm && nm.type === 'identifier') out.push({ name: nm.text, node: nm, type });
      continue;
    }
    if (c.type === 'inferred_parameters') {
      for (const nm of c.namedChildren) if (nm && nm.type === 'identifier') out.push({ name: nm.text, node: nm });
      continue;
    }
    const p = paramOf(fam, c);
    if (p) out.push(p);
  }
  let self = false;
  if (fam === 'py' && out.length && (out[0].name === 'self' || out[0].name === 'cls') && fn.type === 'function_definition') {
    out.shift();
    self = true;
  }
  return { params: out, self };
}

/** Go method receiver type (`func (s *Svc) F()` → Svc). */
export function goReceiverType(fn: Node): { name?: string; type?: string } {
  const r = fn.childForFieldName('receiver');
  const d = r?.namedChildren.find((c) => c?.type === 'parameter_declaration');
  if (!d) return {};
  return { name: d.childForFieldName('name')?.text, type: d.childForFieldName('type')?.text.replace(/^\*/, '').replace(/\[.*$/, '') };
}

/** The operator of a binary expression (its first anonymous child between the operands). */
export function operatorOf(n: Node): string {
  const op = n.childForFieldName('operator');
  if (op) return op.text;
  for (const c of n.children) if (c && !c.isNamed) return c.text;
  return '';
}

const COMPARISON = new Set(['==', '!=', '===', '!==', '<', '>', '<=', '>=', 'in', 'not in', 'is', 'is not', 'instanceof', '!in', 'is!', '<>', '=~', '!~']);
const BOOLEAN = new Set(['&&', '||', 'and', 'or']);

/** A binary operator whose result holds no data of its operands (a comparison; boolean logic outside JS and Python). */
export function isCleanOperator(fam: Family, op: string): boolean {
  if (COMPARISON.has(op)) return true;
  if (BOOLEAN.has(op)) return fam !== 'js' && fam !== 'py';
  return false;
}

/** Imports declared by an import node (undefined when the node is no import): code/imports.ts's reading. */
export function importsOf(fam: Family, n: Node): ImportFact[] | undefined {
  // (A `require()` declarator is a value to the walker, which binds it where it is declared.)
  if (n.type === 'variable_declarator') return undefined;
  return readImports(fam, n)?.map((i) => ({ local: i.local, from: i.module, name: i.name }));
}

/** Iteration / callback methods: the callback's first parameter is an element of the receiver. */
export const ELEMENT_CALLBACKS = new Set([
  'forEach', 'map', 'filter', 'flatMap', 'find', 'findLast', 'some', 'every', 'reduce', 'sort', 'sortBy', 'groupBy', 'each',
  'then', 'Select', 'Where', 'ForEach', 'SelectMany', 'First', 'FirstOrDefault', 'Any', 'All', 'let', 'also', 'apply', 'run',
  'use', 'forEachIndexed', 'mapNotNull', 'onEach', 'filterNotNull', 'associate', 'associateBy', 'takeIf', 'with', 'ifPresent',
  'peek', 'anyMatch', 'allMatch', 'subscribe', 'collect', 'sortedBy', 'mapIndexed', 'flatMapLatest', 'tap', 'pipe',
]);
/** …of those, the ones whose result is the callback's result (not the receiver's elements). */
export const MAPPING_CALLBACKS = new Set(['map', 'flatMap', 'Select', 'SelectMany', 'let', 'run', 'with', 'mapNotNull', 'mapIndexed', 'then', 'reduce', 'associate', 'use', 'flatMapLatest', 'pipe']);
/** …and the ones whose result holds no data (booleans, nothing). */
export const CLEAN_CALLBACKS = new Set(['forEach', 'some', 'every', 'ForEach', 'Any', 'All', 'forEachIndexed', 'anyMatch', 'allMatch', 'subscribe', 'ifPresent']);
