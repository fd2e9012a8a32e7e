/**
 * What privacy `collect` keeps of one file: plain JSON, linear in the file's size.
 *
 * Each function (and the module's top-level code) is summarised by the labels that reach its sinks, its
 * return value and the arguments of its calls. A label names where a value may come from:
 *   s<n>     source n of this file (sources[n]): a name, type or API known to hold personal data;
 *   p<n>     the function's parameter n (resolved by `check` at each call site);
 *   r<n>     the result of the function's call n (resolved by `check`: the callee's summary when it is a
 *            workspace function, else the call's inputs unless the callee is a sanitizer);
 *   n:<name> a name outside the built-in taxonomy (policy.privacy.identifiers may make it a source);
 *   t:<type> a declared type outside the built-in taxonomy (policy.privacy.types, or a workspace class
 *            with personal-data fields, may make it a source).
 * Each label carries the steps the value went through inside the function (assignments, calls).
 */
import type { Category } from './taxonomy';

/** Sink rules; `secret-to-log` is a `to-log` sink reached by a credential (check() splits it off). */
export type PrivacyRule = 'to-log' | 'to-error' | 'to-third-party' | 'cleartext-transport' | 'cleartext-storage' | 'in-url' | 'secret-to-log';

/** [startLine, startCol, endLine, endCol], 0-based as everywhere in the core. */
export type R4 = [number, number, number, number];

export interface Step {
  r: R4;
  m: string;
}

/**
 * The way a label came: steps, and what of the value flows when it stood for a parameter or a call's result:
 * `f: 1` its content (`p.value`: not a whole record), `f: 2` a neutral field of it (`record.ward`,
 * `alert.name`: none of its data).
 */
export interface Trace {
  s: Step[];
  f?: 1 | 2;
  /**
   * The value went into a library call as an argument and this is (part of) what the call made from it
   * (`Alerts.highest(glucose)`, `new Select().where(…, bg)`): another thing, whose neutral fields
   * (`alert.name`) are not the value.
   */
  d?: 1;
  /**
   * An object built from the value holds it (`DoseEntry(Util.toUnits(dose))`): whatever the value was made
   * from, the holder's fields are it, so check() forgets the call results' `d` marks behind this label.
   */
  h?: 1;
  /**
   * The value went through a library call that does not hand a credential back (`client.search(q)` of a
   * client a workspace function built with a token, `fetch(url, { headers })`): the call result or
   * parameter behind this label may hold a secret the walker cannot see yet, and check() drops it.
   */
  x?: 1;
}

export type Labels = Record<string, Trace>;

export type SourceHow = 'name' | 'type' | 'key' | 'fhir' | 'hl7' | 'dicom' | 'orm' | 'call';

export interface SourceFact {
  cat: Category;
  /** What the data is ("date of birth"). */
  what: string;
  /** The code that reads it (`patient.birthDate`), for messages. */
  expr: string;
  r: R4;
  how: SourceHow;
  idOnly?: 1;
  /** Where the value read here came from before (a parameter, a loop variable): shown before the source. */
  pre?: Step[];
  /** A whole record (patient object), not one field of it: fields read from it are not all personal. */
  whole?: 1;
  /** A workspace class value whose string form does not show its fields (only in messages from check). */
  opaque?: 1;
  /** The declared class of a value named like data (`detailedBolusInfo: DetailedBolusInfo`): check() asks whether its string form shows anything. */
  type?: string;
  /** Named by a diabetes abbreviation (`iob`, `bg`): data only in a workspace that speaks diabetes (Term.domain). */
  dom?: 1;
}

export interface SinkFact {
  rule: PrivacyRule;
  r: R4;
  /** The API that receives the data (`logger.info`, `localStorage.setItem`). */
  api: string;
  l: Labels;
  /** Rule-specific detail: the cleartext URL, the vendor, the storage kind. */
  detail?: string;
  /** The sink prints to standard output (`print`, `console.log`, `System.out`, `std::cout`), not a logger or stderr. */
  out?: 1;
  /** An exception whose own text says the branch cannot run ("Shouldn't reach here: $x"): check.ts makes it a hint. */
  unreachable?: 1;
  /** In a private function that nothing in its file names (collect.ts uncalledPrivate): check.ts makes it a hint. */
  uncalled?: 1;
  /** A URL parameter of a declared HTTP client (declaredClients.ts): a password there counts, as in-url. */
  declared?: 1;
  /** The sink takes fields or a string, not an object (SinkHit.picks): check.ts drops whole records. */
  picks?: 1;
}

export interface CallFact {
  /** Callee name (last segment). */
  name: string;
  /** Callee as written, for policy matching (`audit.send`, `logger.info`). */
  text: string;
  /** How the callee is reached: bare name, this/self, a receiver variable, or an expression. */
  via: 'bare' | 'self' | 'recv' | 'expr';
  /** Receiver variable name (via recv) and its declared/constructed type when known. */
  recv?: string;
  recvType?: string;
  r: R4;
  /** Labels of the positional arguments. */
  a: Labels[];
  /** Labels of keyword / named arguments (Python, Kotlin, C#). */
  kw?: Record<string, Labels>;
  /** Labels of the receiver (for method calls whose result derives from it). */
  rl?: Labels;
  /** The call's result is used (an r label refers to it). */
  ret?: 1;
  isNew?: 1;
  /** The result holds the inputs (a constructed object), not something made from them (calls.ts holdsInputs). */
  holds?: 1;
  /** For library callees: the result is only the receiver's elements or the callback's result (map, filter). */
  lib?: 'none';
  /** A bag getter's constant key (`getSecret(SecretsKeys.PROJECT_API, secrets)`): the result is what it names. */
  key?: string;
  /** Declared types of the positional arguments ('' unknown), when one is known: picks among overloads. */
  at?: string[];
}

export interface FunctionFact {
  name: string;
  /** Enclosing class / struct / object (Go: receiver type). */
  cls?: string;
  params: string[];
  /** Declared parameter types ('' unknown), when one is known: picks among overloads (resolve.ts). */
  pt?: string[];
  r: R4;
  sinks: SinkFact[];
  calls: CallFact[];
  ret: Labels;
  /** The file's top-level code. */
  module?: 1;
  /** Python methods: the first parameter (self / cls) is not in params. */
  self?: 1;
  /** Module-level (exported / importable) function, not a method. */
  top?: 1;
}

export interface ImportFact {
  /** Local name bound by the import. */
  local: string;
  /** Module specifier as written (`./util`, `.models`, `app.util`, `example.com/app/util`). */
  from: string;
  /** Imported name; '*' for a namespace / module import, 'default' for a default import. */
  name: string;
}

export interface ClassFact {
  name: string;
  /** Fields (and properties, constructor properties) that hold personal data: name → what. */
  data: Record<string, string>;
  /** The strongest category among them. */
  cat?: Category;
  /** Its string form shows the fields (data class, record, toString / __repr__, JS / Go values): logging it logs them. */
  printable?: 1;
  /** Fields that hold a credential (`ClientSecret`, `password`): a printable value of the class logged whole logs them. */
  secrets?: string[];
}

export interface PrivacyFacts {
  v: 1;
  sources: SourceFact[];
  fns: FunctionFact[];
  imports: ImportFact[];
  /** Java / Kotlin package, C# namespace, Go package name. */
  pkg?: string;
  /** Classes declared here that hold personal-data fields (a `t:` label of their name becomes a source). */
  classes?: ClassFact[];
  /** The file is a command-line program (parses its arguments, has a main): what it prints is its output. */
  cli?: 1;
  /** The file's text speaks diabetes therapy (DIABETES_TEXT): its workspace's `iob` and `bg` are data. */
  diabetes?: 1;
}

/** A declared type as facts keep it: the simple name, without generics, nullability or namespace ('' unknown). */
export function simpleType(type: string | undefined): string {
  return type ? type.trim().replace(/[?[\]<>]+.*$/, '').replace(/^.*\./, '') : '';
}
