/**
 * Binding forms for the privacy walker: declarations and assignments (with destructuring), writes into
 * objects and collections, loops and comprehensions, `with … as`, returns and inline callbacks.
 */
import type { SyntaxNode as Node } from '../syntax/flatTree';
import { classifyAssignment } from './apis';
import { objectLiteral } from './exprs';
import { cDeclaredName, funcBody, isIdent, paramsOf, typeText } from './lang';
import { holdsIdsOnly, namesRedactedValue } from './taxonomy';
import { EMPTY, join, mergeLabels, r4, val, withStep, type V } from './value';
import type { Labels } from './facts';
import { Entry, keyText, metaFieldName, metaVariableName, Scope, type Walker } from './walker';

const MAX_PROV = 6;

function prov(v: V, step: { r: [number, number, number, number]; m: string }): V['prov'] {
  const last = v.prov?.[v.prov.length - 1];
  if (last && last.r[0] === step.r[0] && last.r[1] === step.r[1]) return v.prov;
  const p = [...(v.prov ?? []), step];
  return p.length > MAX_PROV ? [...p.slice(0, 2), ...p.slice(p.length - (MAX_PROV - 2))] : p;
}

/** Only the credentials among l (a time or count computed from a token is still read with it). */
function keepSecrets(w: Walker, l: Labels): Labels {
  let out: Labels | undefined;
  for (const k in l) if (w.isSecret(k)) (out ??= {})[k] = l[k];
  return out ?? {};
}

/** Binds a variable (strong update where it already exists, else in the innermost scope). */
export function setVar(w: Walker, name: string, v: V, node: Node, type?: string, augment = false): void {
  if (!name || name === '_') return;
  const step = w.step(node, `assigned to \`${name}\``);
  let scope: Scope | undefined = w.u.scope;
  for (let s: Scope | undefined = w.u.scope; s; s = s.parent) if (s.vars.has(name)) scope = s;
  const old = scope!.vars.get(name);
  // (A date of birth or death stays what it is in a variable named `date`.)
  const meta = (metaVariableName(name) && !w.isPersonalDate(v)) || namesRedactedValue(name);
  const e = new Entry(name, node, meta ? keepSecrets(w, v.l) : withStep(v.l, step));
  e.prov = prov(v, step);
  e.type = type ?? v.type ?? (augment ? old?.type : undefined);
  e.who = v.who;
  if (v.safe) e.safe = 1;
  if (v.str !== undefined) {
    e.str = v.str;
    if (v.pre) e.pre = 1;
  }
  if (v.ch) {
    e.ch = v.ch;
    e.chd = v.chd;
  }
  if (augment && old) {
    e.l = mergeLabels({ ...old.l }, e.l);
    if (!old.safe) e.safe = undefined;
    e.decl = old.decl;
    e.src = old.src;
  }
  scope!.vars.set(name, e);
}

/** A destructured name that says it is a flag, count, id, status or time, not data (metaFieldName). */
function componentIsMeta(c: Node): boolean {
  const id = c.type === 'variable_declaration' ? c.namedChildren.find((x) => x?.type === 'identifier' || x?.type === 'simple_identifier') : c;
  return !!id && /identifier/.test(id.type) && metaFieldName(id.text);
}

/** Where an assigned value goes: a variable, a pattern, a field of `this`, an object or collection. */
export function bindTarget(w: Walker, t: Node, v: V, type?: string, augment = false, valueNode?: Node): void {
  t = w.sx.strip(t);
  switch (t.type) {
    case 'identifier':
    case 'simple_identifier':
    case 'shorthand_property_identifier_pattern':
      setVar(w, t.text, v, t, type, augment);
      return;
    case 'variable_declaration': {
      const id = t.namedChildren.find((c) => c?.type === 'identifier' || c?.type === 'simple_identifier');
      const ty = t.namedChildren.find((c) => c && /^(user_type|nullable_type)$/.test(c.type));
      if (id) setVar(w, id.text, v, id, typeText(ty) ?? type, augment);
      return;
    }
    case 'pattern_list':
    case 'tuple_pattern':
    case 'list_pattern':
    case 'array_pattern':
    case 'expression_list':
    case 'tuple':
    case 'list':
    case 'multi_variable_declaration':
    case 'tuple_expression':
      // Each component is one part of the value: a flag, count, id or time stamp among them
      // (`val (password, isExpired, isAboutToExpire) = store.read()`) is not the data beside it.
      for (const c of w.sx.named(t)) bindTarget(w, c, componentIsMeta(c) ? val({}) : v, undefined, augment);
      return;
    case 'object_pattern':
      for (const c of w.sx.named(t)) {
        if (c.type === 'shorthand_property_identifier_pattern') setVar(w, c.text, w.readProp(v, c.text, c, undefined), c);
        else if (c.type === 'pair_pattern') {
          const k = c.childForFieldName('key');
          const val = c.childForFieldName('value');
          if (k && val) bindTarget(w, val, w.readProp(v, keyText(w, k), c, undefined));
        } else if (c.type === 'object_assignment_pattern') {
          const l = c.childForFieldName('left');
          if (l) setVar(w, l.text, w.readProp(v, l.text, c, undefined), l);
        } else if (c.type === 'rest_pattern') {
          const id = w.sx.named(c)[0];
          if (id) bindTarget(w, id, v);
        }
      }
      return;
    case 'rest_pattern':
    case 'list_splat_pattern':
    case 'assignment_pattern': {
      const id = t.childForFieldName('left') ?? w.sx.named(t)[0];
      if (id) bindTarget(w, id, v, type, augment);
      return;
    }
  }
  writeInto(w, t, v, valueNode);
}

/**
 * `obj.k = v`, `obj["k"] = v`, `this.x = v`: the object (or field) now also holds v; assignment sinks, judged
 * by the value's known text, or else by the call that made it (`location.href = this.createMailToUrl(…)`).
 */
function writeInto(w: Walker, t: Node, v: V, valueNode?: Node): void {
  const dotted = w.sx.dotted(t);
  if (dotted) {
    const madeBy = v.str === undefined && valueNode ? w.sx.call(valueNode)?.callee : undefined;
    const hit = classifyAssignment(dotted.split('.'), w.lang, v.str, madeBy);
    if (hit && Object.keys(v.l).length) w.u.fact.sinks.push({ rule: hit.rule, r: r4(t.parent ?? t), api: hit.api, l: v.l, detail: hit.detail });
  }
  const mem = w.sx.member(t);
  const kids = w.sx.named(t);
  const obj = mem?.obj ?? (/subscript|element_access|index/.test(t.type) ? kids[0] : undefined);
  if (!obj) return;
  notePathWrite(w, t, v);
  const key = mem?.prop;
  if (!mem) for (const k of kids.slice(1)) w.ev(k);
  const kv = key ? w.keyed(key, v, t) : v;
  if (w.isSelf(obj) && key && w.u.cls) {
    const f = w.u.cls.fields.get(key);
    const step = w.step(t, `stored in \`${t.text.slice(0, 40)}\``);
    const e = new Entry(key, t, withStep(v.l, step));
    e.type = v.type ?? f?.type;
    e.ch = v.ch ?? f?.ch;
    e.chd = v.chd ?? f?.chd;
    e.who = v.who ?? f?.who;
    if (v.safe && (!f || f.safe)) e.safe = 1;
    if (f) {
      e.l = mergeLabels({ ...f.l }, e.l);
      e.decl = f.decl ?? t;
    }
    w.u.cls.fields.set(key, e);
    return;
  }
  // The root variable of the target holds the value from now on (weak update).
  let root: Node = obj;
  for (let i = 0; i < 8; i++) {
    const m = w.sx.member(root);
    if (!m) break;
    root = m.obj;
  }
  root = w.sx.strip(root);
  if (!isIdent(root)) return;
  const e = w.u.scope.get(root.text);
  if (!e) return;
  e.l = mergeLabels({ ...e.l }, withStep(kv.l, w.step(t, `stored in \`${t.text.slice(0, 40)}\``)));
  e.safe = undefined;
  if (e.objKeys) {
    // `options.body = x` on the variable itself keeps its keys current; a deeper write forgets them.
    if (key && w.sx.strip(obj).id === root.id) {
      const texts = { ...e.objKeys.texts };
      if (v.str !== undefined && !v.pre) texts[key] = `'${v.str.slice(0, 78)}'`;
      else delete texts[key];
      e.objKeys = { keys: { ...e.objKeys.keys, [key.toLowerCase()]: kv }, texts };
    } else e.objKeys = undefined;
  }
}

/**
 * A field path set to a value that carries nothing (`datum.mealAbsorption = "start"`) holds that value
 * until written again: a read of the same path later in the block is not the record's data (strong
 * update, by the path's text; calls in between that might change the object are not followed). A write
 * of anything else forgets the path in every enclosing block.
 */
function notePathWrite(w: Walker, t: Node, v: V): void {
  const key = fieldPathKey(t);
  if (!key) return;
  if (!Object.keys(v.l).length && !v.type && !v.who) {
    const e = new Entry(key, t, {});
    e.safe = 1;
    w.u.scope.vars.set(key, e);
    w.pathWrites++;
    return;
  }
  for (let sc: Scope | undefined = w.u.scope; sc; sc = sc.parent) sc.vars.delete(key);
}

/** The scope key of a field path written or read as text (`=datum.meal`, `=rows[rows.length-1].x`); none with a call in it. */
export function fieldPathKey(t: Node): string | undefined {
  if (t.text.length > 100 || /[()]/.test(t.text)) return undefined;
  return '=' + t.text.replace(/\s+/g, '');
}

function declType(w: Walker, n: Node): string | undefined {
  const t = n.childForFieldName('type');
  if (t) return typeText(t);
  const p = n.parent;
  if (p && /^(local_variable_declaration|field_declaration|variable_declaration|resource)$/.test(p.type)) return typeText(p.childForFieldName('type'));
  void w;
  return undefined;
}

/** Declarations: `const x = …`, `String s = …`, `var (a, b) = …`, `x := …`, `val x: T = …`. */
export function bindDecl(w: Walker, n: Node): V {
  switch (n.type) {
    case 'variable_declarator': {
      const name = n.childForFieldName('name') ?? w.sx.named(n)[0];
      let value = n.childForFieldName('value');
      if (!value && w.fam === 'cs') {
        const kids = w.sx.named(n);
        value = kids.length > 1 ? kids[kids.length - 1] : null;
        if (value?.type === 'equals_value_clause') value = w.sx.named(value)[0] ?? null;
        if (value?.type === 'bracketed_argument_list') value = null;
      }
      if (!name) return EMPTY;
      return bindValue(w, name, value, declType(w, n));
    }
    case 'local_variable_declaration':
    case 'field_declaration':
    case 'variable_declaration': {
      if (w.fam === 'kotlin' || w.fam === 'go') return EMPTY;
      for (const c of w.sx.named(n)) if (c.type === 'variable_declarator' || c.type === 'variable_declaration') bindDecl(w, c);
      return EMPTY;
    }
    case 'resource': {
      const name = n.childForFieldName('name');
      const value = n.childForFieldName('value');
      const v = value ? w.ev(value) : EMPTY;
      if (name) setVar(w, name.text, v, name, typeText(n.childForFieldName('type')));
      return v;
    }
    case 'property_declaration': {
      if (w.fam === 'swift') {
        // `let v = expr`, `var v: T = expr`: the pattern's identifier is bound to the value.
        const pat = n.childForFieldName('name');
        const value = n.childForFieldName('value');
        const v = value ? w.ev(value) : val({});
        const id = pat?.type === 'simple_identifier' ? pat : pat ? w.sx.named(pat).find((c) => c.type === 'simple_identifier') : undefined;
        const ann = w.sx.named(n).find((c) => c.type === 'type_annotation');
        if (id) setVar(w, id.text, v, id, typeText(ann ? w.sx.named(ann)[0] : undefined));
        return v;
      }
      if (w.fam !== 'kotlin') return EMPTY;
      const target = w.sx.named(n).find((c) => c.type === 'variable_declaration' || c.type === 'multi_variable_declaration');
      const kids = w.sx.named(n);
      const idx = target ? kids.findIndex((c) => c.id === target.id) : -1;
      const value = kids.slice(idx + 1).find((c) => !/^(modifiers|type_constraints|getter|setter|property_delegate)$/.test(c.type));
      const v = value ? w.ev(value) : val({});
      if (target) bindTarget(w, target, v);
      return v;
    }
    case 'let_declaration': {
      // Rust: `let v = expr;`, `let mut v: T = expr;`, `let (a, b) = …`.
      const pat = n.childForFieldName('pattern');
      const value = n.childForFieldName('value');
      const v = value ? w.ev(value) : val({});
      const id = pat?.type === 'identifier' ? pat : pat?.type === 'mut_pattern' ? w.sx.named(pat).find((c) => c.type === 'identifier') : undefined;
      if (id) setVar(w, id.text, v, id, typeText(n.childForFieldName('type')));
      else if (pat) bindTarget(w, pat, v);
      return v;
    }
    case 'declaration': {
      // C / C++: `double g = r->glucose, h;` — each init_declarator binds its own value.
      if (w.fam !== 'c') return EMPTY;
      const type = typeText(n.childForFieldName('type'));
      for (const d of w.sx.named(n)) {
        if (d.type !== 'init_declarator') continue;
        const id = cDeclaredName(d.childForFieldName('declarator'));
        const value = d.childForFieldName('value');
        const v = value ? w.ev(value) : val({});
        if (id) setVar(w, id.text, v, id, type);
      }
      return EMPTY;
    }
    case 'short_var_declaration': {
      const left = n.childForFieldName('left');
      const right = n.childForFieldName('right');
      const rs = right ? w.sx.named(right) : [];
      const vs = rs.map((c) => w.ev(c));
      const ls = left ? w.sx.named(left) : [];
      ls.forEach((l, i) => bindTarget(w, l, goResult(w, ls, i, rs, vs)));
      return EMPTY;
    }
    case 'var_spec':
    case 'const_spec': {
      const value = n.childForFieldName('value');
      const vs = value ? w.sx.named(value).map((c) => w.ev(c)) : [];
      const type = typeText(n.childForFieldName('type'));
      const names = w.sx.named(n).filter((c) => c.type === 'identifier');
      names.forEach((l, i) => setVar(w, l.text, vs.length === names.length ? vs[i] : vs.length ? join(vs) : val({}), l, type));
      return EMPTY;
    }
  }
  return EMPTY;
}

/**
 * Go errors do not carry what went into the failing call: in `v, err := send(ctx, p.Email)` (and
 * `err := save(p)`) the error variable is clean, except from the parsers and decoders whose error text quotes their
 * input (`strconv.Atoi: parsing "…"`, `time.Parse`, `json.Unmarshal`).
 */
const ECHOING_CALL = /^(Atoi|Parse\w*|Unmarshal|Decode|Sscan\w*|Unquote|Compile|MustCompile|ReadString)$/;
/** A stream decoder: `json.NewDecoder(r.Body)`, a variable named `dec` / `decoder`. */
const STREAM_DECODER = /New\w*Decoder\(|^\w*[dD]ec(oder)?$/;
function goResult(w: Walker, ls: Node[], i: number, rs: Node[], vs: V[]): V {
  const v = vs.length === ls.length ? vs[i] : join(vs);
  if (rs.length !== 1) return v;
  if (!/^(e|err\d*|\w*[eE]rr\d*|error|\w*Error)$/.test(ls[i].text)) return v;
  const c = w.sx.call(w.sx.strip(rs[0]));
  if (!c || !ECHOING_CALL.test(c.last)) return val({});
  // A decoder quotes what it reads, not where it writes: `dec.Decode(&rec)` echoes the stream (its
  // receiver), `json.Unmarshal(data, &rec)` its first argument; the destination is still empty. A database
  // cursor or result (`cursor.Decode(&rec)`, `coll.FindOne(ctx, filter).Decode(&rec)`) quotes neither the
  // stored record nor the query's filter.
  if (c.last === 'Decode') return c.recv && STREAM_DECODER.test(c.recv.text) ? w.ev(c.recv) : val({});
  if (c.last === 'Unmarshal') return c.args[0] ? w.ev(c.args[0].node) : val({});
  return v;
}

/** `x = v`, `x += v`, `a, b = v`, `obj.k = v`, Go `a, b = x, y`. */
export function bindAssign(w: Walker, n: Node): V {
  const left = n.childForFieldName('left') ?? w.sx.named(n)[0];
  const right = n.childForFieldName('right') ?? w.sx.named(n).at(-1);
  if (!left || !right || left.id === right.id) return EMPTY;
  const augment = /augmented/.test(n.type) || /^[^=]*[-+*/%|&]=/.test(n.text.slice(left.endIndex - n.startIndex, right.startIndex - n.startIndex));
  if (n.type === 'assignment_statement' && left.type === 'expression_list' && right.type === 'expression_list') {
    const ls = w.sx.named(left);
    const rs = w.sx.named(right);
    const vs = rs.map((c) => w.ev(c));
    ls.forEach((l, i) => bindTarget(w, l, goResult(w, ls, i, rs, vs), undefined, augment));
    return EMPTY;
  }
  if (augment) {
    const v = w.ev(right);
    bindTarget(w, left, v, typeText(n.childForFieldName('type')), augment);
    return v;
  }
  return bindValue(w, left, right, typeText(n.childForFieldName('type')));
}

/** `target = value`: binds the value; a variable set to an object literal keeps its keys (Entry.objKeys). */
function bindValue(w: Walker, target: Node, value: Node | null, type: string | undefined): V {
  const lit = value && (value.type === 'object' || value.type === 'dictionary') ? objectLiteral(w, value) : undefined;
  const v = lit ? lit.v : value ? w.ev(value) : val({});
  // `Set<String> patientIds = finder.findPatientsInResource(request)`: the record the initializer's own call
  // or read was taken for is ids, as the declared type says (the callee may be in another file).
  // (Also when assigned later: `patientSet = finder.findPatientsInResource(request)` keeps its declared type.)
  if (value && isIdent(target) && holdsIdsOnly(type ?? w.u.scope.get(target.text)?.type, target.text)) {
    for (const k in v.l) {
      if (!w.isWhole(k)) continue;
      const src = w.sources[+k.slice(1)];
      if (src.cat === 'record' && within(src.r, value)) src.idOnly = 1;
    }
  }
  bindTarget(w, target, v, type, false, value ?? undefined);
  if (lit?.keys && isIdent(target)) {
    const e = w.u.scope.get(target.text);
    if (e) e.objKeys = lit.keys;
  }
  return v;
}

function elementsOf(w: Walker, v: V, left: Node, right: Node): V {
  const step = w.step(left, `element of \`${right.text.length > 40 ? right.text.slice(0, 37) + '…' : right.text}\``);
  const out = val(withStep(v.l, step), v.who, prov(v, step));
  out.safe = v.safe;
  return out;
}

/** for-each loops and comprehensions: the loop variable is an element of the iterated value. */
export function evalLoop(w: Walker, n: Node): V {
  let left: Node | null = null;
  let right: Node | null = null;
  let type: string | undefined;
  const kids = w.sx.named(n);
  switch (n.type) {
    case 'for_in_statement':
    case 'for_statement':
    case 'foreach_statement': {
      left = n.childForFieldName('left');
      right = n.childForFieldName('right');
      type = typeText(n.childForFieldName('type'));
      if (w.fam === 'kotlin') {
        left = kids.find((c) => c.type === 'variable_declaration' || c.type === 'multi_variable_declaration') ?? null;
        right = left ? kids[kids.findIndex((c) => c.id === left!.id) + 1] ?? null : null;
      }
      if (w.fam === 'swift') {
        // for sample in samples { … }: fields item (a pattern) and collection.
        const item = n.childForFieldName('item');
        left = item?.type === 'pattern' ? w.sx.named(item).find((c) => c.type === 'simple_identifier') ?? item : item;
        right = n.childForFieldName('collection');
      }
      if (w.fam === 'go') {
        const rc = kids.find((c) => c.type === 'range_clause');
        left = rc?.childForFieldName('left') ?? null;
        right = rc?.childForFieldName('right') ?? null;
      }
      break;
    }
    case 'enhanced_for_statement':
      left = n.childForFieldName('name');
      right = n.childForFieldName('value');
      type = typeText(n.childForFieldName('type'));
      break;
    default: {
      // Comprehensions: the for clauses first, then the body.
      const outs: V[] = [];
      for (const c of kids) {
        if (c.type === 'for_in_clause') {
          const l = c.childForFieldName('left');
          const r = c.childForFieldName('right');
          if (l && r) bindTarget(w, l, elementsOf(w, w.ev(r), l, r));
        }
      }
      for (const c of kids) {
        if (c.type === 'for_in_clause') continue;
        if (c.type === 'if_clause') w.ev(c);
        else outs.push(w.ev(c));
      }
      return join(outs);
    }
  }
  if (!left || !right) {
    for (const c of kids) w.ev(c);
    return EMPTY;
  }
  const rv = w.ev(right);
  const keysOnly = n.type === 'for_in_statement' && n.children.some((c) => c && !c.isNamed && c.text === 'in');
  let elem = keysOnly ? val({}) : elementsOf(w, rv, left, right);
  if (w.fam === 'go' && left.type === 'expression_list') {
    const ls = w.sx.named(left);
    ls.forEach((l, i) => bindTarget(w, l, i === ls.length - 1 && ls.length > 1 ? elem : val({})));
    elem = EMPTY;
  } else bindTarget(w, left, elem, type);
  for (const c of kids) if (c.id !== left.id && c.id !== right.id && c.type !== 'range_clause') w.ev(c);
  return EMPTY;
}

export function evalReturn(w: Walker, n: Node): V {
  if (n.type === 'jump_expression' && !/^return\b/.test(n.text)) return join(w.evAll(w.sx.named(n)));
  const kids = w.sx.named(n);
  const v = kids.length ? join(w.evAll(kids)) : EMPTY;
  const rets = w.u.lambdaRets[w.u.lambdaRets.length - 1];
  if (rets) rets.push(v);
  else mergeLabels(w.u.fact.ret, withStep(v.l, w.step(n, 'returned')));
  return EMPTY;
}

/** Python `with open(p, "w") as f` / `except E as e`: the alias is bound to the value. */
export function evalWithAlias(w: Walker, n: Node): V {
  const kids = w.sx.named(n);
  const v = kids[0] ? w.ev(kids[0]) : EMPTY;
  const alias = n.childForFieldName('alias') ?? kids[1];
  const target = alias?.type === 'as_pattern_target' ? w.sx.named(alias)[0] : alias;
  if (target && n.parent?.type !== 'except_clause') bindTarget(w, target, v);
  return v;
}

/** An inline callback: walked in place, its first parameter bound to `elem`; its value is what it returns. */
export function evalInlineLambda(w: Walker, n: Node, elem: V | undefined): V {
  const outer = w.u.scope;
  w.u.scope = new Scope(outer);
  w.u.lambdaRets.push([]);
  try {
    const { params } = paramsOf(w.fam, n);
    if (w.fam === 'kotlin' && n.type === 'lambda_literal' && !params.length && elem) setVar(w, 'it', elem, n);
    params.forEach((p, i) => {
      const v: V = i === 0 && elem ? elem : val({});
      if (p.pattern) bindTarget(w, p.pattern, v);
      else setVar(w, p.name, v, p.node, p.type);
    });
    if (w.fam === 'kotlin' && n.type === 'lambda_literal') {
      const kids = w.sx.named(n).filter((c) => c.type !== 'lambda_parameters');
      let last: V = EMPTY;
      for (const k of kids) last = k.type === 'statements' ? evalStatements(w, k) : w.ev(k);
      w.u.lambdaRets[w.u.lambdaRets.length - 1].push(last);
    } else {
      const body = funcBody(w.fam, n);
      if (body) {
        const v = w.ev(body);
        if (!/^(statement_block|block|function_body)$/.test(body.type)) w.u.lambdaRets[w.u.lambdaRets.length - 1].push(v);
      }
    }
  } finally {
    w.u.scope = outer;
  }
  const rets = w.u.lambdaRets.pop() ?? [];
  const out = val({});
  out.fn = join(rets);
  return out;
}

function evalStatements(w: Walker, n: Node): V {
  let last: V = EMPTY;
  for (const k of w.sx.named(n)) last = w.ev(k);
  return last;
}

/** Is a range inside a node's? */
function within(r: readonly number[], n: Node): boolean {
  const [sr, sc, er, ec] = n.rowColRange();
  return (r[0] > sr || (r[0] === sr && r[1] >= sc)) && (r[2] < er || (r[2] === er && r[3] <= ec));
}
