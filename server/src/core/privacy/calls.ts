/**
 * Calls in the privacy walker: the receiver and arguments are evaluated, apis.ts decides whether the call
 * is a sink and which channel its result is, and the result's value follows from the callee — a getter
 * (`getDiagnosis()`), a keyed read (`rs.getString("dob")`), a data-fetching call (`getPatient(id)`,
 * `Patient.objects.get(…)`, FHIR / HL7 reads), a sanitizer or count (clean), a callback method
 * (`map(p => p.name)`), or else its inputs — kept symbolic (`r<n>`) when the callee may be a workspace
 * function, so that check() can use that function's summary or a policy sanitizer.
 */
import type { SyntaxNode as Node } from '../syntax/flatTree';
import type { CallShape, Family } from '../code/syntax';
import { classifyCall, NO_STRINGS, vendorOfType, type ArgInfo, type CallEffect, type CallSite } from './apis';
import { PRIVACY_FAMILIES } from './families';
import { memoised } from '../memo';
import { simpleType, type CallFact, type Labels } from './facts';
import { formatNaming, labelBefore, named } from './naming';
import { CLEAN_CALLBACKS, ELEMENT_CALLBACKS, isIdent, isLambda, MAPPING_CALLBACKS } from './lang';
import { callPropagation, respellsCredential, FHIR_TYPES, HL7_SEGMENTS, isSanitizerName, matchName, matchType, splitWords, type Category } from './taxonomy';
import { FLAG_WORD, META_FIELD_WORDS, META_METHOD_WORDS } from './terms';
import { EMPTY, hasLabels, join, mergeLabels, ORIGIN, r4, SAFE, safeVal, val, withChannel, type V } from './value';
import { objectLiteral } from './exprs';
import { keyText, type Walker } from './walker';

/** Methods that read a value by key: the key names the value. */
const KEY_GETTERS = /^(get|opt|getstring|getint|getlong|getdouble|getfloat|getboolean|getobject|getvalue|getattribute|getparameter|getheader|getstringextra|getintextra|getextra|optstring|optint|getjsonobject|getjsonarray|getasstring|getitem|get_item|getfield|getproperty|value|field|param|header|query|getquery|getqueryparameter|cookie|getcookie|getenv|getstr|getint64|getfirst|getone|pop|item)$/i;
/** Methods that store a value under a key, or add it to a collection: the receiver holds it afterwards. */
const WRITERS = /^(append|add|push|put|set|extend|insert|update|unshift|addall|putall|appendline|setdefault|putifabsent|enqueue|offer|addrange|append_|putextra|putstring|setattribute|setproperty|setvalue|merge|concat_|write|writerow|addproperty|addfield)$/i;
/** Call names whose result is a data fetch: get/load/… + what is fetched. */
const FETCH = /^(get|fetch|load|read|find|lookup|retrieve|query|select|search|list|pull|download|obtain|resolve)(?=[A-Z_])/;
const FETCH_RECV_METHODS = /^(find\w*|get\w*|fetch\w*|load\w*|read\w*|query|select|first|first_or_404|get_or_404|one|one_or_none|all|filter|filter_by|where|search|scalar|scalars|execute|retrieve|list|aggregate|single|singleordefault|firstordefault|tolist|tolistasync|firstordefaultasync|singleordefaultasync|findasync|findbyid|findone|findall|findunique|findfirst|findmany)$/i;
const REPO_SUFFIX = new Set(['repository', 'repo', 'dao', 'service', 'store', 'client', 'api', 'collection', 'table', 'model', 'manager', 'provider', 'resource', 'objects', 'query', 'db', 'set', 'dbset', 'context', 'mapper', 'gateway', 'adapter']);
const HL7_STR = /^\/?\.?(PID|PD1|NK1|PV1|PV2|OBX|DG1|AL1|IN1|IN2|GT1|PR1|RXE|RXA)([-.|/(]|\d|$)/;

/** A fetch call's noun that is metadata of a record, not the record (`getConceptUuid`, `getTypeName`). */
const FETCHED_META = /(^|_)(uuid|guid|id|ids|count|name|names|type|status|version|url|path|key|code)$/i;

/** The part of a fetch call's name that says what is fetched: getPatientById → Patient. */
function fetchedName(name: string): string | undefined {
  if (!FETCH.test(name) && !/^(get|fetch|load|read|find)_/.test(name)) return undefined;
  const words = splitWords(name).slice(1);
  const cut = words.findIndex((w) => /^(by|for|from|with|of|in|at|if|or|and|async)$/.test(w));
  const rest = (cut >= 0 ? words.slice(0, cut) : words).join('_');
  return rest || undefined;
}

function receiverNoun(path: string): string | undefined {
  const last = path.split('.').pop()?.replace(/\(\)$/, '') ?? '';
  const words = splitWords(last).slice();
  while (words.length > 1 && REPO_SUFFIX.has(words[words.length - 1])) words.pop();
  return words.length ? words.join('_') : undefined;
}

/** What a callee's name alone says (the same names recur on every call: tested once per name and thread). */
interface NameInfo {
  /** ("key", value) pairs name the value: map / bundle / attribute setters, structured logging (slog, zap). */
  keyNaming: boolean;
  /** `"{0}".format(x)`, `String.format(…)`. */
  formats: boolean;
  /** Response-body methods whose chain may carry an error status (`res.status(404).json(…)`). */
  body: boolean;
  writer: boolean;
  keyGetter: boolean;
  /** `getX()` / `isX()` / `hasX()`: [prefix, property] when the name is a getter. */
  getter: RegExpExecArray | null;
  /** Capitalised, not an ALL_CAPS constant: a class (Python and Go construct without `new`). */
  capitalised: boolean;
  hl7Segment: string | undefined;
  fetchRecv: boolean;
  fetched: string | undefined;
}

const nameInfo = memoised(
  (name: string): NameInfo => ({
    keyNaming: /^(put|set|add|append|with|track|log|record|store|save|insert|update|attribute|extra|param|field|capture|identify|emit|send|setitem|write|info|debug|warn|error|trace|fatal|notice|print|puts|d$|i$|w$|e$|v$)/i.test(name) || /^(String|Int|Int64|Any|Bool|Float64|Strings|Stringer|Str)$/.test(name),
    formats: /^(format|Format|formatted)$/.test(name),
    body: /^(json|send|end|body|entity|write|jsonp|render|type|html|text)$/.test(name),
    writer: WRITERS.test(name),
    keyGetter: KEY_GETTERS.test(name),
    getter: /^(get|is|has|Get)_?([A-Z_a-z]\w*)$/.exec(name),
    capitalised: /^[A-Z]/.test(name) && !/^[A-Z0-9_]+$/.test(name),
    hl7Segment: /^get(PID|NK1|OBX|DG1|PV1|AL1|IN1|GT1|PD1)$/.exec(name)?.[1],
    fetchRecv: FETCH_RECV_METHODS.test(name),
    fetched: fetchedName(name),
  }),
);

interface ArgEval {
  v: V[];
  info: ArgInfo[];
  /** Values per key of object-literal arguments. */
  keys: (Record<string, V> | undefined)[];
}

function evalArgs(w: Walker, sh: CallShape, lambda: boolean[], recvStr?: string): ArgEval {
  const out: ArgEval = { v: [], info: [], keys: [] };
  // ("key", value) pairs name the value: map / bundle / attribute setters, structured logging (slog, zap).
  const names = nameInfo(sh.last);
  const keyNaming = names.keyNaming;
  sh.args.forEach((a, i) => {
    const n = a.node;
    let v: V;
    let keys: Record<string, V> | undefined;
    // An object literal's keys as written, with each value's text (for classify(): `{ status: 400 }`).
    let keyTexts: Record<string, string> | undefined;
    if (lambda[i]) v = val({});
    else if (n.type === 'object' || n.type === 'dictionary') {
      const lit = objectLiteral(w, n);
      keys = lit.keys?.keys;
      keyTexts = lit.keys?.texts;
      v = val(lit.v.l);
    } else {
      v = w.ev(n);
      // A variable that holds an options object (`var options = { uri, body }; request(options)`): its keys.
      const held = isIdent(n) ? w.u.scope.get(n.text)?.objKeys : undefined;
      if (held) {
        keys = held.keys;
        keyTexts = held.texts;
      }
    }
    if (a.name) v = w.keyed(a.name, v, n);
    out.v.push(v);
    out.keys.push(keys);
    // Every field set, in one order: one object shape for classify() and the sink models.
    const info: ArgInfo = {
      kw: a.name,
      ch: v.ch || undefined,
      chDetail: v.ch ? v.chd : undefined,
      str: v.str,
      text: n.text.length > 120 ? n.text.slice(0, 120) : n.text,
      isLambda: lambda[i] || undefined,
      keys: keyTexts,
    };
    out.info.push(info);
  });
  // Format strings: log.info("dx {}", a), String.format(Locale.US, "SSN %s", s), "{0}".format(x)
  const fmtAt = sh.args.findIndex((a, i) => i < 2 && !a.name && out.info[i].str !== undefined && !out.v[i].pre && /[{%]/.test(out.info[i].str!));
  if (fmtAt >= 0 && fmtAt + 1 < sh.args.length) {
    const rest = out.v.slice(fmtAt + 1);
    formatNaming(w, out.info[fmtAt].str!, rest, sh.args.slice(fmtAt + 1).map((a) => a.node));
    out.v.splice(fmtAt + 1, rest.length, ...rest);
  } else if (names.formats && recvStr !== undefined) {
    formatNaming(w, recvStr, out.v, sh.args.map((a) => a.node));
  }
  // ("key", value) pairs: the key names the value after it.
  if (keyNaming) {
    for (let i = 0; i + 1 < sh.args.length; i++) {
      const k = sh.args[i];
      const s = out.info[i].str;
      if (k.name || s === undefined || out.v[i].pre || !w.sx.is('strings', k.node)) continue;
      const next = sh.args[i + 1].node;
      if (/^[A-Za-z_][\w.-]*$/.test(s)) out.v[i + 1] = w.keyed(s, out.v[i + 1], next);
      else if (!out.v[i + 1].safe && fmtAt < 0) {
        // console.log('Date of birth:', dob), print("SSN", ssn): the message labels the value after it. Not
        // an exception object (`log.error("failed to store HeartRate", it)`: the message says what failed,
        // not what the throwable holds), nor, in Java, Kotlin and C#, whose loggers do not join their
        // arguments, a value after text that does not end like a label (`:` or `=`).
        const labelLike = /[:=]\s*$/.test(s) || !JOINS_NO_ARGS.has(w.fam);
        const label = labelLike && !EXCEPTION_NAME.test(next.text) ? labelBefore(s, next.text) : undefined;
        if (label) out.v[i + 1] = named(w, label, out.v[i + 1], next, next.text);
      }
    }
  }
  return out;
}

/**
 * What a library method's result carries: its receiver's labels as they are, its arguments' marked `d` (the
 * result is something made from them, whose neutral fields are not them: Trace.d). A constructor's object
 * holds its arguments instead (`Entry(rate, start).rate`): heldBy().
 */
function madeFrom(args: readonly V[], fnV: V | undefined, recvV: V | undefined): Labels {
  const all = join([...args, ...(recvV ? [recvV] : []), ...(fnV ? [fnV] : [])]).l;
  const r = recvV?.l;
  let out: Labels | undefined;
  for (const k in all) {
    if (all[k].d || (r && Object.hasOwn(r, k))) continue;
    out ??= { ...all };
    // (Made from again after being held: the latest step is what counts, Trace.h goes.)
    out[k] = { s: all[k].s, ...(all[k].f ? { f: all[k].f } : {}), d: 1, ...(all[k].x ? { x: 1 as const } : {}) };
  }
  return out ?? all;
}

/** Labels of values an object holds as its fields: whatever they were made from, the fields are them. */
function heldBy(l: Labels): Labels {
  let out: Labels | undefined;
  for (const k in l) {
    const call = k[0] === 'r' || k[0] === 'p';
    if (!l[k].d && !call) continue;
    out ??= { ...l };
    out[k] = { s: l[k].s, ...(l[k].f ? { f: l[k].f } : {}), ...(call ? { h: 1 as const } : {}), ...(l[k].x ? { x: 1 as const } : {}) };
  }
  return out ?? l;
}

/** Receivers that are an HTTP response (`response`, `resp`, `httpResponse`, `this.response`). */
const RESPONSE_RECEIVER = /(^|\.)(response|resp|res|httpResponse|http_response|rsp)$/i;
/** Methods of a response that give its status line, not its body. */
const RESPONSE_META_METHOD = /^(message|statusText|reasonPhrase|getReasonPhrase|getStatusLine|statusLine|getStatusText|reason)$/;

/** `StatusCode`, `size`, `isEmpty`, `getType`-less `type`: every word metadata, or a flag (is/has/can…). */
const metaMethodName = memoised((name: string): boolean => {
  const ws = splitWords(name);
  if (!ws.length) return false;
  if (FLAG_WORD.test(ws[0]) && ws.length > 1) return true;
  return ws.every((w) => META_METHOD_WORDS.has(w));
}, 5000);

/**
 * A library call's result holds no credential it was given unless the call re-spells it: secret sources go,
 * and a call result or parameter (whose secrets are known only to check()) is marked Trace.x.
 */
function secretsThrough(w: Walker, callee: string, l: Labels): Labels {
  // (A call named for the credential it returns, `config.Token(ctx)`, `getAccessToken()`, hands it back.)
  if (respellsCredential(callee)) return l;
  let out: Labels | undefined;
  for (const k in l) {
    const later = k[0] === 'r' || k[0] === 'p';
    if (!(later ? !l[k].x : w.isSecret(k))) continue;
    out ??= { ...l };
    if (later) out[k] = { ...l[k], x: 1 };
    else delete out[k];
  }
  return out ?? l;
}

/**
 * Apple's unified logging redacts what is interpolated unless it is marked public: `logger.info("\(bg)")`
 * (os.Logger: dynamic values are private by default) and `os_log("%@", bg)` show `<private>` outside a
 * debugger. Only `privacy: .public` and `%{public}` put the value in the log; print / NSLog always do.
 */
function redactedByUnifiedLogging(c: CallEval): boolean {
  if (/^(print|debugPrint|dump|NSLog)$/.test(c.name)) return false;
  // os_log and the loggers that wrap it (Loop's DiagnosticLog: log.error("… %{public}@", x)) take a format.
  return !/privacy:\s*\.public\b|%\{public\}/.test(c.n.text);
}

/** Keys of a request's options object whose values end up in the URL. */
const URL_OPTION_KEYS = ['url', 'uri', 'params', 'query', 'qs', 'searchparams', 'path'];

/** Families whose loggers take (message, throwable) and never print their arguments side by side. */
const JOINS_NO_ARGS = new Set<Family>(['java', 'kotlin', 'cs']);
/** The names code gives a caught or reported exception. */
const EXCEPTION_NAME = /^(e|ex|exc|err|error|exception|throwable|t|it|cause|failure)$/i;

function chainArgs(w: Walker, recv: Node | undefined): string[] {
  const out: string[] = [];
  for (let r = recv, i = 0; r && i < 8; i++) {
    r = w.sx.strip(r);
    if (w.sx.is('calls', r)) {
      const c = w.sx.call(r);
      if (!c) break;
      for (const a of c.args) out.push(a.node.text.slice(0, 80));
      r = c.recv;
    } else {
      const m = w.sx.member(r);
      if (!m) break;
      r = m.obj;
    }
  }
  return out;
}

/**
 * Calls that send a request: `client.read('Patient/' + id)`, `fetch('Patient?name=…')`, `http.get(…)`. A
 * string naming a resource type given to anything else (`ref.replace('Patient/', '')`,
 * `escaper.escape('Patient/')`) is a name: a literal is never a person's data.
 */
const REQUEST_VERB = /^(get|fetch|read|vread|search|request|load|query|find|retrieve|history|execute|call|ajax|axios|post|put|patch|delete|create|update|upsert|transaction|batch|http|operation|send)$/;
/** …whose name does not say it builds or formats instead (`queryBuilder`, `getUrl`, `readString`). */
const BUILDS = /^(builder|build|string|str|format|formatter|url|uri|path|params|param|key|name|text)$/;
function sendsRequest(name: string): boolean {
  const ws = splitWords(name);
  return ws.length > 0 && REQUEST_VERB.test(ws[0]) && !BUILDS.test(ws[ws.length - 1]);
}

/** A constant (`KEY`, `JsonFormUtils.ENTITY_ID`) whose name is only metadata words. */
function metaConstant(w: Walker, n: Node): boolean {
  const last = w.sx.dotted(n)?.split('.').pop();
  if (!last || !/^[A-Z][A-Z0-9_]*$/.test(last)) return false;
  const words = splitWords(last);
  return words.length > 0 && words.every((x) => META_FIELD_WORDS.has(x));
}

const ENUM_MEMBERS = /^(values|keys|entries|GetValues|GetNames|allCases|entries_|getEnumConstants|__members__)$/;

/** The type whose members are listed: `Object.values(T)`, `Enum.GetValues(typeof(T))`, or `T.values()`. */
function enumOperand(w: Walker, sh: CallShape, recv: Node | undefined): boolean {
  const r = recv ? w.sx.dotted(recv) : undefined;
  if ((r === 'Object' || r === 'Enum' || r === 'System.Enum') && sh.args.length === 1) {
    const a = sh.args[0].node;
    const t = /^typeof\((\w[\w.]*)\)$/.exec(a.text)?.[1] ?? a.text;
    return /^[A-Z]\w*(\.[A-Z]\w*)*$/.test(t) && !w.isBound(t.split('.')[0]);
  }
  return !!recv && sh.args.length === 0 && w.isStaticName(recv);
}

/** Nouns of a getter that reads a bag of values by key (`getSecret`, `getConfig`, `getEnv`, `getSetting`). */
const BAG_NOUN = /^(secret|secrets|config|configuration|setting|settings|env|environment|value|param|parameter|property|option|var|variable|optional_secret)$/i;

/**
 * The constant key a bag getter reads under (`getSecret(SecretsKeys.PROJECT_API, secrets)`, `getConfig('DB_HOST')`):
 * a string literal, or a constant member. Undefined for any other call.
 */
function bagKey(sh: CallShape, args: ArgEval): string | undefined {
  const fetched = nameInfo(sh.last).fetched;
  if (!fetched || !BAG_NOUN.test(fetched)) return undefined;
  for (let i = 0; i < sh.args.length; i++) {
    const str = args.info[i]?.str;
    if (str !== undefined && !args.v[i]?.pre && /^[A-Za-z_][\w.-]*$/.test(str)) return str;
    const m = /(?:^|\.)([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)$/.exec(sh.args[i].node.text);
    if (m) return m[1];
  }
  return undefined;
}

function dataSource(w: Walker, n: Node, sh: CallShape, recvPath: string, recvV: V | undefined, args: ArgEval, key: string | undefined): V | undefined {
  const name = sh.last;
  const mk = (m: { cat: Category; what: string; idOnly?: boolean }, how: 'call' | 'fhir' | 'hl7' | 'orm' | 'key', whole: boolean): V =>
    val({ [w.source(n, m, how, n.text.length < 70 ? n.text : `${sh.callee}(…)`, recvV?.prov, whole)]: ORIGIN }, m.cat === 'record' ? 'patient' : undefined, recvV?.prov);
  // HL7 v2: msg.getPID(), terser.get("/PID-5"), msg.segment("PID")
  const names = nameInfo(name);
  if (names.hl7Segment) return mk({ cat: 'record', what: `HL7 v2 ${names.hl7Segment} segment` }, 'hl7', false);
  for (const a of args.info) {
    if (a.str === undefined || a.kw) continue;
    const h = HL7_STR.exec(a.str);
    if (h && HL7_SEGMENTS.has(h[1])) return mk({ cat: 'record', what: `HL7 v2 ${h[1]} segment data` }, 'hl7', false);
    const f = sendsRequest(name) ? /^([A-Z][A-Za-z]+)(\/|\?|$)/.exec(a.str) : null;
    if (f && Object.hasOwn(FHIR_TYPES, f[1]) && (w.fhirFile || /Patient|Observation|Condition|MedicationRequest/.test(f[1]))) {
      const t = matchType(f[1], true);
      if (t) return mk(t, 'fhir', true);
    }
  }
  for (const k of args.info) {
    const rt = k.keys?.resourceType ?? k.keys?.resource_type;
    const t = rt ? matchType(rt.replace(/^['"`]|['"`]$/g, ''), true) : undefined;
    if (t) return mk(t, 'fhir', true);
  }
  // Class literals: .resource(Patient.class), session.query(Patient), typeof(Patient), Patient::class
  for (const a of sh.args) {
    // Cheap test first: a class literal starts with a capital or `typeof(`.
    const c = a.node.text.charCodeAt(0);
    if (!(c >= 65 && c <= 90) && c !== 116) continue;
    const t = a.node.text.replace(/(\.class|::class(\.java)?)$/, '').replace(/^typeof\((.*)\)$/, '$1');
    if (!/^[A-Z]\w*$/.test(t) || a.node.text === t && !isIdent(a.node)) continue;
    const m = matchType(t, w.fhirFile || /\.class$|::class/.test(a.node.text));
    if (m) return mk(m, a.node.text.endsWith('.class') ? 'fhir' : 'orm', true);
  }
  // Patient.objects.get(…), Patient.query.first(), Patient.findOne(…), Observation.where(…)
  const root = recvPath.split('.')[0];
  // (Not a getter of something else on the type: `Allergen.getOtherNonCodedConceptUuid()` is a uuid.)
  if (root && /^[A-Z]/.test(root) && names.fetchRecv && !(names.fetched && FETCHED_META.test(names.fetched))) {
    const m = matchType(root, w.fhirFile);
    if (m) return mk(m, 'orm', true);
  }
  // getPatient(id), fetchLabResults(pid), patientRepository.findById(id)
  const fetched = names.fetched;
  if (key !== undefined) {
    // getSecret(SecretsKeys.PROJECT_API, secrets), getConfig('DB_HOST'): a bag read under a constant key
    // holds what the key names.
    const m = matchName(key);
    return m ? mk(m, 'call', false) : undefined;
  }
  if (fetched) {
    const m = matchName(fetched, { who: recvV?.who });
    if (m) return mk(m, 'call', m.cat === 'record');
  } else if (recvPath && names.fetchRecv) {
    const noun = receiverNoun(recvPath);
    const m = noun ? matchName(noun) : undefined;
    if (m && m.cat === 'record') return mk(m, 'call', true);
  }
  return undefined;
}


/** Where a sink is reported: from the method name (`.addQueryParameter(` in a builder chain, `get(` of a
 * multi-line `axios.get(`), or the whole call for constructors and bare functions. */
function sinkRange(w: Walker, sh: CallShape, n: Node): [number, number, number, number] {
  const r = r4(n);
  if (sh.isNew || !sh.recv) return r;
  const prop = w.sx.member(sh.calleeNode)?.propNode ?? (sh.calleeNode.type === 'identifier' ? sh.calleeNode : undefined);
  return prop ? [prop.startPosition.row, prop.startPosition.column, r[2], r[3]] : r;
}

/** Kotlin parses `check(x) { "msg" }` as a call of the call `check(x)` with the lambda: one call here. */
function kotlinTrailingLambda(w: Walker, n: Node): CallShape | undefined {
  const kids = w.sx.named(n);
  if (kids.length !== 2 || kids[1].type !== 'annotated_lambda' || kids[0].type !== 'call_expression') return undefined;
  const inner = w.sx.call(kids[0]);
  if (!inner || inner.block) return undefined;
  return w.sx.withBlock(inner, n, kids[1]);
}

/** No arguments' flags, as an array of the same elements kind as a filled one (see NO_STRINGS). Never mutated. */
const NO_FLAGS: boolean[] = [true].slice(0, 0);

/** One call being evaluated: what the steps of evalCall() share. */
interface CallEval {
  n: Node;
  sh: CallShape;
  name: string;
  recv: Node | undefined;
  recvIdent: boolean;
  recvV: V | undefined;
  recvPath: string;
  via: CallFact['via'];
  args: ArgEval;
  lambda: boolean[];
  eff: CallEffect;
  /** Value of the inline callbacks (what a map() returns). */
  fnV: V | undefined;
}

// evalCall() is the walker's hottest function; its steps are separate functions so that V8 compiles each
// on its own (one large function was recompiled whole, at 40-80 ms a time, whenever any path in it was new).
export function evalCall(w: Walker, n: Node): V {
  const sh = (w.fam === 'kotlin' ? kotlinTrailingLambda(w, n) : undefined) ?? w.sx.call(n);
  if (!sh) return join(w.evAll(w.sx.named(n)));
  const c = evalCallee(w, n, sh);
  walkCallbacks(w, c);
  recordSinks(w, c);
  if (c.recv && nameInfo(c.name).writer && c.args.v.length && !c.eff.sinks.length) writeIntoReceiver(w, c.recv, c.args);
  return callResult(w, c);
}

/** The receiver, the arguments and what the callee is (classifyCall). */
function evalCallee(w: Walker, n: Node, sh: CallShape): CallEval {
  const name = sh.last;
  let recvV: V | undefined;
  let via: CallFact['via'] = 'bare';
  let recvPath = '';
  const recv = sh.recv ? w.sx.strip(sh.recv) : undefined;
  const recvIdent = !!recv && isIdent(recv);
  if (recv) {
    if (w.isSelf(recv)) {
      via = 'self';
      recvV = w.selfValue();
      recvPath = 'this';
    } else {
      recvV = w.ev(recv);
      via = recvIdent ? 'recv' : 'expr';
      recvPath = w.sx.dotted(recv) ?? '?';
    }
  } else if (!isIdent(sh.calleeNode) && !/identifier|type|name/.test(sh.calleeNode.type)) {
    recvV = w.ev(sh.calleeNode);
    via = 'expr';
  }
  const lambda = sh.args.length ? sh.args.map((a) => isLambda(a.node)) : NO_FLAGS;
  const args = evalArgs(w, sh, lambda, recvV?.pre ? undefined : recvV?.str);
  const site: CallSite = {
    lang: w.lang,
    name,
    path: recv ? recvPath.split('.') : NO_STRINGS,
    chainArgs: recv && nameInfo(name).body ? chainArgs(w, recv) : NO_STRINGS,
    isNew: sh.isNew,
    recvCh: recvV?.ch ?? (recvV?.type && vendorOfType(recvV.type) ? '3p' : undefined),
    recvChDetail: recvV?.chd ?? (recvV?.type ? vendorOfType(recvV.type) : undefined),
    args: args.info,
    implicitCh: w.implicitCh,
    // (Only a bare call can resolve to the receiver of a lambda it is in.)
    lambdaOf: recv ? undefined : w.lambdaOf,
    encryptedDb: w.encryptedDb,
    analyticsImport: w.analyticsImport,
  };
  const eff = classifyCall(site);
  // `new UserError(…)` where this file declares `class UserError extends Model`: a record named for
  // errors, not an exception (unless it is thrown).
  if (w.throwCall !== n.id && eff.sinks.some((h) => h.rule === 'to-error') && w.declaresNonException(name, n)) eff.sinks = eff.sinks.filter((h) => h.rule !== 'to-error');
  // Whatever is raised or thrown is an exception: its message and arguments travel with it.
  if (w.throwCall === n.id && !eff.sinks.some((h) => h.rule === 'to-error')) eff.sinks.push({ rule: 'to-error', api: `${sh.isNew && w.fam !== 'kotlin' ? 'new ' : ''}${sh.callee}`, args: 'all', kw: undefined, recv: undefined, detail: undefined, out: undefined });
  // A client connected to the plain MQTT port is a cleartext channel from now on.
  if (eff.ch && recv && recvIdent && /^(connect|connect_async|connectasync|open)$/i.test(name)) {
    const e = w.u.scope.get(recv.text) ?? w.module.vars.get(recv.text);
    if (e && !e.ch) {
      e.ch = eff.ch;
      e.chd = eff.chDetail;
    }
  }
  return { n, sh, name, recv, recvIdent, recvV, recvPath, via, args, lambda, eff, fnV: undefined };
}

/** Callbacks: walked in place, their first parameter an element of the receiver. */
function walkCallbacks(w: Walker, c: CallEval): void {
  const { sh, lambda } = c;
  const lambdas: Node[] = [];
  for (let i = 0; i < sh.args.length; i++) if (lambda[i]) lambdas.push(sh.args[i].node);
  if (sh.block && isLambda(sh.block)) lambdas.push(sh.block);
  else if (sh.block?.type === 'annotated_lambda') {
    const l = w.sx.named(sh.block).find((x) => isLambda(x));
    if (l) lambdas.push(l);
  } else if (sh.block) {
    const bv = w.ev(sh.block);
    c.args.v.push(bv);
  }
  if (!lambdas.length) return;
  const elem = ELEMENT_CALLBACKS.has(c.name) && c.recvV ? c.recvV : undefined;
  const saved = w.implicitCh;
  const savedOf = w.lambdaOf;
  if (w.fam === 'kotlin' && c.eff.ch) w.implicitCh = c.eff.ch;
  w.lambdaOf = c.name;
  try {
    // `.subscribe(next, error)`, `.then(ok, failed)`: the second callback receives an error, not the data.
    const onlyFirst = c.name === 'subscribe' || c.name === 'then';
    c.fnV = join(lambdas.map((l, i) => w.evLambda(l, onlyFirst && i > 0 ? undefined : elem).fn ?? EMPTY));
  } finally {
    w.implicitCh = saved;
    w.lambdaOf = savedOf;
  }
}

/** An assertion's text saying its branch cannot run (`AssertionError("Shouldn't reach here: $m")`). */
const UNREACHABLE_TEXT = /\b(should(?:n'?t| not) (?:happen|occur|be (?:reached|possible|here)|reach|get here)|(?:can(?:no|')t|never) (?:happen|occur|be reached|reach here|get here)|unreachable|unpossible)\b/i;

/** The sinks classifyCall() found: the labels of the arguments (and receiver) they take. */
function recordSinks(w: Walker, c: CallEval): void {
  const { args, recvV, fnV } = c;
  for (const hit of c.eff.sinks) {
    if (hit.rule === 'to-log' && w.fam === 'swift' && redactedByUnifiedLogging(c)) continue;
    const l: Labels = {};
    args.v.forEach((v, i) => {
      const kw = args.info[i]?.kw?.toLowerCase();
      const inArgs = hit.args === 'all' || (!kw && hit.args.includes(i));
      const inKw = !!kw && !!hit.kw?.some((k) => k.toLowerCase() === kw);
      const keys = args.keys[i];
      if (inArgs && hit.rule === 'in-url' && keys) {
        // An options object (`$.ajax({ url, data, type: 'POST' })`): only what goes into the URL — its URL
        // and query keys, and `data` when the request is a GET (jQuery's default), which puts it in the query.
        for (const k of URL_OPTION_KEYS) if (Object.hasOwn(keys, k)) mergeLabels(l, keys[k].l);
        const t = args.info[i]?.keys;
        const method = t?.type ?? t?.method;
        if (Object.hasOwn(keys, 'data') && (!method || /^['"`]get['"`]$/i.test(method))) mergeLabels(l, keys.data.l);
      } else if (inArgs || inKw) mergeLabels(l, v.l);
      if (keys && hit.kw && hit.args !== 'all' && !hit.args.includes(i)) for (const k of hit.kw) if (Object.hasOwn(keys, k.toLowerCase())) mergeLabels(l, keys[k.toLowerCase()].l);
    });
    // (in-url with options only, fetch({ url }), is covered by the keys above.)
    if (hit.recv && recvV) mergeLabels(l, recvV.l);
    // Kotlin: require(x) { "message" }, logger.info { "message" }: the lambda's value is the message.
    if ((hit.args === 'all' || hit.fn) && fnV) mergeLabels(l, fnV.l);
    if (!hasLabels({ l })) continue;
    const unreachable = hit.rule === 'to-error' && args.info.some((a) => UNREACHABLE_TEXT.test(a.text));
    w.u.fact.sinks.push({ rule: hit.rule, r: sinkRange(w, c.sh, c.n), api: hit.api.length > 60 ? hit.api.slice(0, 57) + '…' : hit.api, l, detail: hit.detail, ...(hit.out ? { out: 1 as const } : {}), ...(unreachable ? { unreachable: 1 as const } : {}), ...(hit.picks ? { picks: 1 as const } : {}) });
  }
}

/** Writes into the receiver: list.append(x), map.put("ssn", v), sb.append(x). */
function writeIntoReceiver(w: Walker, recv: Node, args: ArgEval): void {
  let root: Node = recv;
  for (let i = 0; i < 6; i++) {
    const m = w.sx.member(root);
    if (!m) break;
    root = w.sx.strip(m.obj);
  }
  const e = isIdent(root) ? w.u.scope.get(root.text) : undefined;
  if (e) {
    e.objKeys = undefined;
    for (const v of args.v) e.l = mergeLabels({ ...e.l }, v.l);
    if (args.v.some((v) => !v.safe)) e.safe = undefined;
  }
}

/** Special callees: clean (sanitizers, counts), getters, keyed reads, callbacks; undefined for the rest. */
function specialResult(w: Walker, c: CallEval, src: V | undefined, ctor: boolean): V | undefined {
  const { name, recv, recvV, args, fnV, sh, eff } = c;
  if (eff.clean || isSanitizerName(name)) return withChannel(safeVal(), eff.ch, eff.chDetail);
  // C# `nameof(patientName)` is the identifier's name, a string the compiler writes: never the data.
  if (name === 'nameof' && w.fam === 'cs' && !recvV) return SAFE;
  // The members of a type (`Object.values(PersonSex)`, `Enum.GetValues(typeof(Sex))`, `Sex.values()`,
  // `Sex.allCases`): the names the code allows, not anyone's data.
  if (ENUM_MEMBERS.test(name) && enumOperand(w, sh, recv)) return SAFE;
  if (recvV && sh.args.length === 0 && !sh.isNew) {
    // A method that answers metadata of its receiver (`response.StatusCode()`, `list.size()`, `x.isEmpty()`),
    // not its data: a name made of status, code, count, size, id, type or version words, or a flag.
    if (!nameInfo(name).getter && metaMethodName(name)) return SAFE;
    // An HTTP response's reason phrase (Retrofit/OkHttp `response.message()`, `getStatusLine()`): the status, not the body.
    if (recv && RESPONSE_RECEIVER.test(keyText(w, recv)) && RESPONSE_META_METHOD.test(name)) return SAFE;
    const g = nameInfo(name).getter;
    if ((g && /^[A-Z_]/.test(g[2])) || (g && w.fam === 'py')) {
      if (g[1] === 'is' || g[1] === 'has') return SAFE;
      const v = w.readProp(recvV, g[2], c.n, c.recv);
      return src ? join([v, src]) : v;
    }
  }
  // getBoolean("show_a1c"): a flag read under a data-like key is a flag.
  if (recvV && nameInfo(name).keyGetter && /bool/i.test(name)) return SAFE;
  if (recvV && nameInfo(name).keyGetter && args.info[0]?.str !== undefined && !args.info[0].kw && !args.v[0].pre) {
    const key = args.info[0].str;
    if (/^[A-Za-z_][\w.-]*$/.test(key)) return w.readProp(recvV, key, c.n, c.recv, 'key');
  }
  // `json.getString(JsonFormUtils.KEY)`: read under a constant named for a metadata field (the key, the type, an id).
  if (recvV && nameInfo(name).keyGetter && sh.args.length === 1 && !args.info[0]?.kw && metaConstant(w, sh.args[0].node)) return SAFE;
  if (ELEMENT_CALLBACKS.has(name) && fnV) {
    if (CLEAN_CALLBACKS.has(name)) return SAFE;
    if (MAPPING_CALLBACKS.has(name)) return fnV;
    return recvV ? val(recvV.l, recvV.who, recvV.prov) : EMPTY;
  }
  if (callPropagation(name) === 'none' && !ctor) return src ?? withChannel(safeVal(), eff.ch, eff.chDetail);
  return undefined;
}

/** The call, for check(): a workspace callee's summary, policy sinks and sanitizers. Returns its result label. */
function recordCall(w: Walker, c: CallEval, ctor: boolean, holds: boolean, special: boolean, inputs: V[], staticRecv: boolean, key: string | undefined): string | undefined {
  const { name, sh, recv, recvV, args, fnV, eff } = c;
  const candidate = c.via === 'bare' || c.via === 'self' || staticRecv || !!recvV?.type;
  const any = inputs.some((v) => Object.keys(v.l).some((k) => k[0] === 's' || k[0] === 'p' || k[0] === 'r')) || (candidate && inputs.some(hasLabels));
  const wantLabel = candidate && !ctor && !special;
  // Known library sinks and sanitizers need no summary of their own.
  const known = eff.sinks.length > 0 || eff.clean || isSanitizerName(name);
  if (!((any && !known) || wantLabel)) return undefined;
  const fact: CallFact = { name, text: sh.callee.length > 80 ? sh.callee.slice(0, 80) : sh.callee, via: c.via, r: r4(c.n), a: [] };
  let typed = false;
  const at: string[] = [];
  args.v.forEach((v, i) => {
    const kw = args.info[i]?.kw;
    if (!kw) {
      fact.a.push(v.l);
      at.push(simpleType(v.type));
      typed ||= !!v.type;
    } else if (kw !== '__proto__') (fact.kw ??= {})[kw] = v.l;
  });
  if (typed) fact.at = at;
  if (recv && c.recvIdent) fact.recv = recv.text;
  if (key !== undefined) fact.key = key;
  if (recvV?.type) fact.recvType = simpleType(recvV.type);
  if (recvV && hasLabels(recvV) && !staticRecv) fact.rl = recvV.l;
  if (fnV && hasLabels(fnV)) fact.a.push(fnV.l);
  if (ctor) fact.isNew = 1;
  if (holds) fact.holds = 1;
  let label: string | undefined;
  if (wantLabel) {
    fact.ret = 1;
    label = `r${w.u.fact.calls.length}`;
  }
  w.u.fact.calls.push(fact);
  return label;
}

/**
 * Does the call's result hold its inputs (an object constructed from them, Trace.h) rather than being made
 * from them (Trace.d)? Decided here once and recorded on the CallFact, so check.ts judges a recorded call as
 * the walker judged it. Kotlin, Swift, Rust construct without `new`: a capitalised bare callee makes an
 * object — in Go it is an exported function (PrivacyFamily.capitalCallsAreFunctions).
 */
function holdsInputs(w: Walker, c: CallEval, ctor: boolean): boolean {
  return ctor || (!c.recv && nameInfo(c.name).capitalised && !PRIVACY_FAMILIES[w.fam].capitalCallsAreFunctions);
}

/** The call's value: a special callee's, else its inputs (or its summary label), plus data it fetches. */
function callResult(w: Walker, c: CallEval): V {
  const { n, sh, name, recv, recvV, args, fnV, eff } = c;
  // Python and Go construct without `new`: a capitalised callee is a class (Go: a type conversion).
  const ctor = sh.isNew || (w.fam === 'py' && nameInfo(name).capitalised);
  const key = bagKey(sh, args);
  const src = dataSource(w, n, sh, c.recvPath, recvV, args, key);
  const special = specialResult(w, c, src, ctor);
  const staticRecv = recv && c.recvIdent ? w.isStaticName(recv) : false;
  const inputs: V[] = [...args.v];
  if (recvV && !staticRecv) inputs.push(recvV);
  if (fnV) inputs.push(fnV);
  const holds = holdsInputs(w, c, ctor);
  const label = recordCall(w, c, ctor, holds, !!special, inputs, staticRecv, key);
  if (special) return eff.ch && !special.ch ? withChannel(special, eff.ch, eff.chDetail) : special;
  let out = val(label ? { [label]: ORIGIN } : secretsThrough(w, name, holds ? heldBy(join(inputs).l) : madeFrom(args.v, fnV, staticRecv ? undefined : recvV)));
  if (ctor) {
    out.type = name;
    const t = w.typeMatch(name);
    if (t && !src) {
      const label = w.source(n, t, 'type', `${sh.isNew && w.fam !== 'py' && w.fam !== 'kotlin' ? 'new ' : ''}${name}(…)`, undefined, true);
      w.setSourceClass(label, name);
      out.l = { ...out.l, [label]: ORIGIN };
    }
    if (t?.cat === 'record') out.who = 'patient';
  }
  if (src) out = join([out, src]);
  return withChannel(out, eff.ch, eff.chDetail);
}
