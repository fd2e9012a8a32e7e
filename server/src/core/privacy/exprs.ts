/**
 * Expressions of the privacy walker that are not names, members or calls: strings (templates,
 * f-strings, interpolation) with their labels, operators (concatenation, formatting, comparisons),
 * object and dictionary literals, subscripts, and the node-kind table ev() dispatches on.
 */
import type { SyntaxNode as Node } from '../syntax/flatTree';
import { stringParts, type Family, type Syntax } from '../code/syntax';
import { bindAssign, bindDecl, evalLoop, evalReturn, evalWithAlias } from './bind';
import { CLASSES, isCleanOperator, LAMBDAS, operatorOf, UNIT_FUNCS } from './lang';
import { formatNaming, labelBefore, labelSaysOrgContact, named } from './naming';
import { concat, EMPTY, hasLabels, join, mergeLabels, ORIGIN, r4, SAFE, safeVal, val, withLabels, type V } from './value';
import type { Labels } from './facts';
import { keyText, type Walker } from './walker';

export const K_STR = 1;
export const K_LIT = 2;
export const K_UNIT = 3;
export const K_CLASS = 4;
export const K_LAMBDA = 5;
export const K_ID = 6;
export const K_CALL = 7;
export const K_MEMBER = 8;
export const K_SELF = 9;
export const K_SKIP = 10;

const LITERALS = ['true', 'false', 'null', 'none', 'nil', 'undefined', 'null_literal', 'boolean_literal', 'boolean', 'character_literal', 'char_literal', 'rune_literal', 'iota'];

const kindsByFamily = new Map<Family, Map<string, number>>();

/** Node type → how the walker evaluates it; built once per language family. */
export function nodeKinds(sx: Syntax, fam: Family): Map<string, number> {
  let m = kindsByFamily.get(fam);
  if (!m) kindsByFamily.set(fam, (m = buildNodeKinds(sx, fam)));
  return m;
}

function buildNodeKinds(sx: Syntax, fam: Family): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of [...sx.t.numbers, ...LITERALS]) m.set(t, K_LIT);
  for (const t of sx.t.strings) m.set(t, K_STR);
  if (fam === 'py') m.set('string', K_STR);
  for (const t of UNIT_FUNCS) m.set(t, K_UNIT);
  for (const t of CLASSES) m.set(t, K_CLASS);
  if (fam === 'go') m.set('type_declaration', K_CLASS);
  for (const t of LAMBDAS) m.set(t, K_LAMBDA);
  for (const t of sx.t.members) m.set(t, K_MEMBER);
  for (const t of sx.t.calls) m.set(t, K_CALL);
  for (const t of ['identifier', 'simple_identifier', 'shorthand_property_identifier']) m.set(t, K_ID);
  for (const t of ['this', 'this_expression', 'base_expression']) m.set(t, K_SELF);
  if (fam === 'rust') m.set('self', K_SELF);
  for (const t of sx.t.comments) m.set(t, K_SKIP);
  return m;
}

export function evString(w: Walker, n: Node): V {
  const p = stringParts(w.sx, n);
  if (!p) return join(w.evAll(w.sx.named(n)));
  const vs: V[] = [];
  let text = '';
  const parts: (string | Node)[] = [];
  for (const part of p.parts) {
    if (typeof part === 'string' && typeof parts[parts.length - 1] === 'string') parts[parts.length - 1] += part;
    else parts.push(part);
  }
  for (const part of parts) {
    if (typeof part === 'string') {
      // Kotlin `$name` templates are plain string content in this grammar.
      let last = 0;
      if (w.fam === 'kotlin' && part.includes('$')) {
        for (const m of part.matchAll(/\$([A-Za-z_]\w*)/g)) {
          const lit = part.slice(last, m.index);
          text += lit;
          vs.push(safeVal(lit));
          const rv = w.readName(m[1], n);
          const v = withLabels(rv, rv.l);
          v.str = undefined;
          const label = v.safe ? undefined : labelBefore(text, m[1]);
          vs.push(label ? named(w, label, v, n, m[1]) : v);
          text = '';
          last = m.index + m[0].length;
        }
      }
      const rest = last ? part.slice(last) : part;
      text += rest;
      vs.push(safeVal(rest));
    } else {
      const v = w.ev(part);
      if (!v.safe && labelSaysOrgContact(text)) {
        // "Invalid Support Email: " + email: an organisation's contact point, not a person's.
        vs.push(safeVal());
        text = '';
        continue;
      }
      const label = v.safe ? undefined : labelBefore(text, part.text);
      vs.push(label ? named(w, label, v, part, part.text) : v);
      text = '';
    }
  }
  return vs.length ? concat(vs) : safeVal('');
}

/** The start of a C++ output chain that is a log: `std::cerr << …`, `LOG(INFO) << …`, `qDebug() << …`. */
const LOG_STREAM = /^(?:(?:std::)?(?:cout|cerr|clog|wcout|wcerr|wclog)|q(?:Debug|Info|Warning|Critical|Fatal)\(\)|(?:LOG|VLOG|DLOG|PLOG|CLOG|LOG_IF|DLOG_IF|BOOST_LOG_TRIVIAL|BOOST_LOG_SEV|LOG4CXX_\w+|EL_\w+)\s*\(.*\)|(?:\w+\.)?(?:logger|log)\(\)\.(?:info|warn|warning|error|debug|trace)\(\))$/s;

/**
 * C++ `std::cerr << "glucose " << g << std::endl`: an output chain to a log stream is a to-log sink of all
 * its operands, each named by the text before it as in a concatenation. Judged once, at the chain's top.
 */
function evStreamChain(w: Walker, n: Node): V | undefined {
  const parent = n.parent;
  if (parent && parent.type === 'binary_expression' && operatorOf(parent) === '<<') return undefined;
  const operands: Node[] = [];
  let cur: Node | null | undefined = n;
  while (cur && cur.type === 'binary_expression' && operatorOf(cur) === '<<') {
    const r = cur.childForFieldName('right');
    if (r) operands.unshift(r);
    cur = cur.childForFieldName('left');
  }
  if (!cur || !LOG_STREAM.test(cur.text.slice(0, 200))) return undefined;
  const l: Labels = {};
  let text = '';
  for (const o of operands) {
    if (w.sx.is('strings', o)) {
      text += w.sx.plain(o) ?? '';
      continue;
    }
    let v = w.ev(o);
    if (!v.safe) {
      const label = labelBefore(text, o.text);
      if (label) v = named(w, label, v, o, o.text);
    }
    mergeLabels(l, v.l);
    text = '';
  }
  if (hasLabels({ l })) w.u.fact.sinks.push({ rule: 'to-log', r: r4(n), api: cur.text.length > 40 ? cur.text.slice(0, 37) + '…' : cur.text, l, ...(/^(std::)?cout$/.test(cur.text) ? { out: 1 as const } : {}) });
  return SAFE;
}

export function evBinary(w: Walker, n: Node): V {
  const op = operatorOf(n);
  if (w.fam === 'c' && op === '<<') {
    const v = evStreamChain(w, n);
    if (v) return v;
  }
  const left = n.childForFieldName('left') ?? w.sx.named(n)[0];
  const right = n.childForFieldName('right') ?? w.sx.named(n).at(-1);
  if (isCleanOperator(w.fam, op)) {
    w.evAll([left ?? null, right ?? null]);
    return SAFE;
  }
  if (n.type === 'infix_expression' && op !== 'to') {
    const mid = w.sx.named(n)[1];
    if (mid && mid.text === 'to' && left && right) return w.keyed(keyText(w, left), w.ev(right), n);
  }
  const lv = left ? w.ev(left) : EMPTY;
  let rv = right && right.id !== left?.id ? w.ev(right) : EMPTY;
  if (op === '+' && right && left && !rv.safe) {
    // "SSN: " + value: the text just before the value names it.
    let tail: Node | undefined = w.sx.strip(left);
    while (tail && !w.sx.is('strings', tail) && (tail.type === 'binary_expression' || tail.type === 'binary_operator' || tail.type === 'additive_expression')) tail = tail.childForFieldName('right') ?? w.sx.named(tail).at(-1);
    const text = tail && w.sx.is('strings', tail) ? w.sx.plain(tail) : undefined;
    if (text && labelSaysOrgContact(text)) rv = safeVal();
    const label = text && !rv.safe ? labelBefore(text, right.text) : undefined;
    if (label) rv = named(w, label, rv, right, right.text);
  }
  if (op === '%' && lv.str !== undefined && !lv.pre && right) {
    // Python "%s has %s" % (a, b)
    const r = w.sx.strip(right);
    const nodes = r.type === 'tuple' ? w.sx.named(r) : [r];
    const vs = r.type === 'tuple' ? w.evAll(nodes) : [rv];
    formatNaming(w, lv.str, vs, nodes);
    return concat([lv, ...vs]);
  }
  if (op === '+' || op === '%' || op === '..' || op === '+=') return concat([lv, rv]);
  if (/^[-*/]$/.test(op) && lv.safe && rv.safe) return SAFE;
  return join([lv, rv]);
}

export function evObject(w: Walker, n: Node): V {
  return objectLiteral(w, n).v;
}

/** An object literal's values per key (lower case) and each value's text, as written (`{ uri, body: p }`). */
export interface ObjectKeys {
  keys: Record<string, V>;
  texts: Record<string, string>;
}

/**
 * Evaluates an object / dictionary literal once: its joined value, and for JS objects and Python dicts the
 * value under each key (a request's options: only `url` / `params` go into the URL, `body` does not).
 */
export function objectLiteral(w: Walker, n: Node): { v: V; keys?: ObjectKeys } {
  const vs: V[] = [];
  const keyed = n.type === 'object' || n.type === 'dictionary';
  const keys: ObjectKeys | undefined = keyed ? { keys: Object.create(null) as Record<string, V>, texts: Object.create(null) as Record<string, string> } : undefined;
  for (const c of w.sx.named(n)) {
    if (c.type === 'assignment_expression' && n.type === 'initializer_expression') {
      const l = c.childForFieldName('left');
      const r = c.childForFieldName('right');
      if (l && r) vs.push(w.keyed(l.text, w.ev(r), c));
      continue;
    }
    const pv = w.ev(c);
    vs.push(pv);
    if (!keys) continue;
    if (c.type === 'pair') {
      const k = keyText(w, c.childForFieldName('key'));
      keys.keys[k.toLowerCase()] = pv;
      const value = c.childForFieldName('value');
      if (k && value) keys.texts[k] = value.text.slice(0, 80);
    } else if (c.type === 'shorthand_property_identifier') {
      // `{ query }`: the key is the variable's name.
      keys.keys[c.text.toLowerCase()] = pv;
      keys.texts[c.text] = c.text;
    }
  }
  const out = join(vs);
  const r = val(out.l);
  r.safe = out.safe;
  return { v: r, keys };
}

export function evSubscript(w: Walker, n: Node): V {
  const kids = w.sx.named(n);
  const obj = kids[0];
  const rest = w.evAll(kids.slice(1));
  const index = kids.slice(1).map((k) => k.text).join(',').replace(/[[\]\s]/g, '');
  const dicom = /^(0x0010[0-9a-f]{4}|0x0010,0x[0-9a-f]{4}|["'(]?0010,?[0-9a-f]{4}\)?["']?|Tag\.Patient\w+|DicomTag\.Patient\w+)$/i.test(index);
  if (dicom) return val({ [w.source(n, { cat: 'personal', what: 'DICOM patient attribute (0010,xxxx)' }, 'dicom', n.text)]: ORIGIN });
  void rest;
  const v = obj ? w.ev(obj) : EMPTY;
  return val(v.l, v.who, v.prov);
}

/** Statement and expression kinds with their own meaning; undefined for the rest (walked part by part). */
export function evKnown(w: Walker, n: Node, t: string): V | undefined {
  switch (t) {
    case 'subscript_expression':
    case 'subscript':
    case 'element_access_expression':
    case 'index_expression':
    case 'indexing_expression':
      return evSubscript(w, n);
    case 'binary_expression':
    case 'binary_operator':
    case 'boolean_operator':
    case 'additive_expression':
    case 'multiplicative_expression':
    case 'elvis_expression':
    case 'infix_expression':
      return evBinary(w, n);
    case 'comparison_operator':
    case 'not_operator':
    case 'instanceof_expression':
    case 'is_expression':
    case 'is_pattern_expression':
    case 'check_expression':
    case 'in_expression':
    case 'equality_expression':
    case 'comparison_expression':
    case 'typeof_expression':
    case 'sizeof_expression':
      w.evAll(w.sx.named(n));
      return SAFE;
    case 'unary_expression':
    case 'prefix_expression':
    case 'prefix_unary_expression': {
      const op = operatorOf(n);
      const vs = w.evAll(w.sx.named(n));
      if (/^(!|not|typeof|void|delete|~)$/.test(op)) return SAFE;
      return join(vs);
    }
    case 'ternary_expression':
    case 'conditional_expression': {
      const cond = n.childForFieldName('condition');
      const kids = w.sx.named(n).filter((k) => !cond || k.id !== cond.id);
      if (cond) w.ev(cond);
      if (t === 'conditional_expression' && w.fam === 'py') {
        w.ev(kids[1]);
        return join([w.ev(kids[0]), kids[2] ? w.ev(kids[2]) : EMPTY]);
      }
      return join(w.evAll(kids));
    }
    case 'object':
    case 'dictionary':
    case 'literal_value':
    case 'initializer_expression':
      return evObject(w, n);
    case 'pair':
    case 'keyed_element': {
      const k = n.childForFieldName('key') ?? w.sx.named(n)[0];
      const val = n.childForFieldName('value') ?? w.sx.named(n)[1];
      if (!val) return EMPTY;
      return w.keyed(keyText(w, k), w.ev(val), n);
    }
    case 'variable_declarator':
    case 'short_var_declaration':
    case 'var_spec':
    case 'const_spec':
    case 'property_declaration':
    case 'local_variable_declaration':
    case 'field_declaration':
    case 'variable_declaration':
    case 'resource':
    case 'let_declaration':
    case 'declaration':
      return bindDecl(w, n);
    case 'assignment':
    case 'assignment_expression':
    case 'augmented_assignment':
    case 'augmented_assignment_expression':
    case 'assignment_statement':
      return bindAssign(w, n);
    case 'for_statement':
    case 'for_in_statement':
    case 'enhanced_for_statement':
    case 'foreach_statement':
    case 'list_comprehension':
    case 'set_comprehension':
    case 'dictionary_comprehension':
    case 'generator_expression':
      return evalLoop(w, n);
    case 'return_statement':
    case 'return_expression':
    case 'jump_expression':
      return evalReturn(w, n);
    case 'as_pattern':
      return evalWithAlias(w, n);
    case 'raise_statement':
    case 'throw_statement':
    case 'throw_expression': {
      const kids = w.sx.named(n);
      const thrown = kids[0] ? w.sx.strip(kids[0]) : undefined;
      const saved = w.throwCall;
      if (thrown && w.sx.is('calls', thrown)) w.throwCall = thrown.id;
      try {
        return join(w.evAll(kids));
      } finally {
        w.throwCall = saved;
      }
    }
    case 'decorator':
    case 'annotation':
    case 'marker_annotation':
    case 'attribute_list':
    case 'type_annotation':
    case 'type_identifier':
    case 'predefined_type':
      return SAFE;
    case 'import_statement':
    case 'import_from_statement':
      // Python imports inside a function (the module's own are read before the walk).
      if (w.u.fact.module !== 1) w.addImports(n);
      return SAFE;
    case 'import_declaration':
    case 'using_directive':
    case 'package_declaration':
    case 'package_clause':
    case 'package_header':
    case 'import':
    case 'import_header':
    case 'import_list':
    case 'type_alias_declaration':
    case 'interface_body':
    case 'comment':
    case 'line_comment':
    case 'block_comment':
    case 'regex':
      return SAFE;
  }
  return undefined;
}
