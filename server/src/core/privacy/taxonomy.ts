/**
 * What counts as personal or health data, recognised from names (identifiers, properties, keys, types).
 *
 * A name is split into lower-case words (camelCase, PascalCase, snake_case, kebab-case, digits kept with
 * their word: `spo2`, `icd10`) and plurals are folded (`diagnoses` → `diagnosis`). A name is a source when
 * a TERM (a word sequence below) occurs in it and
 *  - no word before the term is a non-data modifier (`isPregnant`, `maxGlucose`, `numPatients`,
 *    `encryptedDob`: booleans, limits, counts and already-protected values are not the data), and
 *  - no word after it is one (`patientCount`, `dobFormat`, `ssnRegex`, `patientService`, `emailTemplate`);
 *  - terms marked `q` need a qualifier: a person word before them (`patientName`, `userEmail`) or a
 *    person-like receiver (`patient.name`), so `fileName`, `nameOfQueue`, `hostAddress` or `className`
 *    are not sources; some have their own qualifiers (`homeAddress`, `bodyWeight`, `medicalCondition`).
 * The rightmost term wins (`patientDiagnosisCode` is a diagnosis, not just a patient).
 * docs/rules.md ("Taxonomy") lists the taxonomy for users; keep both in step.
 */
import { BoundedCache, memoised } from '../memo';
export { isConstantName } from '../code/names';
import { IRREGULAR, LEADING_META, LEADING_META_EXCEPT, PATIENT_ID_WORDS, PERSON_WORDS, TERMS, TRAILING_META, TRAILING_OK, TRAILING_TIME, type Category, type Term } from './terms';

export { LEADING_META, PERSON_WORDS, TRAILING_META, type Category, type Term };

/** The most recent or next reading, dose or diagnosis (lastBg, previousBolus, nextDose) is still the data. */
const RECENT = new Set(['last', 'prev', 'previous', 'next', 'latest', 'current']);

export interface NameMatch {
  term: Term;
  cat: Category;
  what: string;
  idOnly: boolean;
  /** The person word that qualifies the name (`patient` in patientName), when there is one. */
  who?: string;
}

export function singular(w: string): string {
  const irr = Object.hasOwn(IRREGULAR, w) ? IRREGULAR[w] : undefined;
  if (irr) return irr;
  if (w.length > 4 && w.endsWith('ies')) return w.slice(0, -3) + 'y';
  if (w.length > 3 && w.endsWith('s') && !/(ss|us|is)$/.test(w)) return w.slice(0, -1);
  return w;
}

/** `patientDOB2_value` → ['patient', 'dob2', 'value'] (lower case, plurals folded). */
/** `patientDOB2_value` → ['patient', 'dob2', 'value'] (cached; callers must not modify the result). */
export const splitWords: (name: string) => string[] = memoised(splitWordsUncached, 50000);

function splitWordsUncached(name: string): string[] {
  const out: string[] = [];
  const parts = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/);
  for (const p of parts) {
    if (!p) continue;
    const w = p.toLowerCase();
    // SpO2, HbA1c: camel-case splitting breaks a code in two; glue it back when the whole is a term.
    const prev = out[out.length - 1];
    if (prev && prev.length <= 3 && /\d/.test(w) && TERMS.has(prev + w)) {
      out[out.length - 1] = prev + w;
      continue;
    }
    out.push(singular(w));
  }
  return out;
}

export interface MatchOptions {
  /** The value the name is read from is a person or patient (patient.name): qualifies `q` terms. */
  who?: string;
  /** Extra names (policy.privacy.identifiers), already split. */
  extra?: readonly { words: string[]; raw: string }[];
}

const cache = new BoundedCache<NameMatch | null>(20000);

/** The taxonomy term a name denotes, or undefined. */
export function matchName(name: string, opts: MatchOptions = {}): NameMatch | undefined {
  if (!name || name.length > 80) return undefined;
  const key = opts.who ? `${name}\0${opts.who}` : name;
  if (!opts.extra) {
    const c = cache.get(key);
    if (c !== undefined) return c ?? undefined;
  }
  const r = matchWords(splitWords(name), opts);
  if (!opts.extra) cache.set(key, r ?? null);
  return r;
}

export function matchWords(words: readonly string[], opts: MatchOptions = {}): NameMatch | undefined {
  if (!words.length) return undefined;
  // Trailing digits (address2, phone1) do not change the meaning, except in codes like spo2 / icd10.
  const ws = words.map((w) => (/^[a-z]+\d$/.test(w) && !TERMS.has(w) ? w.replace(/\d+$/, '') : w));
  const cands: { t: Term; at: number }[] = [];
  for (let i = 0; i < ws.length; i++) {
    for (const t of TERMS.get(ws[i]) ?? []) {
      if (i + t.words.length > ws.length) continue;
      let ok = true;
      for (let k = 1; k < t.words.length; k++) if (ws[i + k] !== t.words[k]) ok = false;
      if (ok) cands.push({ t, at: i });
    }
  }
  // The head noun of an English compound is its last word: try the term that ends last, then the longest.
  cands.sort((a, b) => b.at + b.t.words.length - (a.at + a.t.words.length) || b.t.words.length - a.t.words.length);
  for (const c of cands) {
    const m = check(ws, c.t, c.at, opts);
    if (m) return m;
  }
  if (opts.extra) {
    for (const e of opts.extra) {
      const at = indexOfSeq(ws, e.words);
      if (at < 0) continue;
      const m = check(ws, { words: e.words, cat: 'personal', what: e.raw }, at, opts);
      if (m) return m;
    }
  }
  return undefined;
}

function indexOfSeq(ws: readonly string[], seq: readonly string[]): number {
  outer: for (let i = 0; i + seq.length <= ws.length; i++) {
    for (let k = 0; k < seq.length; k++) if (ws[i + k] !== seq[k]) continue outer;
    return i;
  }
  return -1;
}

const SECRET_WHERE = new Set(['file', 'files', 'filename', 'path', 'paths', 'dir', 'directory', 'folder', 'location', 'url', 'uri', 'env', 'var', 'variable', 'name', 'alias', 'store', 'provider', 'prompt']);

/** Words that may stand between a qualifier and its term (patientDisplayName, patientHomeAddress). */
const BETWEEN = new Set(['display', 'preferred', 'nick', 'official', 'common', 'short', 'long', 'primary', 'current', 'home', 'legal', 'full']);
/** …and between a patient word and `id` (patientRecordId, subjectStudyId). */
const BETWEEN_ID = new Set(['record', 'file', 'chart', 'case', 'internal', 'external', 'local', 'fhir', 'ehr', 'emr', 'hospital', 'clinic', 'study', 'global', 'unique']);

function check(ws: readonly string[], t: Term, at: number, opts: MatchOptions): NameMatch | undefined {
  const end = at + t.words.length;
  const head = t.words[0];
  for (let i = 0; i < at; i++) {
    const w = ws[i];
    if (LEADING_META.has(w) && !LEADING_META_EXCEPT[w]?.has(head) && !(t.cat === 'health' && RECENT.has(w))) return undefined;
  }
  const ok = TRAILING_OK[t.cat] ?? TRAILING_OK['*'];
  // (Insulin is dosed in units: `bolusUnits` is the dose, where `glucoseUnit` is a display setting.)
  for (let i = end; i < ws.length; i++) if (TRAILING_META.has(ws[i]) && !ok.has(ws[i]) && !(t.what === 'insulin dosing' && /^units?$/.test(ws[i]))) return undefined;
  // tlsPrivateKeyFile, passwordPath: where a secret is kept, not the secret.
  if (t.cat === 'secret') for (let i = end; i < ws.length; i++) if (SECRET_WHERE.has(ws[i])) return undefined;
  // bgTime, extendedBolusMinutes: when or how long; basalsByHour, carbsPerHour: the data, per unit of time.
  if (ws.length > end && TRAILING_TIME.has(ws[ws.length - 1]) && !(ws.length - 2 >= end && /^(by|per|each|every|a)$/.test(ws[ws.length - 2]))) return undefined;
  if (t.q) {
    let qualified = false;
    // The qualifier stands right before the term, or before a word like `home` / `display` that does.
    const between = t.idOnly ? BETWEEN_ID : BETWEEN;
    for (let i = at - 1; i >= 0 && i >= at - 2; i--) {
      if (t.q.has(ws[i])) qualified = true;
      if (!between.has(ws[i])) break;
    }
    // `of` constructions: nameOfPatient, dateOfBirth is a term of its own.
    if (end + 1 < ws.length && ws[end] === 'of' && t.q.has(ws[end + 1])) qualified = true;
    // Read from a person (patient.name, user.displayName). A modifier qualifies personal data only written
    // into the name (`currentLocation`): `current.Location` is the parser node's position in a document.
    if (!qualified && opts.who && t.q.has(opts.who) && (t.cat !== 'personal' || PERSON_WORDS.has(opts.who)) && ws.slice(0, at).every((w) => BETWEEN.has(w))) qualified = true;
    if (!qualified) return undefined;
  }
  if (t.cat === 'record' && end < ws.length) {
    // patient + unrelated head noun (patientOrder, patientPortal): keep only data-ish continuations.
    for (let i = end; i < ws.length; i++) if (!RECORD_TAIL.has(ws[i])) return undefined;
  }
  let who: string | undefined;
  for (let i = 0; i < at; i++) if (PERSON_WORDS.has(ws[i]) || PATIENT_ID_WORDS.has(ws[i])) who = ws[i];
  return { term: t, cat: t.cat, what: t.what, idOnly: !!t.idOnly, who: who ?? (t.cat === 'record' ? head : undefined) };
}

/** Words that may follow `patient` in the name of a patient record value. */
const RECORD_TAIL = new Set([
  'record', 'data', 'info', 'information', 'detail', 'details', 'dto', 'entity', 'model', 'obj', 'object', 'json',
  'payload', 'resource', 'bundle', 'row', 'doc', 'document', 'summary', 'profile', 'demographic', 'str', 'string',
  'text', 'value', 'raw', 'list', 'array', 'arr', 'map', 'dict', 'response', 'res', 'resp', 'body', 'result', 'vo',
  'bean', 'chart', 'file', 'export', 'snapshot', 'entry', 'item', 'node', 'full', 'dump', 'blob', 'csv', 'xml', 'hl7',
  'fhir', 'message', 'msg', 'segment', 'in', 'out', 'new', 'old', 'updated', 'created', 'saved', 'existing', 'match',
  'request', 'req', 'state', 'set', 'context', 'ctx', 'instance', 'copy', 'clone', 'rec', 'note', 'notes', 'history',
  'attachment', 'attachments',
]);

// ---------------------------------------------------------------------------------------------------------
// Types

/** FHIR resource types that hold personal or health data (by class / interface name). */
export const FHIR_TYPES: Record<string, string> = {
  Patient: 'FHIR Patient', Observation: 'FHIR Observation', Condition: 'FHIR Condition', MedicationRequest: 'FHIR MedicationRequest',
  MedicationStatement: 'FHIR MedicationStatement', MedicationAdministration: 'FHIR MedicationAdministration',
  MedicationDispense: 'FHIR MedicationDispense', AllergyIntolerance: 'FHIR AllergyIntolerance', DiagnosticReport: 'FHIR DiagnosticReport',
  Procedure: 'FHIR Procedure', Immunization: 'FHIR Immunization', Encounter: 'FHIR Encounter', CarePlan: 'FHIR CarePlan',
  FamilyMemberHistory: 'FHIR FamilyMemberHistory', ClinicalImpression: 'FHIR ClinicalImpression', RiskAssessment: 'FHIR RiskAssessment',
  Specimen: 'FHIR Specimen', MolecularSequence: 'FHIR MolecularSequence', ImagingStudy: 'FHIR ImagingStudy',
  QuestionnaireResponse: 'FHIR QuestionnaireResponse', DocumentReference: 'FHIR DocumentReference', Coverage: 'FHIR Coverage',
  Claim: 'FHIR Claim', ExplanationOfBenefit: 'FHIR ExplanationOfBenefit', RelatedPerson: 'FHIR RelatedPerson', Person: 'FHIR Person',
  VisionPrescription: 'FHIR VisionPrescription', NutritionOrder: 'FHIR NutritionOrder', ServiceRequest: 'FHIR ServiceRequest',
  HumanName: 'FHIR HumanName', Genomics: 'FHIR genomics',
};
/** Resource types that are unambiguous even without a FHIR import (others need the file to use FHIR). */
const FHIR_UNAMBIGUOUS = new Set(['Patient', 'MedicationRequest', 'MedicationStatement', 'MedicationAdministration', 'MedicationDispense',
  'AllergyIntolerance', 'DiagnosticReport', 'FamilyMemberHistory', 'MolecularSequence', 'QuestionnaireResponse', 'ExplanationOfBenefit',
  'RelatedPerson', 'HumanName', 'VisionPrescription']);

/** HL7 v2 segments and message structures with patient data (HAPI / NHapi class names too). */
export const HL7_SEGMENTS = new Set(['PID', 'PD1', 'NK1', 'PV1', 'PV2', 'OBX', 'DG1', 'AL1', 'IN1', 'IN2', 'GT1', 'PR1', 'RXE', 'RXA', 'RXO', 'ORC', 'OBR', 'NTE']);
const HL7_MESSAGES = /^(ADT|ORU|ORM|OML|RDE|RAS|VXU|MDM|DFT|SIU|BAR)_[A-Z]\d\d$/;

export interface TypeMatch {
  cat: Category;
  what: string;
}

const SKIP_TYPE_WORDS = new Set(['string', 'int', 'integer', 'number', 'bool', 'boolean', 'object', 'any', 'unknown', 'void']);

/**
 * The personal-data category of a declared type (`fhir4.Patient`, `List<Observation>`, `PatientDto`,
 * `Optional[LabResult]`), or undefined. fhirFile: the file imports a FHIR library (then Observation,
 * Condition, Procedure… are the FHIR resources).
 */
/** matchType results without extra types, per FHIR-ness and type text (every `int a` of a C file asks). */
const typeCache = [new Map<string, TypeMatch | null>(), new Map<string, TypeMatch | null>()];

export function matchType(typeText: string, fhirFile: boolean, extraTypes?: ReadonlySet<string>): TypeMatch | undefined {
  if (!typeText || typeText.length > 200) return undefined;
  if (extraTypes?.size) return matchTypeUncached(typeText, fhirFile, extraTypes);
  const cache = typeCache[fhirFile ? 1 : 0];
  let r = cache.get(typeText);
  if (r === undefined) {
    if (cache.size > 20_000) cache.clear();
    cache.set(typeText, (r = matchTypeUncached(typeText, fhirFile) ?? null));
  }
  return r ?? undefined;
}

function matchTypeUncached(typeText: string, fhirFile: boolean, extraTypes?: ReadonlySet<string>): TypeMatch | undefined {
  const names = typeText.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? [];
  const qualifiedFhir = /\b(fhir\w*|r4|r4b|r5|stu3|dstu2|hl7)\s*[.:]/i.test(typeText);
  for (let i = names.length - 1; i >= 0; i--) {
    const n = names[i];
    if (SKIP_TYPE_WORDS.has(n.toLowerCase())) continue;
    if (extraTypes?.has(n)) return { cat: 'record', what: `${n} record` };
    const f = Object.hasOwn(FHIR_TYPES, n) ? FHIR_TYPES[n] : undefined;
    if (f && (FHIR_UNAMBIGUOUS.has(n) || fhirFile || qualifiedFhir)) {
      const cat: Category = n === 'Patient' || n === 'Person' || n === 'RelatedPerson' || n === 'HumanName' ? 'record' : 'health';
      // The application's own Patient class is a patient record, not a FHIR resource.
      return { cat, what: fhirFile || qualifiedFhir ? `${f} resource` : cat === 'record' ? 'patient record' : `${f.replace(/^FHIR /, '')} record` };
    }
    if (HL7_SEGMENTS.has(n) && n.length === 3 && (fhirFile || /hl7|hapi|nhapi/i.test(typeText))) return { cat: 'record', what: `HL7 v2 ${n} segment` };
    if (HL7_MESSAGES.test(n)) return { cat: 'record', what: `HL7 v2 ${n} message` };
    // Apple HealthKit: samples, clinical records and characteristics are health data by type.
    if (Object.hasOwn(HEALTHKIT_TYPES, n)) return { cat: 'health', what: HEALTHKIT_TYPES[n] };
    // Class names are PascalCase: match their words like identifiers, but never q-terms alone (Name, Address).
    if (/^[A-Z]/.test(n)) {
      const m = matchName(n);
      if (m && !m.idOnly && headNounHolds(n, m)) return { cat: m.cat, what: m.cat === 'record' ? 'patient record' : m.what };
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Sanitizers and non-data functions

/**
 * The head noun of a class name is its last word: `BgReading`, `CarbsEntry`, `PatientDto` hold the data,
 * `EhrBaseCache`, `InsulinPump`, `GlucoseAlertSettings` are something else. After the term, only words
 * for a holder of the data may follow.
 */
const TYPE_DATA_TAIL = new Set([
  'record', 'records', 'entry', 'entries', 'data', 'datum', 'info', 'information', 'dto', 'entity', 'model', 'value', 'values',
  'reading', 'readings', 'result', 'results', 'list', 'details', 'detail', 'summary', 'event', 'events', 'item', 'items',
  'history', 'sample', 'samples', 'measurement', 'measurements', 'observation', 'report', 'row', 'document', 'doc', 'object',
  'obj', 'vo', 'bean', 'json', 'payload', 'set', 'array', 'map', 'response', 'request', 'message', 'msg', 'resource', 'bundle',
  'element', 'snapshot', 'state', 'status', 'profile', 'rate', 'amount', 'dose', 'level', 'log', 'logs', 'series', 'point',
  'points', 'view', 'form', 'card', 'contact', 'name', 'address', 'file', 'export', 'extract', 'share', 'input', 'output',
  'pair', 'tuple', 'struct', 'holder', 'wrapper', 'container',
]);

function headNounHolds(typeName: string, m: NameMatch): boolean {
  const ws = splitWords(typeName);
  const tw = m.term.words;
  let end = -1;
  for (let i = ws.length - tw.length; i >= 0 && end < 0; i--) if (tw.every((w, k) => ws[i + k] === w)) end = i + tw.length;
  if (end < 0) return true; // (a plural or glued form: keep the match)
  for (let i = end; i < ws.length; i++) if (!TYPE_DATA_TAIL.has(ws[i]) && !/^\d+$/.test(ws[i])) return false;
  return true;
}

const HEALTHKIT_TYPES: Record<string, string> = {
  HKQuantitySample: 'HealthKit sample', HKCategorySample: 'HealthKit sample', HKCorrelation: 'HealthKit sample',
  HKClinicalRecord: 'clinical record (HealthKit)', HKFHIRResource: 'FHIR resource (HealthKit)', HKWorkout: 'HealthKit workout',
  HKElectrocardiogram: 'ECG', HKAudiogramSample: 'audiogram', HKHeartbeatSeriesSample: 'heart rate',
  HKBiologicalSexObject: 'sex', HKBloodTypeObject: 'blood type', HKStatistics: 'HealthKit statistics',
};

/** Functions whose result no longer carries the data (word prefixes of the function / method name). */
const SANITIZER_PREFIXES = [
  'hash', 'hmac', 'digest', 'sha1', 'sha2', 'sha3', 'sha256', 'sha384', 'sha512', 'md5', 'blake', 'bcrypt', 'scrypt', 'argon',
  'pbkdf', 'encrypt', 'seal', 'protect', 'pseudonym', 'anonymi', 'anonymis', 'deidentif', 'deid', 'redact', 'mask', 'obfuscat',
  'scrub', 'censor', 'tokenize', 'tokenise', 'crypt', 'cipher', 'fingerprint',
];
const NOT_SANITIZER = new Set(['hashmap', 'hashset', 'hashtable', 'linkedhashmap', 'linkedhashset', 'maskable', 'hashcode', 'gethashcode']);

export const isSanitizerName: (name: string) => boolean = memoised(isSanitizerNameUncached);

function isSanitizerNameUncached(name: string): boolean {
  const words = splitWords(name);
  const lower = name.toLowerCase();
  if (NOT_SANITIZER.has(lower)) return false;
  if (/^(new)?(linked)?hash(map|set|table)/.test(lower)) return false;
  for (const w of words) for (const p of SANITIZER_PREFIXES) if (w.startsWith(p)) return true;
  return /^(de_?identify|anonymi[sz]e|pseudonymi[sz]e|redact|mask|hash|hmac|digest|encrypt)/.test(lower);
}

/**
 * A value named for what was done to hide it (`redactedPhone`, `maskedSsn`, `anonymizedName`): the code says
 * it holds the redacted form, as a sanitizer's name says it returns one (isSanitizerName). Narrower than
 * that list: `protected…`, `hashed…` and `encrypted…` name data too. Its last segment is judged
 * (`this.redactedPhone`).
 */
export function namesRedactedValue(text: string): boolean {
  const last = /[A-Za-z_][A-Za-z0-9_]*\s*$/.exec(text.replace(/[()?!]+$/, ''))?.[0] ?? '';
  return splitWords(last).some((w) => /^(redact|mask|anonymi[sz]|pseudonymi[sz]|deidentif|obfuscat|scrub|censor)/.test(w));
}

/**
 * A library call's result carries a credential given to it only when the call just re-spells it (toString,
 * format, encode, hex, bytes, concatenation…): a request's response, an entropy estimate or a cipher built
 * with a key does not hold the key.
 */
const RESPELLS = /^(tostring|valueof|format|string|str|sprintf|sprint|printf|join|concat|append|plus|trim|strip|substring|substr|slice|take|tohex|hex|tohexstring|encode|encodetostring|b64encode|btoa|getbytes|tobytearray|tochararray|bytes|utf8|touppercase|tolowercase|lower|upper|repr|quote|tojson|stringify|dumps|totypedarray|copyof|copyofrange|clone|aslist|singletonlist|listof|arrayof|mutablelistof|setof|of|toarray|tolist|add|addall|put|push|extend|list|tuple|array)$/i;

const CREDENTIAL_LAST_WORD = new Set(['token', 'tokens', 'credential', 'credentials', 'secret', 'secrets', 'password', 'passphrase', 'apikey']);

/**
 * Does a library call's result carry a credential given to it? Only when the call re-spells it, or is
 * named for the credential it returns (`config.Token(ctx)`, `GetToken`, `getAccessToken`, `loadCredentials`).
 */
export function respellsCredential(callee: string): boolean {
  if (RESPELLS.test(callee)) return true;
  const last = splitWords(callee).at(-1);
  return (!!last && CREDENTIAL_LAST_WORD.has(last)) || matchName(callee)?.cat === 'secret';
}

/** Functions whose result says something about the data without carrying it (counts, booleans, sizes). */
const CLEAN_FIRST = new Set([
  'is', 'has', 'can', 'should', 'will', 'did', 'was', 'are', 'validate', 'check', 'verify', 'exist', 'exists', 'contain',
  'contains', 'include', 'includes', 'equal', 'equals', 'match', 'matches', 'test', 'compare', 'count', 'size', 'len',
  'length', 'sizeof', 'typeof', 'isinstance', 'instanceof', 'bool', 'boolean', 'any', 'all', 'some', 'every', 'uuid',
  'random', 'now', 'sleep', 'wait', 'start', 'stop', 'index', 'indexof', 'starts', 'ends', 'startswith', 'endswith',
  'hashcode', 'gethashcode', 'id', 'type', 'gettype', 'getclass', 'class', 'not', 'assert', 'expect', 'ensure',
]);
const CLEAN_ANY = new Set(['count', 'size', 'length', 'len', 'exists', 'empty', 'blank', 'null', 'valid', 'hashcode', 'boolean', 'bool']);
/** Actions: calling them sends or stores data, their result is not the data (a status, a future, nothing). */
const ACTION_FIRST = new Set([
  'save', 'persist', 'insert', 'delete', 'remove', 'send', 'emit', 'dispatch', 'publish', 'notify', 'write', 'print',
  'println', 'printf', 'log', 'track', 'flush', 'close', 'post', 'upload', 'enqueue', 'schedule', 'commit', 'rollback',
  'register', 'unregister', 'subscribe', 'unsubscribe', 'render', 'set', 'put', 'add', 'append', 'push', 'clear',
  'reset', 'throw', 'raise', 'abort', 'fail', 'info', 'debug', 'warn', 'warning', 'error', 'trace', 'fatal', 'critical',
  'sync', 'store', 'upsert', 'submit', 'broadcast', 'cancel', 'trigger',
]);
/** Words that make an action's name hand its data back (`saveAndGet`, `logAndReturn`, `insertReturning`). */
const RETURNS_DATA = new Set(['and', 'return', 'returns', 'returning', 'get', 'fetch', 'load', 'read', 'copy', 'to', 'as']);

export type Propagation = 'all' | 'none';

const REMOTE_CALL = new Set(['execute', 'invoke', 'request']);

/** How the result of a call to an unknown (library) function relates to its inputs. */
export const callPropagation: (name: string) => Propagation = memoised(callPropagationUncached);

function callPropagationUncached(name: string): Propagation {
  if (!name) return 'all';
  if (isSanitizerName(name)) return 'none';
  const words = splitWords(name);
  if (!words.length) return 'all';
  const first = words[0];
  const lower = name.toLowerCase();
  if (CLEAN_FIRST.has(first) || CLEAN_FIRST.has(lower)) return 'none';
  if (words.some((w) => CLEAN_ANY.has(w))) return 'none';
  // `syncTemporaryBasalWithPumpId(…)`, `storeReading(r)`: the result is a status, an id or nothing.
  if (ACTION_FIRST.has(first) && !/^(set|put|add|append|push)$/.test(first) && (words.length <= 2 || !words.some((w) => RETURNS_DATA.has(w)))) return 'none';
  // A request to another process (`client.zambda.execute({ …params })`, `lambda.invoke(payload)`,
  // `http.request(opts)`): its result is what the other side answered, not what was sent.
  if (words.length === 1 && REMOTE_CALL.has(first)) return 'none';
  return 'all';
}

/** Property names that are metadata of a value, not its content (length, count, resourceType…). */
export const META_PROPERTIES = new Set([
  'length', 'size', 'count', 'total', 'resourcetype', 'meta', 'type', 'kind', 'status', 'version', 'versionid',
  'createdat', 'created_at', 'updatedat', 'updated_at', 'lastupdated', 'last_updated', 'constructor', 'prototype',
  '__class__', '__name__', 'class', 'hashcode', 'isempty', 'empty', 'isnotempty', 'rowcount', 'ok', 'statuscode',
  'status_code', 'headers', 'implicitrules', 'language', 'text_status',
]);

/** What each domain abbreviation names (`iob` → insulin on board: Term.domain), and what other terms name. */
const DOMAIN_WHAT_OF = new Map<string, string>();
const NON_DOMAIN_WHATS = new Set<string>();
for (const ts of TERMS.values()) for (const t of ts) if (t.domain) DOMAIN_WHAT_OF.set(t.words.join(' '), t.what);
else NON_DOMAIN_WHATS.add(t.what);
const DOMAIN_ONLY_WHATS = new Set([...DOMAIN_WHAT_OF.values()].filter((w) => !NON_DOMAIN_WHATS.has(w)));

/**
 * Was a source named by a domain abbreviation — also when a field read carries the meaning on (`Iob->file`
 * is "insulin on board"), or when the meaning is shared with a spelled-out term (`bg` and `glucose` both
 * name blood glucose: then the expression's own words decide)?
 */
export function namedByDomainAbbreviation(what: string, expr: string): boolean {
  return DOMAIN_ONLY_WHATS.has(what) || splitWords(expr).some((w) => DOMAIN_WHAT_OF.get(w) === what);
}

/** Declared number and flag types: a value of one is a count, an amount, an id or a flag, never a whole record. */
export function isScalarType(type: string | undefined): boolean {
  return !!type && /^(int|long|short|byte|sbyte|uint|ulong|ushort|float|double|decimal|bool|boolean|Int|Long|Short|Byte|Float|Double|Boolean|Bool|Integer|Int\d+|UInt\d*|int\d+_t|uint\d+_t|i\d+|u\d+|f\d+|usize|isize|size_t|number|Number)\??$/.test(type.trim());
}

/** What only text can be: a number or a flag is never an e-mail address, a name or a postal address. */
const TEXT_ONLY = new Set(['email address', 'name', 'postal address', 'city of residence']);
export function cannotHold(type: string | undefined, what: string): boolean {
  return TEXT_ONLY.has(what) && isScalarType(type);
}

/** `String`, `string`, `Set<String>`, `List<String>`, `String[]`, `[String]`, `list[str]`. */
export function isStringsType(type: string | undefined): boolean {
  if (!type) return false;
  const t = type.trim().replace(/\?$/, '');
  return /^(String|string|str|NSString)$/.test(t) || /^(Set|List|Collection|Iterable|HashSet|ArrayList|MutableSet|MutableList|Array|set|list|Sequence)\s*[<[]\s*(String|string|str)\s*[>\]]$/.test(t) || /^(String|string)\[\]$|^\[String\]$/.test(t);
}

/**
 * A string, or a set or list of strings, named for a record (`String newPatient`, `Set<String> patientIds`)
 * holds references or ids of records (FHIR "Patient/123"), not the records — unless its name says it is the
 * record serialised (`patientJson`).
 */
export function holdsIdsOnly(type: string | undefined, name: string): boolean {
  return isStringsType(type) && !/json|xml|body|payload|text|dump|serial|str/i.test(name);
}
