/**
 * check(): resolves the labels of every file's function summaries (facts.ts) into sources, across
 * functions and files, and reports each source that reaches a sink, at the sink, with the flow.
 *
 *  - expand(F, labels): the atoms a set of labels of function F stands for: sources (s, and n / t
 *    labels the policy or a workspace data class makes sources) and F's parameters; call results (r)
 *    through the callee's return summary (parameters substituted by the call's arguments), or the
 *    call's inputs when the callee is a library function that is no sanitizer;
 *  - paramSinks(G): which parameters of G reach which sinks, directly or through G's calls;
 *  - findings: sources reaching a sink of the same function, or a sink of a callee through its arguments.
 * Every summary is computed once (memoised; recursion cut at the cycle), so check is linear in the
 * number of calls times the sinks reached through them.
 */
import { dirOf, isMadeUpDataPath } from '../code/paths';
import type { CheckContext } from '../engine/analyzer';
import { ruleInfo } from '../rules/registry';
import type { Finding, RelatedLocation } from '../types';
import type { CallFact, Labels, PrivacyFacts, PrivacyRule, R4, SinkFact, SourceFact } from './facts';
import { CAT_RANK, manifestLinks, privacyMessage, type SourceInfo } from './messages';
import { calleeMatches, privacyPolicy, type PrivacyPolicy } from './policy';
import { FunctionIndex, type FnRef } from './resolve';
import { isSanitizerName, matchName, respellsCredential } from './taxonomy';

interface PStep {
  path: string;
  r: R4;
  m: string;
}

/** A parameter named for an id (`id`, `patientId`, `uuid`, `ref`). */
const ID_PARAM = /^(id|ids|uuid|guid|ref|reference)$|[a-z0-9_](Id|Ids|ID|IDs|Uuid|UUID|Guid|GUID|Ref|Reference|_id|_ids|_uuid|_ref)$/;

interface Atom {
  /** A source: in a file (idx ≥ 0) or made by the policy / a data class (syn). */
  src?: { file: string; idx: number; syn?: SourceFact };
  param?: number;
  steps: PStep[];
  /** As Trace.f: 1 content of a parameter / call result, 2 a neutral field of it. */
  f?: 1 | 2;
  /** Came in as an argument of a call that reaches no workspace function (its result is made from it). */
  arg?: 1;
  /** As Trace.x: went through a library call that hands no credential back (a parameter's secrets are dropped). */
  x?: 1;
}

/** The stronger of two field marks. */
function fieldOf(a: 1 | 2 | undefined, b: 1 | 2 | undefined): 1 | 2 | undefined {
  return a === 2 || b === 2 ? 2 : a ?? b;
}

interface SinkRef {
  file: string;
  sink: SinkFact;
}

interface ParamSink {
  param: number;
  sink: SinkRef;
  steps: PStep[];
  /** The parameter reaches the sink through a library call that hands no credential back (Trace.x). */
  x?: 1;
}

/** Is the atom a credential that a Trace.x mark says is not in the value? */
function droppedSecret(e: { sourceOf(a: Atom): SourceFact }, x: 1 | undefined, a: Atom): boolean {
  return !!x && !!a.src && e.sourceOf(a).cat === 'secret';
}

const MAX_ATOMS = 16;
const MAX_PSTEPS = 10;
const MAX_PARAM_SINKS = 48;

function cat(steps: PStep[], more: PStep[]): PStep[] {
  if (!more.length) return steps;
  const out = steps.concat(more);
  return out.length > MAX_PSTEPS ? [...out.slice(0, 3), ...out.slice(out.length - (MAX_PSTEPS - 3))] : out;
}

class Engine {
  private readonly idx: FunctionIndex;
  private readonly policy: PrivacyPolicy;
  private readonly retMemo = new Map<number, Atom[] | null>();
  private readonly callMemo = new Map<string, Atom[]>();
  private readonly psMemo = new Map<number, ParamSink[] | null>();
  private readonly targets = new Map<string, FnRef | null>();
  private readonly facts: ReadonlyMap<string, PrivacyFacts>;

  constructor(ctx: CheckContext<PrivacyFacts>) {
    this.facts = ctx.facts;
    this.idx = new FunctionIndex(ctx.facts);
    this.policy = privacyPolicy(ctx.manifest);
  }

  get refs(): readonly FnRef[] {
    return this.idx.refs;
  }

  target(F: FnRef, i: number): FnRef | undefined {
    const key = `${F.id}:${i}`;
    let t = this.targets.get(key);
    if (t === undefined) {
      t = this.idx.resolve(F, F.fn.calls[i]) ?? null;
      if (t && t.id === F.id) t = null;
      this.targets.set(key, t);
    }
    return t ?? undefined;
  }

  private steps(F: FnRef, s: { r: R4; m: string }[]): PStep[] {
    return s.map((x) => ({ path: F.file, r: x.r, m: x.m }));
  }

  private synthetic(what: string, expr: string, whole: boolean): SourceFact {
    return { cat: whole ? 'record' : 'personal', what, expr, r: [0, 0, 0, 0], how: 'name', ...(whole ? { whole: 1 as const } : {}) };
  }

  expand(F: FnRef, labels: Labels): Atom[] {
    const out: Atom[] = [];
    for (const k in labels) {
      if (out.length >= MAX_ATOMS) break;
      const t = labels[k];
      const steps = this.steps(F, t.s);
      const c = k[0];
      if (c === 's') {
        const n = +k.slice(1);
        const src = F.facts.sources[n];
        if (!src || (t.f && src.whole)) continue;
        out.push({ src: { file: F.file, idx: n }, steps, f: t.f, ...(t.d ? { arg: 1 as const } : {}) });
      } else if (c === 'p') out.push({ param: +k.slice(1), steps, f: t.f, ...(t.d ? { arg: 1 as const } : {}), ...(t.x ? { x: 1 as const } : {}) });
      else if (c === 'r') {
        for (const a of this.callResult(F, +k.slice(1))) {
          if (t.f && a.src && this.sourceOf(a).whole) continue;
          if (droppedSecret(this, t.x, a)) continue;
          // A neutral field of what a library made from the value (Trace.d): `newAlert.name` of an alert a
          // workspace function chose by querying alerts with the glucose value.
          // (An object built from the result holds it, Trace.h: its fields are the value again.)
          if (t.f === 2 && a.arg && !t.h) continue;
          const atom: Atom = { ...a, steps: cat(a.steps, steps), f: fieldOf(a.f, t.f) };
          if (t.d) atom.arg = 1;
          else if (t.h) delete atom.arg;
          out.push(atom);
        }
      } else if (k.startsWith('n:') && this.policy.identifiers.length) {
        const name = k.slice(2);
        const m = matchName(name, { extra: this.policy.identifiers });
        if (m && !t.f) out.push({ src: { file: F.file, idx: -1, syn: { ...this.synthetic(m.what, name, false), r: steps[0]?.r ?? F.fn.r } }, steps: steps.slice(1) });
      } else if (k.startsWith('t:') && !t.f) {
        const type = k.slice(2);
        const dc = this.idx.importedFromOutside(type, F.file) ? undefined : this.idx.dataClass(type, F.file);
        if (this.policy.types.has(type) || (dc && (dc.cat === 'health' || dc.cat === 'genetic' || dc.cat === 'biometric' || Object.keys(dc.data).length >= 2))) {
          const what = dc ? `${type} (holds ${Object.values(dc.data).filter((v, i, a) => a.indexOf(v) === i).slice(0, 3).join(', ')})` : `${type} record`;
          const syn: SourceFact = { ...this.synthetic(what, type, true), cat: dc?.cat ?? 'record', r: steps[0]?.r ?? F.fn.r };
          if (dc && !dc.printable) syn.opaque = 1;
          out.push({ src: { file: F.file, idx: -1, syn }, steps: steps.slice(1) });
        } else if (dc?.secrets && dc.printable) {
          // A configuration or credentials value printed whole prints its secret (`log.Printf("config %v", cfg)`).
          const syn: SourceFact = { ...this.synthetic(`${type} (holds ${dc.secrets.slice(0, 3).join(', ')})`, type, true), cat: 'secret', r: steps[0]?.r ?? F.fn.r };
          out.push({ src: { file: F.file, idx: -1, syn }, steps: steps.slice(1) });
        }
      }
    }
    return out;
  }

  /**
   * A value named like data whose declared class is a workspace class that holds data but whose string form
   * shows none of it (no toString / __repr__, not a data class or record): `"info " + detailedBolusInfo` logs
   * `DetailedBolusInfo@1b6d3586`.
   */
  opaqueType(src: SourceFact, file: string): boolean {
    if (!src.type || this.idx.importedFromOutside(src.type, file)) return false;
    const dc = this.idx.dataClass(src.type, file);
    return !!dc && !dc.printable;
  }

  sourceOf(a: Atom): SourceFact {
    const s = a.src!;
    if (s.syn) return s.syn;
    return (this.facts.get(s.file) as PrivacyFacts).sources[s.idx];
  }

  private isSanitizer(call: CallFact): boolean {
    return calleeMatches(this.policy.sanitizers, call.name, call.text) || isSanitizerName(call.name);
  }

  /** Labels of the argument a call passes to parameter j of G. */
  argLabels(call: CallFact, G: FnRef, j: number): Labels {
    const name = G.fn.params[j];
    if (name && call.kw && Object.hasOwn(call.kw, name)) return call.kw[name];
    return call.a[j] ?? {};
  }

  /**
   * What the caller passes to parameter j of G. A whole record handed to a parameter named for an id
   * (`fetchPatient(baseUrl, id)` called with `patient`) is that record's id: the callee's signature says what
   * it takes (a state variable named `patient` that holds the id).
   */
  argAtoms(F: FnRef, call: CallFact, G: FnRef, j: number): Atom[] {
    const atoms = this.expand(F, this.argLabels(call, G, j));
    if (!ID_PARAM.test(G.fn.params[j] ?? '')) return atoms;
    return atoms.map((a) => {
      if (!a.src || a.f) return a;
      const s = this.sourceOf(a);
      return s.whole && s.cat === 'record' && !s.idOnly ? { ...a, src: { file: a.src.file, idx: -1, syn: { ...s, idOnly: 1 as const } } } : a;
    });
  }

  callResult(F: FnRef, i: number): Atom[] {
    const key = `${F.id}:${i}`;
    const memo = this.callMemo.get(key);
    if (memo) return memo;
    this.callMemo.set(key, []);
    const call = F.fn.calls[i];
    const out: Atom[] = [];
    if (call && !this.isSanitizer(call)) {
      const G = this.target(F, i);
      if (G && !call.isNew) {
        const callStep: PStep = { path: F.file, r: call.r, m: `returned by \`${call.text}()\`` };
        // A bag read under a key that names no credential (`getSecret(SecretsKeys.PROJECT_API, secrets)`).
        const plainKey: 1 | undefined = call.key !== undefined && matchName(call.key)?.cat !== 'secret' ? 1 : undefined;
        for (const a of this.retAtoms(G)) {
          if (out.length >= MAX_ATOMS) break;
          if (a.src) {
            if (!droppedSecret(this, plainKey, a)) out.push({ ...a, steps: cat(a.steps, [callStep]) });
          } else if (a.param !== undefined) {
            for (const b of this.argAtoms(F, call, G, a.param)) {
              // The callee reads a neutral field of a parameter the caller made by a library call (Trace.d).
              if (a.f === 2 && b.arg) continue;
              if (droppedSecret(this, a.x ?? plainKey, b)) continue;
              const atom: Atom = { ...b, steps: cat(cat(b.steps, a.steps), [callStep]), f: fieldOf(a.f, b.f) };
              if (a.arg || b.arg) atom.arg = 1;
              if (a.x) atom.x = 1;
              out.push(atom);
            }
          }
        }
      } else {
        const all: Labels = {};
        for (const l of call.a) Object.assign(all, l);
        for (const k in call.kw ?? {}) Object.assign(all, call.kw![k]);
        if (call.rl) Object.assign(all, call.rl);
        // A library call (fetch, execute, a digest) returns something made from a credential, not the credential.
        let keepSecrets: boolean | undefined;
        // As the walker decided (calls.ts holdsInputs): a method's result is made from its arguments, an
        // object constructed from them holds them.
        const holds = call.holds === 1;
        for (const k in all) {
          const arg = !holds && (!call.rl || !Object.hasOwn(call.rl, k));
          for (const a of this.expand(F, { [k]: all[k] })) {
            if (out.length >= MAX_ATOMS) break;
            if (a.src && this.sourceOf(a).cat === 'secret' && !(keepSecrets ??= respellsCredential(call.name))) continue;
            // (A parameter's secrets are known only where it is bound: marked, as the walker marks them, Trace.x.)
            const b = a.param !== undefined && !a.x && !(keepSecrets ??= respellsCredential(call.name)) ? { ...a, x: 1 as const } : a;
            if (holds && b.arg) {
              const { arg: _, ...held } = b;
              out.push(held);
            } else out.push(arg && !b.arg ? { ...b, arg: 1 } : b);
          }
        }
      }
    }
    this.callMemo.set(key, out);
    return out;
  }

  retAtoms(G: FnRef): Atom[] {
    const m = this.retMemo.get(G.id);
    if (m !== undefined) return m ?? [];
    this.retMemo.set(G.id, null);
    const out = this.expand(G, G.fn.ret);
    this.retMemo.set(G.id, out);
    return out;
  }

  /** A project sink (policy.privacy.sinks): logs and audit trails are to-log, anything else leaves the system. */
  policySink(call: CallFact): PrivacyRule | undefined {
    if (!this.policy.sinks.length || !calleeMatches(this.policy.sinks, call.name, call.text)) return undefined;
    return /log|audit|print|trace|journal/i.test(call.text) ? 'to-log' : 'to-third-party';
  }

  /** The sinks a function's parameters reach, directly or through its calls. */
  paramSinks(G: FnRef): ParamSink[] {
    const m = this.psMemo.get(G.id);
    if (m !== undefined) return m ?? [];
    this.psMemo.set(G.id, null);
    const out: ParamSink[] = [];
    const add = (p: ParamSink) => {
      if (out.length < MAX_PARAM_SINKS && !out.some((o) => o.param === p.param && o.sink.sink === p.sink.sink)) out.push(p);
    };
    for (const s of G.fn.sinks) {
      for (const a of this.expand(G, s.l)) if (a.param !== undefined && !a.f) add({ param: a.param, sink: { file: G.file, sink: s }, steps: a.steps, ...(a.x ? { x: 1 as const } : {}) });
    }
    G.fn.calls.forEach((call, i) => {
      const rule = this.policySink(call);
      if (rule) {
        const sink: SinkFact = { rule, r: call.r, api: call.text, l: {} };
        for (const l of [...call.a, ...Object.values(call.kw ?? {})]) for (const a of this.expand(G, l)) if (a.param !== undefined && !a.f) add({ param: a.param, sink: { file: G.file, sink }, steps: a.steps, ...(a.x ? { x: 1 as const } : {}) });
      }
      const H = this.target(G, i);
      if (!H) return;
      const callStep: PStep = { path: G.file, r: call.r, m: `passed to \`${call.text}()\`` };
      for (const ps of this.paramSinks(H)) {
        for (const a of this.argAtoms(G, call, H, ps.param)) {
          if (a.param !== undefined && !a.f) add({ param: a.param, sink: ps.sink, steps: cat(cat(a.steps, [callStep]), ps.steps), ...(a.x || ps.x ? { x: 1 as const } : {}) });
        }
      }
    });
    this.psMemo.set(G.id, out);
    return out;
  }
}

interface Group {
  sink: SinkRef;
  atoms: { atom: Atom; src: SourceFact; file: string; steps: PStep[] }[];
}

/**
 * An internal patient / record id alone is no finding except for third parties (it links their data to
 * the patient): logs, errors, URLs and stores use such ids routinely. With other data it is named too.
 */
function idOnlyGroup(g: Group): boolean {
  return g.sink.sink.rule !== 'to-third-party' && g.atoms.every((a) => a.src.idOnly);
}

export function checkPrivacy(ctx: CheckContext<PrivacyFacts>): Finding[] {
  const tests = new Set(ctx.files.filter((f) => f.isTest).map((f) => f.path));
  const e = new Engine(ctx);
  const groups = new Map<string, Group>();
  // `iob`, `bg`… are data only where the code speaks diabetes therapy (Term.domain): in a folder with a file
  // that does (a pump driver's), not in a JPEG codec's folder of an imaging toolkit whose DICOM dictionary
  // mentions a contrast bolus.
  const diabetesDirs = new Set<string>();
  for (const [p, f] of ctx.facts) if ((f as PrivacyFacts | undefined)?.diabetes) diabetesDirs.add(dirOf(p));
  const speaksDiabetes = (file: string) => diabetesDirs.has(dirOf(file)) || diabetesDirs.has(dirOf(dirOf(file)));
  const report = (sink: SinkRef, atoms: Atom[], extra: PStep[]) => {
    // Test code, and code for made-up data (demo seeders, synthetic-record generators, samples).
    if (tests.has(sink.file) || isMadeUpDataPath(sink.file)) return;
    for (const a of atoms) {
      if (!a.src || (a.f && e.sourceOf(a).whole)) continue;
      const src = e.sourceOf(a);
      // A value whose string form hides its fields logs nothing of them (serialisers elsewhere do show them).
      if (!src || ((src.opaque || e.opaqueType(src, a.src.file)) && (sink.sink.rule === 'to-log' || sink.sink.rule === 'to-error'))) continue;
      if (src.dom && !speaksDiabetes(a.src.file)) continue;
      // A URL builder that picks fields, or a query parameter's string value: the whole record is not in it.
      if (sink.sink.picks && src.whole && src.cat === 'record' && !a.f) continue;
      // A credential counts only where it is logged, and as its own rule (CWE-532): sending an API key to
      // its API or a token to its server is what they are for.
      let rule = sink.sink.rule;
      // (A password a declared client puts into the query string is in-url: CWE-598.)
      if (src.cat === 'secret' && !(sink.sink.declared && rule === 'in-url')) {
        // Within the file that reads it: followed further, through configuration maps and request/response
        // objects, a secret taints everything it touches (measured on OpenMRS: module lists, command output).
        if (rule !== 'to-log' || a.src.file !== sink.file) continue;
        rule = 'secret-to-log';
      }
      const key = `${sink.file}\0${sink.sink.r.join(',')}\0${rule}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { sink: rule === sink.sink.rule ? sink : { ...sink, sink: { ...sink.sink, rule } }, atoms: [] }));
      if (g.atoms.length < 12) g.atoms.push({ atom: a, src, file: a.src.file, steps: cat(a.steps, extra) });
    }
  };
  for (const F of e.refs) {
    for (const s of F.fn.sinks) report({ file: F.file, sink: s }, e.expand(F, s.l), []);
    F.fn.calls.forEach((call, i) => {
      const rule = e.policySink(call);
      if (rule) {
        const all: Labels = {};
        for (const l of [...call.a, ...Object.values(call.kw ?? {})]) Object.assign(all, l);
        report({ file: F.file, sink: { rule, r: call.r, api: call.text, l: all } }, e.expand(F, all), []);
      }
      const H = e.target(F, i);
      if (!H) return;
      const callStep: PStep = { path: F.file, r: call.r, m: `passed to \`${call.text}()\`` };
      for (const ps of e.paramSinks(H)) {
        report(ps.sink, e.argAtoms(F, call, H, ps.param).filter((a) => !droppedSecret(e, ps.x, a)), [callStep, ...ps.steps]);
      }
    });
  }
  const links = manifestLinks(ctx.manifest);
  dedupeUrls(groups);
  const out: Finding[] = [];
  for (const g of groups.values()) if (g.atoms.length && !idOnlyGroup(g)) out.push(toFinding(g, links, !!ctx.facts.get(g.sink.file)?.cli));
  return out;
}

/**
 * A value put into a URL is reported where it goes in (`addQueryParameter("dob", dob)`), not again where the
 * finished URL is used (`Request.Builder().url(url)`): each source counts once per file for in-url.
 */
function dedupeUrls(groups: Map<string, Group>): void {
  const urls = [...groups.values()].filter((g) => g.sink.sink.rule === 'in-url');
  urls.sort((a, b) => (a.sink.file < b.sink.file ? -1 : a.sink.file > b.sink.file ? 1 : a.sink.sink.r[0] - b.sink.sink.r[0] || a.sink.sink.r[1] - b.sink.sink.r[1]));
  const seen = new Set<string>();
  for (const g of urls) {
    const keep = g.atoms.filter((a) => {
      const k = `${g.sink.file}\0${a.file}\0${a.src.r.join(',')}\0${a.src.what}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
    g.atoms = keep;
  }
}

function rel(path: string, r: R4, message: string): RelatedLocation {
  return { path, range: { start: { line: r[0], character: r[1] }, end: { line: r[2], character: r[3] } }, message };
}

function toFinding(g: Group, links: ReturnType<typeof manifestLinks>, cli = false): Finding {
  const { sink, file } = g.sink;
  const best = [...g.atoms].sort((a, b) => CAT_RANK[b.src.cat] - CAT_RANK[a.src.cat] || Number(!!a.src.idOnly) - Number(!!b.src.idOnly) || a.steps.length - b.steps.length)[0];
  const infos: SourceInfo[] = g.atoms.map((a) => ({ cat: a.src.cat, what: a.src.what, expr: a.src.expr, idOnly: !!a.src.idOnly }));
  infos.sort((a, b) => (a.expr === best.src.expr ? -1 : b.expr === best.src.expr ? 1 : 0));
  const flow: RelatedLocation[] = [];
  for (const p of best.src.pre ?? []) flow.push(rel(best.file, p.r, p.m));
  flow.push(rel(best.file, best.src.r, `${best.src.what} read here (\`${best.src.expr}\`)`));
  for (const s of best.steps) {
    const last = flow[flow.length - 1];
    if (last.path === s.path && last.range.start.line === s.r[0] && last.range.start.character === s.r[1]) continue;
    flow.push(rel(s.path, s.r, s.m));
  }
  const rule = `privacy/${sink.rule}`;
  // Connection logs name the peer's address: security event logging asks for it (IEC 81001-5-1, IEC 62443-3-3
  // SR 2.8), and the peer is often a device (a modality, a pump). Shown, at hint level, not claimed.
  const addressOnly = sink.rule === 'to-log' && infos.every((i) => i.what === 'IP address');
  // A command-line program's standard output is what its user asked to see, not a log kept by others.
  const output = (sink.rule === 'to-log' || sink.rule === 'secret-to-log') && cli && !!sink.out;
  // An assertion whose own words say its branch cannot run (exhaustive `when`, sealed classes): stated, not claimed.
  const unreachable = !!sink.unreachable;
  // In a private function nothing in its file calls: dead code, unless a framework finds it by reflection.
  const uncalled = !!sink.uncalled && !unreachable;
  return {
    ruleId: rule,
    severity: addressOnly || output || unreachable || uncalled ? 'hint' : ruleInfo(rule)?.defaultSeverity ?? 'warning',
    message:
      privacyMessage(sink.rule, sink.api, sink.detail, infos, links) +
      (addressOnly ? ' Only a network address is logged: security event logs need the peer\'s address (IEC 81001-5-1, IEC 62443-3-3 SR 2.8), so this is a hint; keep such logs\' retention short and their access limited when the peers are people\'s devices.' : '') +
      (output && !addressOnly ? ' This file is a command-line program and this prints to its standard output: the output its user asked for, not a log, so this is a hint. If the program runs unattended (CI, cron, a container), its output is a log: leave the value out.' : '') +
      (unreachable ? ' The exception\'s own text says this branch cannot run, so this is a hint; if it can, leave the value out of the message.' : '') +
      (uncalled ? ' It is in a private function that nothing in its file calls, so this is a hint; if it is called (by reflection, or once a caller is added), leave the value out.' : ''),
    path: file,
    range: { start: { line: sink.r[0], character: sink.r[1] }, end: { line: sink.r[2], character: sink.r[3] } },
    flow,
    data: { categories: [...new Set(infos.map((i) => i.cat))], data: [...new Set(infos.map((i) => i.what))], sink: sink.api, ...(links.requirements.length ? { requirements: links.requirements } : {}), ...(links.risks.length ? { risks: links.risks } : {}) },
  };
}
