/**
 * The abstract value collect() computes for an expression: which labels (facts.ts) it may carry, whether
 * it is known to carry no personal data (a constant, a count, a hash), and what else the sink models
 * need to know about it (a known string, the channel it is connected to, its declared type, the person
 * it is about, where it came from).
 */
import type { SyntaxNode as Node } from '../syntax/flatTree';
import { cleartextUrl, type Channel } from './apis';
import type { Labels, R4, Step, Trace } from './facts';

/**
 * One class with every field always present (undefined when unknown), so that the walker's many reads of
 * these fields see one object shape: as object literals with optional fields set in varying orders, values
 * came in dozens of shapes and the reads were megamorphic. Build with `val()` / `safeVal()` / `withLabels()`.
 */
export class V {
  /** Keeps object literals out: a `{ l: … }` written where a V is expected does not type-check. */
  declare private readonly nominal: never;
  l: Labels;
  /** Known to hold no personal data: literal, count, boolean, sanitizer result. */
  safe: 1 | undefined = undefined;
  /** Known string value, or its known prefix (`pre: 1`). */
  str: string | undefined = undefined;
  pre: 1 | undefined = undefined;
  ch: Channel | undefined = undefined;
  chd: string | undefined = undefined;
  /** Declared or constructed type name. */
  type: string | undefined = undefined;
  /** Person word this value is about (`patient`), qualifies names read from it. */
  who: string | undefined = undefined;
  /** Where the value came from (parameter, loop variable, assignment), for flows of names read from it. */
  prov: Step[] | undefined = undefined;
  /** Values of a lambda / callback body (what a map() returns). */
  fn: V | undefined = undefined;
  constructor(l: Labels) {
    this.l = l;
  }
}

/** A value with these labels and nothing else known. */
export function val(l: Labels, who?: string, prov?: Step[]): V {
  const v = new V(l);
  v.who = who;
  v.prov = prov;
  return v;
}

/** A value known to hold no personal data, with its string when known. */
export function safeVal(str?: string): V {
  const v = new V({});
  v.safe = 1;
  v.str = str;
  return v;
}

/** v with the channel a call connects to: a copy when there is one, else v itself. */
export function withChannel(v: V, ch: Channel | undefined, chd: string | undefined): V {
  if (!ch) return v;
  const out = withLabels(v, v.l);
  out.ch = ch;
  out.chd = chd;
  return out;
}

/** A copy of v (any V, a variable's entry included) with other labels. */
export function withLabels(v: V, l: Labels): V {
  const out = new V(l);
  out.safe = v.safe;
  out.str = v.str;
  out.pre = v.pre;
  out.ch = v.ch;
  out.chd = v.chd;
  out.type = v.type;
  out.who = v.who;
  out.prov = v.prov;
  out.fn = v.fn;
  return out;
}

/** The trace of a label where it starts (no steps yet). Shared by every new label, so never mutated:
 * steps are added by withStep(), which makes new traces. */
export const ORIGIN: Trace = { s: [] };

export const MAX_LABELS = 24;
export const MAX_STEPS = 6;

export const EMPTY = Object.freeze(new V(Object.freeze({}) as Labels)) as V;
export const SAFE = Object.freeze(safeVal()) as V;

export function r4(n: Node): R4 {
  return n.rowColRange();
}

export function hasLabels(v: { readonly l: Labels }): boolean {
  for (const _ in v.l) return true;
  return false;
}

function addSteps(s: Step[], more: readonly Step[]): Step[] {
  if (!more.length) return s;
  const out = s.slice();
  for (const m of more) {
    const last = out[out.length - 1];
    if (last && last.r[0] === m.r[0] && last.r[1] === m.r[1]) continue;
    out.push(m);
  }
  return out.length > MAX_STEPS ? [...out.slice(0, 2), ...out.slice(out.length - (MAX_STEPS - 2))] : out;
}

/** Labels with one more step (an assignment, a call). */
export function withStep(l: Labels, step: Step | undefined, field = false): Labels {
  const out: Labels = {};
  for (const k in l) {
    const t = l[k];
    const nt: Trace = { s: step ? addSteps(t.s, [step]) : t.s };
    if (t.f) nt.f = t.f;
    if (t.d) nt.d = 1;
    if (t.x) nt.x = 1;
    if (t.h) nt.h = 1;
    else if (field && (k[0] === 'p' || k[0] === 'r')) nt.f = 1;
    out[k] = nt;
  }
  return out;
}

export function mergeLabels(into: Labels, from: Labels): Labels {
  let n = Object.keys(into).length;
  for (const k in from) {
    if (k in into) continue;
    if (n >= MAX_LABELS) break;
    into[k] = from[k];
    n++;
  }
  return into;
}

/** Union of values (concatenation, collections, conditionals). */
export function join(vs: readonly V[]): V {
  if (vs.length === 0) return SAFE;
  if (vs.length === 1) return vs[0];
  let allSafe = true;
  let only: V | undefined;
  let count = 0;
  for (const v of vs) {
    if (v !== SAFE) allSafe = false;
    if (v !== SAFE && v !== EMPTY) {
      only = v;
      count++;
    }
  }
  if (allSafe) return SAFE;
  if (count === 0) return EMPTY;
  if (count === 1 && !only!.safe) return only!;
  const l: Labels = {};
  let safe = true;
  let who: string | undefined;
  let prov: Step[] | undefined;
  for (const v of vs) {
    mergeLabels(l, v.l);
    if (!v.safe) safe = false;
    who ??= v.who;
    if (!prov && v.prov && hasLabels(v)) prov = v.prov;
  }
  const out = new V(l);
  if (safe) out.safe = 1;
  if (who) out.who = who;
  // Channels do not flow through unions: a FHIR coding's "http://loinc.org" does not make its resource a connection.
  if (prov) out.prov = prov;
  return out;
}

/** String concatenation: labels of all parts, known prefix kept. */
export function concat(vs: readonly V[]): V {
  const out = join(vs);
  let s = '';
  let complete = true;
  for (const v of vs) {
    if (v.str === undefined) {
      complete = false;
      break;
    }
    s += v.str;
    if (v.pre) {
      complete = false;
      break;
    }
  }
  // The fields a concatenation keeps (not its type or callback values).
  const r = new V(out.l);
  r.safe = out.safe;
  r.who = out.who;
  r.prov = out.prov;
  r.pre = out.pre;
  r.ch = out.ch;
  r.chd = out.chd;
  if (s || complete) {
    r.str = s;
    if (!complete) r.pre = 1;
  }
  // A URL built from a cleartext base is that channel.
  const ch = s ? cleartextUrl(s) : undefined;
  if (ch) {
    r.ch = ch;
    r.chd = s.length > 80 ? s.slice(0, 77) + '…' : s;
  } else if (s && /^\s*(https|wss|mqtts|ftps):/i.test(s)) {
    r.ch = undefined;
    r.chd = undefined;
  }
  return r;
}

export function labelsOf(v: V): Labels {
  return v.l;
}
