/**
 * The abstract value collect() computes for an expression: which labels (facts.ts) it may carry, whether
 * it is known to carry no personal data (a constant, a count, a hash), and what else the sink models
 * need to know about it (a known string, the channel it is connected to, its declared type, the person
 * it is about, where it came from).
 */
import type { SyntaxNode as Node } from '../syntax/flatTree';
import { cleartextUrl, type Channel } from './apis';
import type { Labels, R4, Step, Trace } from './facts';

export interface V {
  l: Labels;
  /** Known to hold no personal data: literal, count, boolean, sanitizer result. */
  safe?: 1;
  /** Known string value, or its known prefix (`pre: 1`). */
  str?: string;
  pre?: 1;
  ch?: Channel;
  chd?: string;
  /** Declared or constructed type name. */
  type?: string;
  /** Person word this value is about (`patient`), qualifies names read from it. */
  who?: string;
  /** Where the value came from (parameter, loop variable, assignment), for flows of names read from it. */
  prov?: Step[];
  /** Values of a lambda / callback body (what a map() returns). */
  fn?: V;
}

/** The trace of a label where it starts (no steps yet). Shared by every new label, so never mutated:
 * steps are added by withStep(), which makes new traces. */
export const ORIGIN: Trace = { s: [] };

export const MAX_LABELS = 24;
export const MAX_STEPS = 6;

export const EMPTY: V = Object.freeze({ l: {} }) as V;
export const SAFE: V = Object.freeze({ l: {}, safe: 1 }) as V;

export function r4(n: Node): R4 {
  return n.rowColRange();
}

export function hasLabels(v: V): boolean {
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
    if (t.f || (field && (k[0] === 'p' || k[0] === 'r'))) nt.f = 1;
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
  const out: V = { l };
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
  // A new object of the fields a concatenation keeps (not `{ ...out }`: spreading was a hotspot).
  const r: V = { l: out.l };
  if (out.safe) r.safe = out.safe;
  if (out.who !== undefined) r.who = out.who;
  if (out.prov !== undefined) r.prov = out.prov;
  if (out.pre) r.pre = out.pre;
  if (out.ch !== undefined) r.ch = out.ch;
  if (out.chd !== undefined) r.chd = out.chd;
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
    delete r.ch;
    delete r.chd;
  }
  return r;
}

export function labelsOf(v: V): Labels {
  return v.l;
}
