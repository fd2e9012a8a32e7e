/**
 * The privacy walker: one forward pass over each function body in source order, computing for every
 * expression the abstract value of value.ts (which sources, parameters and call results it may carry),
 * and recording sinks and calls in the function's summary (facts.ts). Assignments update the variable
 * (strong update), writes into an object or collection add to it (weak update); branches and loops are
 * walked once. Declarations, loops and patterns are in bind.ts, calls in calls.ts, functions and classes
 * in collect.ts.
 */
import type { SyntaxNode as Node } from '../syntax/flatTree';
import type { LanguageId } from '../language/languages';
import type { Family, Syntax } from '../code/syntax';
import type { Channel } from './apis';
import type { FunctionFact, ImportFact, Labels, R4, SourceFact, SourceHow, Step, ClassFact } from './facts';
import { evalInlineLambda, fieldPathKey } from './bind';
import { evalCall } from './calls';
import { keyed } from './naming';
import { evKnown, evString, type ObjectKeys, K_CALL, K_CLASS, K_ID, K_LAMBDA, K_LIT, K_MEMBER, K_SELF, K_SKIP, K_STR, K_UNIT, nodeKinds } from './exprs';
import { importsOf, isUnit } from './lang';
import { conditionFlag, deadFlagsOf } from './deadFlags';
import { isConstantHolder, isRouteName, isStaticName, isTypeMemberName, swiftEnumCases, type NameScope } from '../code/names';
import { FHIR_TYPES, holdsIdsOnly, isConstantName, isScalarType, matchName, matchType, META_PROPERTIES, namedByDomainAbbreviation, PERSON_WORDS, splitWords, type NameMatch } from './taxonomy';
import { FLAG_WORD, META_FIELD_WORDS, META_VARIABLE_LAST_WORDS, ORG_WORDS, TIME_FIELD } from './terms';
import { EMPTY, join, ORIGIN, r4, SAFE, safeVal, V, val, withLabels, withStep } from './value';

/** Modules of health interoperability libraries: importing one makes a file speak FHIR / HL7 / DICOM. */
const FHIR_MODULE = /fhir|hl7|hapi|smart|dicom|medplum/i;

/** A variable (or field) and its value. Read as a plain V through withLabels(). */
export class Entry extends V {
  /** Label of the name / type source this variable is, once created ('' when it is none). */
  src: string | undefined = undefined;
  /** The keys of the object literal this variable was set to, while only keyed writes changed it. */
  objKeys: ObjectKeys | undefined = undefined;
  constructor(
    public name: string,
    public decl: Node | undefined,
    l: Labels,
  ) {
    super(l);
  }
}

/**
 * Node types that have no effect when walked: names, literals, member and index reads, operators. A subtree
 * made only of these (anonymous tokens aside) is skipped where its value is not used. Anything else (calls,
 * assignments, functions, lambdas, comprehensions…) makes the subtree walked.
 */
const PURE_TYPES = new Set([
  'identifier', 'simple_identifier', 'field_identifier', 'property_identifier', 'type_identifier', 'this', 'self', 'this_expression', 'base_expression',
  'integer', 'float', 'number', 'true', 'false', 'null', 'none', 'nil', 'undefined', 'iota', 'decimal_integer_literal', 'hex_integer_literal',
  'decimal_floating_point_literal', 'integer_literal', 'real_literal', 'int_literal', 'float_literal', 'boolean_literal', 'null_literal',
  'character_literal', 'rune_literal', 'imaginary_literal', 'string', 'string_literal', 'string_content', 'string_fragment', 'string_start',
  'string_end', 'escape_sequence', 'interpreted_string_literal', 'raw_string_literal', 'verbatim_string_literal', 'template_string',
  'template_substitution', 'interpolation', 'string_literal_content', 'string_literal_fragment',
  'member_expression', 'attribute', 'field_access', 'selector_expression', 'member_access_expression', 'subscript', 'subscript_expression',
  'element_access_expression', 'index_expression',
  'binary_expression', 'binary_operator', 'boolean_operator', 'comparison_operator', 'not_operator', 'unary_expression',
  'parenthesized_expression', 'comment', 'line_comment', 'block_comment',
]);

const statementTypesByFamily = new Map<Family, Map<string, boolean>>();
function statementTypes(fam: Family): Map<string, boolean> {
  let m = statementTypesByFamily.get(fam);
  if (!m) statementTypesByFamily.set(fam, (m = new Map()));
  return m;
}

export class Scope {
  readonly vars = new Map<string, Entry>();
  constructor(readonly parent?: Scope) {}
  get(name: string): Entry | undefined {
    return this.vars.get(name) ?? this.parent?.get(name);
  }
}

export interface ClassCtx {
  name: string;
  fields: Map<string, Entry>;
  who?: string;
  fact: ClassFact;
}

export interface Unit {
  fact: FunctionFact;
  scope: Scope;
  cls?: ClassCtx;
  /** Python `self`, Go receiver name. */
  selfName?: string;
  /** Return values of the inline lambdas being walked (innermost last). */
  lambdaRets: V[][];
}

const LIMIT_HOLDER = /(^|[a-z_])(thresholds|Thresholds|limits|Limits|bounds|Bounds|targets|Targets|alarms|Alarms|alerts|Alerts)$/;

/**
 * Accessors that give a value wrapper's content itself (`control.value`, `ts.getTime().getValue()`,
 * `node.text`): the wrapped value flows through them. Any other field of a value that carries data is a
 * different thing derived from it (`newAlert.name` of an alert chosen by a glucose value, `fit.a` of a curve
 * fitted to readings) and does not carry the value's label.
 */
const VALUE_ACCESSOR = new Set([
  'value', 'values', 'val', 'text', 'data', 'content', 'contents', 'raw', 'string', 'str', 'result', 'results',
  'amount', 'display', 'body', 'payload', 'time', 'date', 'datetime',
]);

/**
 * `class UserError extends Model`, `class UserError(…) : Model()`, `class UserError : Model`,
 * `class UserError(Model):` → UserError → Model (the first base; '' when none is written).
 */
function declaredClassesOf(text: string): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  for (const m of text.matchAll(/\bclass\s+([A-Z]\w*)(?:\s*<[^>{]*>)?(?:\s*\(([^)]*)\))?(?:\s*(?:extends|:)\s*([\w.]+))?/g)) {
    if (out.has(m[1])) continue;
    // (Python lists bases in parentheses; Kotlin's parentheses are the constructor, its base follows `:`.)
    const py = m[2] !== undefined && m[3] === undefined && /^[\w.,\s]*$/.test(m[2]) && !/[:=]/.test(m[2]) ? m[2].split(',')[0].trim() : undefined;
    out.set(m[1], m[3] ?? py ?? '');
  }
  return out;
}

/** Receivers that are equipment or places, whose location is not a person's. */
/** A file-system object (`subject_dir`, `edfPath`; not `patientFile`, often a record) and its name parts. */
const FILE_OBJECT = /(^|_|[a-z])(dir|Dir|DIR|directory|Directory|folder|Folder|path|Path|PATH)$/;
const FILE_NAME_PROP = /^(name|stem|suffix|basename|filename|fileName|Name|FileName)$/;

const BOOL_TYPE = /^\s*(bool|boolean|Bool|Boolean)\s*$/;

/** Names of a configuration object or a cloud deployment: where such a thing is, is the service's region. */
const CONFIG_WORDS = new Set(['options', 'option', 'settings', 'config', 'configuration', 'cfg', 'conf', 'deployment', 'region', 'cluster', 'cloud', 'tenant']);
const THING_WORDS = new Set(['asset', 'assets', 'device', 'devices', 'camera', 'monitor', 'bed', 'beds', 'equipment', 'sensor', 'machine', 'room', 'ward', 'facility', 'building', 'server', 'middleware', 'node', 'item', 'inventory', 'warehouse', 'store', 'shop', 'station', 'gateway', 'printer', 'scanner', 'modality', 'pump', 'infusion']);

/** whoOfType per FHIR-ness and type text ('' for none): it depends on nothing else. */
const WHO_OF_TYPE = [new Map<string, string>(), new Map<string, string>()];

/** A field or component name that says flag, count, id, status or time, not the data (`isExpired`, `count`). */
export function metaFieldName(name: string): boolean {
  const words = splitWords(name);
  return !words.length || FLAG_WORD.test(words[0]) || words.some((w) => META_FIELD_WORDS.has(w) || TIME_FIELD.has(w));
}

/** META_VARIABLE_LAST_WORDS as splitWords spells them (plurals folded). */
const META_VAR_WORDS = new Set(META_VARIABLE_LAST_WORDS.map((w) => splitWords(w)[0]));

/**
 * A variable named for a time, duration, count or status (its last word), or a flag, whose name names no
 * data itself: it is bound without the labels of what it was computed from.
 */
export function metaVariableName(name: string): boolean {
  const words = splitWords(name);
  if (!words.length) return false;
  if (!FLAG_WORD.test(words[0]) && !META_VAR_WORDS.has(words[words.length - 1])) return false;
  return !matchName(name);
}


export class Walker {
  readonly sources: SourceFact[] = [];
  readonly fns: FunctionFact[] = [];
  readonly imports: ImportFact[] = [];
  readonly classes: ClassFact[] = [];
  readonly module = new Scope();
  readonly classCtx = new Map<string, ClassCtx>();
  readonly pending: { node: Node; cls?: ClassCtx }[] = [];
  private readonly srcIdx = new Map<string, number>();
  u!: Unit;
  fhirFile = false;
  encryptedDb = false;
  /** The file imports an analytics SDK (Segment, Firebase / Google Analytics, Heap). */
  analyticsImport = false;
  implicitCh?: Channel;
  /** The call whose lambda is being walked (`semantics` in `Modifier.semantics { error(msg) }`). */
  lambdaOf?: string;
  /** The call being raised / thrown (its node id). */
  throwCall?: number;
  /** Names bound by imports (modules, classes, functions). */
  readonly importNames = new Set<string>();
  /** How often each identifier occurs in the file's text, counted on first need (collect.ts uncalledPrivate). */
  identCounts?: Map<string, number>;
  /** Field paths set to a literal so far in this file (bind.ts notePathWrite): while none, member reads skip the lookup. */
  pathWrites = 0;

  private readonly kinds: Map<string, number>;
  private readonly statementTypes: Map<string, boolean>;
  /** PURE_TYPES by this file's grammar's type ids. */
  private readonly pureTypes = new Map<number, boolean>();

  constructor(
    readonly sx: Syntax,
    readonly fam: Family,
    readonly lang: LanguageId,
  ) {
    this.kinds = nodeKinds(sx, fam);
    this.statementTypes = statementTypes(fam);
  }

  /** A source label for data read at `n` (deduplicated by place and kind). */
  source(n: Node, m: { cat: NameMatch['cat']; what: string; idOnly?: boolean }, how: SourceHow, expr: string, pre?: Step[], whole?: boolean): string {
    return this.sourceAt(r4(n), m, how, expr, pre, whole);
  }

  /** `source` at a range that is no node of its own (a parameter annotation found in a declaration's text). */
  sourceAt(r: R4, m: { cat: NameMatch['cat']; what: string; idOnly?: boolean }, how: SourceHow, expr: string, pre?: Step[], whole?: boolean): string {
    const key = `${r.join(',')}|${m.what}`;
    let i = this.srcIdx.get(key);
    if (i === undefined) {
      i = this.sources.length;
      const s: SourceFact = { cat: m.cat, what: m.what, expr: expr.length > 60 ? expr.slice(0, 57) + '…' : expr, r, how };
      if (m.idOnly) s.idOnly = 1;
      if ((m as Partial<NameMatch>).term?.domain || namedByDomainAbbreviation(m.what, expr)) s.dom = 1;
      if (pre?.length) s.pre = pre;
      if (whole) s.whole = 1;
      this.sources.push(s);
      this.srcIdx.set(key, i);
    }
    return `s${i}`;
  }

  /**
   * Records the declared class of the value a source label stands for (`detailedBolusInfo: DetailedBolusInfo`,
   * `new BgReading()`): check() asks whether that class's string form shows its fields.
   */
  setSourceClass(label: string, type: string | undefined): void {
    const cls = type?.replace(/[?!]$/, '');
    if (cls && /^[A-Z]\w*$/.test(cls)) this.sources[+label.slice(1)].type = cls;
  }

  /** Is the label a credential read here (privacy/secret-to-log)? */
  isSecret(label: string): boolean {
    return label[0] === 's' && this.sources[+label.slice(1)]?.cat === 'secret';
  }

  /** Does the value carry a date that is personal data itself (a date of birth or death)? */
  isPersonalDate(v: V): boolean {
    for (const k in v.l) {
      if (k[0] !== 's') continue;
      const s = this.sources[+k.slice(1)];
      if (s?.cat === 'personal' && /birth|death|age\b/.test(s.what)) return true;
    }
    return false;
  }

  /** The health data (a record or a value, not a patient record) a value is, if any. */
  healthWhole(v: V): SourceFact | undefined {
    for (const k in v.l) {
      // (Not what a library made from the data, Trace.d: the alert a glucose value chose is no health record.)
      if (k[0] !== 's' || v.l[k].d) continue;
      const s = this.sources[+k.slice(1)];
      if (s && (s.cat === 'health' || s.cat === 'genetic' || s.cat === 'biometric')) return s;
    }
    return undefined;
  }

  isWhole(label: string): boolean {
    return label[0] === 's' && !!this.sources[+label.slice(1)]?.whole;
  }

  step(n: Node, m: string): Step {
    return { r: r4(n), m };
  }

  /** Person word of a name (`patient`, `pt`, `userRecord`). */
  whoOfName(name: string): string | undefined {
    const w = splitWords(name);
    for (let i = w.length - 1; i >= 0; i--) if (PERSON_WORDS.has(w[i])) return w[i];
    return undefined;
  }

  /**
   * FHIR resource names this file imports from a module that is not FHIR's (auth0's JWT `Claim`, a task
   * library's `Task`): there the name is that module's type, not the resource.
   */
  private foreignFhir: Set<string> | undefined;
  private foreignFhirName(type: string): boolean {
    if (!this.imports.length) return false;
    this.foreignFhir ??= new Set(this.imports.filter((i) => Object.hasOwn(FHIR_TYPES, i.local) && !FHIR_MODULE.test(`${i.from} ${i.name}`)).map((i) => i.local));
    if (!this.foreignFhir.size) return false;
    const simple = type.match(/[A-Za-z_]\w*/g)?.filter((x) => /^[A-Z]/.test(x)).pop();
    return !!simple && this.foreignFhir.has(simple);
  }

  /** What a declared or constructed type is (matchType), with this file's imports deciding FHIR names. */
  typeMatch(type: string): ReturnType<typeof matchType> {
    if (!this.foreignFhirName(type)) return matchType(type, this.fhirFile);
    // (An application's own Patient or Person class is still a record of a person.)
    return /(^|\W)(Patient|Person|RelatedPerson)(\W|$)/.test(type) ? matchType(type, false) : undefined;
  }

  whoOfType(type: string | undefined): string | undefined {
    if (!type) return undefined;
    if (this.foreignFhirName(type)) return undefined;
    const cache = WHO_OF_TYPE[this.fhirFile ? 1 : 0];
    let who = cache.get(type);
    if (who === undefined) {
      if (cache.size > 20_000) cache.clear();
      const t = matchType(type, this.fhirFile);
      const last = t?.cat === 'record' ? undefined : type.match(/[A-Za-z_]\w*/g)?.filter((x) => /^[A-Z]/.test(x)).pop();
      who = t?.cat === 'record' ? 'patient' : last ? this.whoOfName(last) ?? '' : '';
      cache.set(type, who);
    }
    return who || undefined;
  }

  /** The name / type source a variable or parameter is, created on first read. */
  entrySource(e: Entry): string {
    if (e.src !== undefined) return e.src;
    e.src = '';
    if (e.safe || !e.decl) return '';
    // `TYPE_HEART_RATE = "heartrate"`: a constant's name says what it is about, not whose data it holds.
    if (isConstantName(e.name)) return '';
    // A value already known to hold personal data is that data, whatever the variable is called.
    for (const k in e.l) if (k[0] === 's') return '';
    const who = e.type ? this.whoOfType(e.type) : undefined;
    const typed = e.type ? this.typeMatch(e.type) : undefined;
    // `observation: Observation` is the resource (its fields are data), not just "an observation".
    let m = typed && (typed.cat === 'record' || /FHIR|HL7/.test(typed.what)) ? undefined : matchName(e.name, { who });
    // A number or a flag is no whole record (`int PatientsRefsNotPatient` is a count).
    if (m?.cat === 'record' && isScalarType(e.type)) m = undefined;
    if (m?.cat === 'record' && holdsIdsOnly(e.type, e.name)) m = { ...m, idOnly: true };
    if (m) {
      e.src = this.source(e.decl, m, 'name', e.name, e.prov?.slice(0, -1), m.cat === 'record');
      if (m.cat === 'record') e.who ??= m.who ?? 'patient';
      this.setSourceClass(e.src, e.type);
      return e.src;
    }
    const t = typed;
    if (t) {
      e.src = this.source(e.decl, t, 'type', `${e.name}: ${e.type}`, e.prov?.slice(0, -1), t.cat === 'record' || /FHIR|HL7/.test(t.what));
      e.who ??= t.cat === 'record' ? 'patient' : undefined;
    }
    return e.src;
  }

  readEntry(e: Entry): V {
    // A flag carries no one's data, whatever it was computed from (`.then((result: boolean) => log(result))`).
    if (e.type && BOOL_TYPE.test(e.type)) return SAFE;
    const l: Labels = { ...e.l };
    const s = this.entrySource(e);
    if (s) l[s] = ORIGIN;
    else if (!e.safe && e.name.length >= 3) {
      l[`n:${e.name}`] = ORIGIN;
      if (e.type && /^[A-Z]/.test(e.type)) l[`t:${e.type.replace(/[?[\]<>]+.*$/, '')}`] = ORIGIN;
    }
    return withLabels(e, l);
  }

  /** A bare name: local, parameter, field (Java / C# / Kotlin implicit this), module variable, or unknown. */
  readName(name: string, n: Node): V {
    const e = this.u.scope.get(name);
    if (e) return this.readEntry(e);
    const f = this.u.cls?.fields.get(name);
    if (f && (this.fam === 'java' || this.fam === 'cs' || this.fam === 'kotlin' || this.fam === 'c')) return this.readField(f, n);
    const m = this.module.vars.get(name);
    if (m) return this.moduleValue(m);
    if (this.importNames.has(name) || /^[A-Z][A-Z0-9_]+$/.test(name) || isConstantName(name)) return EMPTY;
    const who = this.fam === 'java' || this.fam === 'cs' || this.fam === 'kotlin' ? this.u.cls?.who : undefined;
    const match = matchName(name, { who });
    if (match) return val({ [this.source(n, match, 'name', name, undefined, match.cat === 'record')]: ORIGIN }, match.cat === 'record' ? match.who : undefined);
    return name.length >= 3 ? val({ [`n:${name}`]: ORIGIN }) : EMPTY;
  }

  isBound(name: string): boolean {
    return !!this.u.scope.get(name) || !!this.module.vars.get(name) || (!!this.u.cls?.fields.get(name) && (this.fam === 'java' || this.fam === 'cs' || this.fam === 'kotlin' || this.fam === 'c'));
  }

  /** Module variables seen from a function: their sources, channel and constant value, not their call labels. */
  moduleValue(e: Entry): V {
    const v = this.u.scope === this.module ? this.readEntry(e) : this.readEntryOutside(e);
    return v;
  }

  private readEntryOutside(e: Entry): V {
    const l: Labels = {};
    for (const k in e.l) if (k[0] === 's' || k[0] === 'n' || k[0] === 't') l[k] = e.l[k];
    const s = this.entrySource(e);
    if (s) l[s] = ORIGIN;
    return withLabels(e, l);
  }

  readField(f: Entry, n: Node): V {
    const v = this.readEntryOutside(f);
    if (!this.entrySource(f) && !f.safe) {
      const m = matchName(f.name, { who: this.u.cls?.who });
      if (m && !(m.cat === 'record' && isScalarType(f.type))) v.l = { ...v.l, [this.source(n, m, 'name', f.name, undefined, m.cat === 'record')]: ORIGIN };
    }
    return v;
  }

  /** A type, class or module named in code (not a value): `LTag`, `Command.Kind`, `R.string`, an import. */
  isStaticName(n: Node): boolean {
    return isStaticName(this.sx.dotted(n), this.nameScope);
  }

  /** Bindings as code/names.ts asks for them: the current scope, `self`, the file's imports. */
  private readonly nameScope: NameScope = {
    isBound: (name) => !!this.u.scope.get(name) || name === this.u.selfName,
    imports: this.importNames,
  };

  isSelf(n: Node): boolean {
    const t = n.type;
    if (t === 'this' || t === 'this_expression' || t === 'base_expression' || (t === 'self' && this.fam === 'rust')) return true;
    return t === 'identifier' && !!this.u.selfName && n.text === this.u.selfName;
  }

  /** `obj.prop`: a named source, metadata, or a neutral field of whatever obj carries. */
  readProp(obj: V, prop: string, n: Node, objNode: Node | undefined, how: SourceHow = 'name'): V {
    const lower = prop.toLowerCase();
    if (META_PROPERTIES.has(lower)) return SAFE;
    // The receiver's own name, read once (`patient` in patient.name, `getReading()` → getReading).
    const objName = objNode ? this.sx.dotted(objNode)?.split('.').pop()?.replace(/\(\)$/, '') : undefined;
    // A field of a settings object named for limits (`thresholds.bgLow`, `alarmLimits.maxBolus`): a setting.
    if (objName && LIMIT_HOLDER.test(objName)) return val({}, undefined, obj.prov);
    if (objName && isConstantHolder(objName)) return SAFE;
    let who = obj.who ?? this.whoOfType(obj.type);
    if (!who && objName) who = this.whoOfName(objName);
    let m = matchName(prop, { who });
    if (!m && objNode) {
      // Other qualifiers: study.findings, reading.value — the receiver's own name qualifies the field.
      const last = splitWords(objName ?? '').at(-1);
      if (last && last !== who) m = matchName(prop, { who: last });
    }
    // The name of a file or folder (`subject_dir.name`, `path.stem`) is a file name, whoever it is about.
    if (objName && FILE_OBJECT.test(objName) && FILE_NAME_PROP.test(prop)) return SAFE;
    // Where a thing is (`asset.current_location`, `camera.position`) is no person's location.
    // Nor is a deployment's (`options.ArmGeoLocation`: a configuration object's field is the service's region).
    if (m?.what === 'precise location' && !who && objName && [...splitWords(objName), ...splitWords(obj.type ?? '')].some((x) => THING_WORDS.has(x) || CONFIG_WORDS.has(x))) m = undefined;
    // An organisation's contact fields (`org.Email`, `clinic.phone`) are not a person's.
    if (m?.cat === 'personal' && !who && objName && ORG_WORDS.has(splitWords(objName).at(-1) ?? '')) m = undefined;
    if (m) {
      const label = this.source(n, m, how, n.text.length < 80 ? n.text : prop, obj.prov, m.cat === 'record');
      return val({ [label]: ORIGIN }, m.cat === 'record' ? m.who ?? 'patient' : undefined, obj.prov);
    }
    const words = splitWords(prop);
    const flag = !words.length || FLAG_WORD.test(words[0]);
    // A field of a health record (FHIR Observation, Condition, a lab result) is health data: its code says
    // what was measured or diagnosed, its value the result; only ids, metadata and flags are not.
    const time = words.some((w) => TIME_FIELD.has(w)) && !this.isPersonalDate(obj);
    const health = flag || time ? undefined : this.healthWhole(obj);
    if (health && !words.some((w) => w !== 'code' && META_FIELD_WORDS.has(w))) {
      const what = health.whole ? `${prop} of ${health.what.replace(/ resource$/, '')}` : health.what;
      const label = this.source(n, { cat: health.cat, what }, how, n.text.length < 80 ? n.text : prop, obj.prov);
      return val({ [label]: ORIGIN }, undefined, obj.prov);
    }
    if (flag || time || words.some((w) => META_FIELD_WORDS.has(w))) return val({}, undefined, obj.prov);
    const l: Labels = {};
    const content = VALUE_ACCESSOR.has(lower);
    for (const k in obj.l) {
      // (A field of a credential object is a secret only when its own name says so: credentials.clientName is not.)
      if (k[0] === 'n' || k[0] === 't' || this.isWhole(k) || this.isSecret(k)) continue;
      // What a library call made from a value is another thing: its neutral field (`alert.name` of the alert
      // `Alerts.highest(glucose)` chose) is not the value (Trace.d).
      if (!content && obj.l[k].d) continue;
      // A parameter or a call's result may stand for a whole record, or for what a library made from a value:
      // check() drops the record (either mark) and the made-from value (`f: 2`) where it resolves them.
      l[k] = k[0] === 'p' || k[0] === 'r' ? { ...obj.l[k], f: content ? (obj.l[k].f ?? 1) : 2 } : obj.l[k];
    }
    if (prop.length >= 3 && !obj.safe) l[`n:${prop}`] = ORIGIN;
    const out = val(l, undefined, obj.prov);
    out.ch = obj.ch && /^(file|prefs|sqlite|webstorage|idb|tcp|ws|mqtt|http)$/.test(obj.ch) ? obj.ch : undefined;
    out.chd = obj.chd;
    return out;
  }

  /** A key that names the value stored under it (`{ diagnosis: x }`, `put("ssn", v)`, `diagnosis=x`). */
  keyed(key: string, v: V, n: Node): V {
    return keyed(this, key, v, n);
  }

  evAll(nodes: readonly (Node | null)[]): V[] {
    const out: V[] = [];
    for (const c of nodes) if (c) out.push(this.ev(c));
    return out;
  }

  /** The abstract value of any node; statements are walked for their effects and give nothing useful. */
  private depth = 0;

  ev(n: Node): V {
    // Generated code nests thousands deep ("a" + "b" + …): past a depth the value is unknown, not a crash.
    if (this.depth > 300) return EMPTY;
    this.depth++;
    try {
      return this.evNode(n);
    } finally {
      this.depth--;
    }
  }

  private evNode(n: Node): V {
    // node.type crosses into wasm on every access: read it once and dispatch on a table.
    const t = n.type;
    switch (this.kinds.get(t)) {
      case K_STR:
        return evString(this, n);
      case K_LIT:
        return safeVal(this.sx.t.numbers.includes(t) ? n.text : undefined);
      case K_UNIT:
        if (isUnit(this.fam, n, t)) {
          this.pending.push({ node: n, cls: this.u.cls });
          return EMPTY;
        }
        break;
      case K_CLASS:
        this.pending.push({ node: n, cls: undefined });
        return EMPTY;
      case K_LAMBDA:
        if (isUnit(this.fam, n, t)) {
          this.pending.push({ node: n, cls: this.u.cls });
          return EMPTY;
        }
        return this.evLambda(n, undefined);
      case K_SELF:
        return this.selfValue();
      case K_SKIP:
        return EMPTY;
      case K_ID:
        return this.evIdent(n, t);
      case K_CALL:
        return evalCall(this, n);
      case K_MEMBER: {
        const v = this.evMember(n, t);
        if (v) return v;
        break;
      }
    }
    return evKnown(this, n, t) ?? this.evOther(n, t);
  }

  // (evNode's cases are separate methods: V8 then compiles, and after a deoptimisation recompiles, each
  // on its own instead of the whole dispatch.)

  private evIdent(n: Node, t: string): V {
    const name = n.text;
    if (name === this.u.selfName) return this.selfValue();
    const v = this.readName(name, n);
    return t === 'shorthand_property_identifier' ? this.keyed(name, v, n) : v;
  }

  /** `obj.prop`, `obj[key]`: a field of `this`, of an unbound name (patient.name), or of a value. */
  private evMember(n: Node, t: string): V | undefined {
    const mem = this.sx.member(n);
    if (!mem) return undefined;
    if (this.isSelf(mem.obj)) {
      const f = this.u.cls?.fields.get(mem.prop) ?? this.u.scope.get(`this.${mem.prop}`);
      if (f) return this.readField(f, n);
      return this.readProp(val({}, this.u.cls?.who), mem.prop, n, mem.obj);
    }
    // The same path was set to a value that carries nothing, earlier in this block (bind.ts notePathWrite).
    if (this.pathWrites) {
      const path = fieldPathKey(n);
      if (path && this.u.scope.get(path)) return val({});
    }
    const o = this.sx.strip(mem.obj);
    const ot = o.type;
    // Names are not data: a constant or enum member of a type (`LTag.GLUCOSE`, `Command.READ_INSULIN`) and
    // an Android resource id (`R.string.glucose_hint`) are program text, whatever their names mention.
    // A PascalCase member of a type (`PumpHistoryEntryType.JournalEntryInsulinMarker`, `Packet.GlucoseRx`) is
    // an enum case or nested type too, in the families whose value members are camelCase.
    if (this.fam === 'swift') this.enumCases ??= swiftEnumCases(n.tree.rootNode.text);
    if (isTypeMemberName(mem.prop, o.text, this.fam, this.enumCases) && this.isStaticName(o)) return SAFE;
    if (isRouteName(n.text) && this.isStaticName(o)) return SAFE;
    // Go: `oura.DataTypeHeartRate` through an imported package is a package-level name (a constant, a
    // type, a function), not a value read from a record.
    if (this.fam === 'go' && ot === 'identifier' && this.importNames.has(o.text) && !this.isBound(o.text)) return SAFE;
    // An unbound name read only for its field (patient.name): the field is the data, not the name.
    const ov = (ot === 'identifier' || ot === 'simple_identifier') && !this.isBound(o.text) && o.text !== this.u.selfName ? val({}, this.whoOfName(o.text)) : this.ev(o);
    return this.readProp(ov, mem.prop, n, mem.obj, t.includes('subscript') || t.includes('element') ? 'key' : 'name');
  }

  /** Classes this file declares, with their superclass or first base ('' when none), read once. */
  private declaredClasses?: ReadonlyMap<string, string>;

  /** Does this file declare `name` as a class that derives from no exception or error type? */
  declaresNonException(name: string, at: Node): boolean {
    this.declaredClasses ??= declaredClassesOf(at.tree.rootNode.text);
    const base = this.declaredClasses.get(name);
    return base !== undefined && !/(Error|Exception|Throwable|Fault|Problem)\b/.test(base);
  }

  /** Swift: the enum cases this file declares (read once, on the first member read). */
  private enumCases?: ReadonlySet<string>;

  /** Debug switches of this file that are off (deadFlags.ts), read once per file on first use. */
  private deadFlags?: ReadonlySet<string>;

  /**
   * `if (laDebug) console.log(reading)` with `var laDebug = false` never runs: only the else branch is
   * walked. True when the node was such an if (and has been walked).
   */
  private skipDeadBranch(n: Node, t: string): boolean {
    if (t !== 'if_statement' && t !== 'if_expression') return false;
    const cond = n.childForFieldName('condition');
    const flag = cond ? conditionFlag(cond.text) : undefined;
    if (!flag) return false;
    this.deadFlags ??= deadFlagsOf(n.tree.rootNode.text);
    if (!this.deadFlags.has(flag)) return false;
    const alt = n.childForFieldName('alternative');
    if (alt) this.ev(alt);
    else if (!n.childForFieldName('consequence')) {
      // Kotlin: `if (c) a else b` has no field names for its branches: the second branch after the condition.
      const branches = n.namedChildren.filter((c) => c && c.id !== cond!.id);
      if (branches[1]) this.ev(branches[1]);
    }
    return true;
  }

  /** Statements, for their effects; anything else, its parts for their effects and values. */
  private evOther(n: Node, t: string): V {
    if (this.skipDeadBranch(n, t)) return EMPTY;
    // Statements (blocks, ifs, loops, expression statements): walked for their effects only. Their value is
    // never used, so it is not built: joining every statement's labels up to the function body was a
    // good part of the walk. (Not Kotlin: its if / when / blocks are expressions.)
    if (this.isStatement(t)) {
      // A part with no effect (a condition like `value > 9`, a docstring) need not be walked at all.
      for (const c of n.namedChildren) if (c && !this.isPure(c)) this.ev(c);
      return EMPTY;
    }
    let out: V = EMPTY;
    let many: V[] | undefined;
    for (const c of n.namedChildren) {
      if (!c) continue;
      const v = this.ev(c);
      if (v === EMPTY || v === SAFE) continue;
      if (out === EMPTY) out = v;
      else (many ??= [out]).push(v);
    }
    return many ? join(many) : out;
  }

  /** Is this subtree made only of names, literals, member reads and operators (walking it has no effect)? */
  private isPure(n: Node): boolean {
    const tree = n.tree;
    for (let i = n.id, end = tree.next[n.id]; i < end; i++) {
      if (!tree.isNamed(i)) continue;
      const id = tree.typeIds[i];
      let pure = this.pureTypes.get(id);
      if (pure === undefined) {
        pure = PURE_TYPES.has(tree.typeName(i));
        this.pureTypes.set(id, pure);
      }
      if (!pure) return false;
    }
    return true;
  }

  private isStatement(t: string): boolean {
    let yes = this.statementTypes.get(t);
    if (yes === undefined) {
      yes = this.fam !== 'kotlin' && this.sx.t.statements.test(t);
      this.statementTypes.set(t, yes);
    }
    return yes;
  }

  /** An inline callback: its parameters get `elem` (the receiver's elements), its body is walked here. */
  evLambda(n: Node, elem: V | undefined): V {
    return evalInlineLambda(this, n, elem);
  }

  /** Records the imports of an import node (at module level, or inside a function); false when it is none. */
  addImports(n: Node): boolean {
    const imps = importsOf(this.fam, n);
    if (!imps) return false;
    for (const i of imps) {
      this.imports.push(i);
      if (i.local !== '*') this.importNames.add(i.local);
      if (FHIR_MODULE.test(i.from + ' ' + i.name)) this.fhirFile = true;
      if (/sqlcipher|encryptedsharedpreferences|security\.crypto|androidx\.security|realm|cryptography\.fernet/i.test(i.from + '.' + i.name)) this.encryptedDb = true;
      // (A module or package named so — `com.segment.analytics`, `@segment/analytics-next`, `analytics-node`,
      // Python's `analytics` — not a class that mentions it: `IDPSegmentResponse`.)
      if (/(^|[./@])(segment|segmentio|heap)([./-]|$)|(^|[./@-])analytics([./_-]|$)/i.test(i.from)) this.analyticsImport = true;
    }
    return true;
  }

  withStep(v: V, s: Step | undefined, field = false): V {
    return withLabels(v, withStep(v.l, s, field));
  }

  /** `this` / `self`: the enclosing class's value. */
  selfValue(): V {
    const v = val({}, this.u.cls?.who);
    v.type = this.u.cls?.name;
    return v;
  }
}

export function keyText(w: Walker, k: Node | null | undefined): string {
  if (!k) return '';
  const s = w.sx.plain(k);
  if (s !== undefined) return s;
  return k.text.replace(/^['"`]|['"`]$/g, '');
}

