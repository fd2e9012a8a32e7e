/**
 * Knowledge of APIs: which calls are sinks (logging, errors, third-party SDKs, network, storage, URLs),
 * which create channels (a cleartext socket, a file, SharedPreferences, a crypto context), and which
 * return personal data (FHIR reads, HL7 segments, DICOM patient tags, ORM reads of patient tables).
 * Matching is by callee name and receiver path, case-insensitively, never by executing anything.
 */
import type { LanguageId } from '../language/languages';
import type { PrivacyRule } from './facts';
import { BoundedCache, memoised } from '../memo';
import { splitWords } from './taxonomy';
import { familyOf } from '../code/family';
import { PRIVACY_FAMILIES, type CallView, type PrivacyFamily } from './families';
import { HTTP_FUNCS, LOGGER_WORDS, LOG_METHODS, NOT_LOG_METHODS, PREF_PUT, SEND_METHODS, SPAN_METHODS, THIRD_PARTY_NON_DATA, WRITE_METHODS, cleartextUrl, isErrorStatus, vendorOf } from './apinames';

export { cleartextUrl, isErrorStatus, vendorOf, vendorOfType } from './apinames';

/**
 * What a value is connected to: network channels in cleartext, local stores, a third-party SDK, a crypto
 * context (whose results are not the data), or something known to be protected.
 */
export type Channel =
  | 'http' | 'ws' | 'mqtt' | 'tcp' | 'ftp'
  | 'file' | 'prefs' | 'sqlite' | 'webstorage' | 'idb'
  | '3p' | 'crypto' | 'secure' | 'stdout' | 'span'
  /** An in-memory database (`sqlite3.connect(":memory:")`): nothing written to it reaches the disk. */
  | 'memory'
  /** The query of a URL being built (Go url.Values, JS URLSearchParams): what is set on it goes into a URL. */
  | 'query';

export const NETWORK: ReadonlySet<Channel> = new Set(['http', 'ws', 'mqtt', 'tcp', 'ftp']);
export const STORAGE: ReadonlySet<Channel> = new Set(['file', 'prefs', 'sqlite', 'webstorage', 'idb']);
/** Channels that belong to an object (a socket, a file, an SDK) and survive property access on it. */
export const OBJECT_CHANNELS: ReadonlySet<Channel> = new Set(['tcp', 'file', 'prefs', 'sqlite', 'webstorage', 'idb', '3p', 'crypto', 'secure', 'span', 'ws', 'mqtt', 'http', 'memory']);

/** An empty string array of the same elements kind as split() / map() results over strings (a `[]` literal is
 * another kind; mixing them made the hot classifiers deoptimise). Never mutated. */
export const NO_STRINGS: string[] = 'x'.split('.').slice(1);

export interface ArgInfo {
  /** Keyword / named argument name. */
  kw?: string;
  ch?: Channel;
  chDetail?: string;
  /** Known string value (or prefix) of the argument. */
  str?: string;
  /** Source text of the argument (trimmed), for status codes and modes. */
  text: string;
  isLambda?: boolean;
  /** Keys of an object-literal argument ({ status: 400 }, { params: … }). */
  keys?: Record<string, string>;
}

export interface CallSite {
  lang: LanguageId;
  /** Callee name as written (`info`, `LogInformation`, `setItem`). */
  name: string;
  /** Receiver path, outermost first: `self.logger` → ['self', 'logger']; calls end in `()`. */
  path: string[];
  /** Texts of arguments of calls in the receiver chain (res.status(404).json → ['404']). */
  chainArgs: string[];
  isNew: boolean;
  recvCh?: Channel;
  recvChDetail?: string;
  args: ArgInfo[];
  /** In a Kotlin lambda with receiver (prefs.edit { putString(…) }): the receiver's channel. */
  implicitCh?: Channel;
  /** Inside a lambda passed to this call (`semantics` in `Modifier.semantics { error(msg) }`). */
  lambdaOf?: string;
  /** The file imports SQLCipher / an encrypted store. */
  encryptedDb?: boolean;
  /** The file imports an analytics SDK: a receiver named only `segment` / `analytics` / `heap` may be it. */
  analyticsImport?: boolean;
}

export interface SinkHit {
  rule: PrivacyRule;
  api: string;
  /** Positional argument indexes that carry the data ('all' for every argument, including keyword ones). */
  args: number[] | 'all';
  /** Keyword / named arguments and object-literal option keys that carry the data. */
  kw?: string[];
  /** Include the receiver's labels (a logger built with .WithField(…), a DataFrame written to disk). */
  recv?: boolean;
  detail?: string;
  /** Prints to standard output (SinkFact.out). */
  out?: boolean;
  /** The trailing lambda's value carries the data too (implied by 'all'): Kotlin `require(x) { message }`. */
  fn?: boolean;
  /**
   * The callee builds the URL from fields it picks out of an object argument (`link.getUrl(patient)`), or
   * takes a query parameter's value as a string (`url.searchParams.set('patient', patient)`): a whole record
   * handed over is not the URL (its id, or `[object Object]`); a field read out of it (`patient.name`) is.
   */
  picks?: boolean;
}

export interface CallEffect {
  sinks: SinkHit[];
  /** Channel of the call's result. */
  ch?: Channel;
  chDetail?: string;
  /** The call's result no longer carries its inputs' data (crypto). */
  clean?: boolean;
}

const lc = (s: string) => s.toLowerCase();

/** A path segment without call parens, this./self., leading underscores and an m-prefix (memoised: hot, few distinct values). */
const stripPrefix = memoised((seg: string) => seg.replace(/\(\)$/, '').replace(/^(this|self)\./, '').replace(/^_+/, '').replace(/^m(?=[A-Z])/, ''), 50_000);

/**
 * A receiver named for something a log word qualifies, not a logger: blip's `bgLogText` (the text of the
 * blood-glucose logbook), a `logView`, `logEntries`, `changeLogPage`.
 */
const LOG_CONTENT_TAIL = new Set(['text', 'texts', 'message', 'messages', 'string', 'entry', 'entries', 'view', 'book', 'data', 'item', 'items', 'list', 'table', 'chart', 'page', 'screen', 'row', 'rows', 'component', 'button', 'tab', 'panel']);
function namesLogContent(segment: string): boolean {
  const ws = splitWords(stripPrefix(segment));
  return ws.length > 1 && ws.some((w) => LOGGER_WORDS.has(w)) && LOG_CONTENT_TAIL.has(ws[ws.length - 1]);
}

function pathWords(path: readonly string[]): string[] {
  if (!path.length) return NO_STRINGS;
  const out: string[] = [];
  for (const p of path) out.push(...splitWords(stripPrefix(p)));
  return out;
}

/**
 * A call on a receiver that prints to standard output rather than to a logger or stderr: `console.log`,
 * .NET `Console.WriteLine`, `System.out.println`, Go `fmt.Println`, `process.stdout.write`, `pprint.pprint`.
 */
function printsToStdout(pathText: string, lname: string): boolean {
  // (.NET's `System.Console` spelled out is the same console.)
  if (pathText === 'console' || pathText === 'system.console') return /^(log|info|table|dir|write|writeline)$/.test(lname);
  if (pathText === 'console.out' || pathText === 'system.console.out') return /^(write|writeline)$/.test(lname);
  if (pathText === 'fmt') return /^(print|println|printf)$/.test(lname);
  if (/^(process|sys)\.stdout$/.test(pathText)) return lname === 'write';
  return pathText === 'system.out' || (pathText === 'pprint' && lname === 'pprint');
}

/** Exception / error constructors: new XError(…), XException(…), raise ValueError(…), errors.New(…). */
function isErrorConstructor(fam: PrivacyFamily, c: CallView): boolean | number[] {
  const { site, name, lname, bare, recv } = c;
  const words = splitWords(name);
  const last = words[words.length - 1];
  if (site.isNew || (/^[A-Z]/.test(name) && !fam.capitalCallsAreFunctions)) {
    if (last === 'error' || last === 'exception' || last === 'fault' || /^(Http404|HTTPException|HttpException|NotFound|BadRequest|PermissionDenied|Forbidden|Unauthorized|SuspiciousOperation|ValidationError|Problem|ProblemDetails|ResponseStatusException|WebApplicationException|RpcException|StatusRuntimeException)$/.test(name)) {
      // Not the logging of an error (LogError) nor its handling.
      if (/^(log|print|report|handle|on|is|has|capture|record|track|trace|send|notify|show|display|format|get|to|assert)$/.test(words[0]) && words.length > 1) return false;
      // A macro that returns a failed status to the caller (`FHIR_RETURN_IF_ERROR(GetPatient(b, &patient))`).
      if (/^[A-Z0-9_]+$/.test(name) && words.some((w) => w === 'return' || w === 'if')) return false;
      return true;
    }
    return false;
  }
  const raised = fam.raises?.(c);
  if (raised) return raised;
  if (bare) return /^(abort|createError|createHttpError|throwError|httpError|newError|makeError|raiseError)$/.test(name);
  if (/^(boom|createerror|httperrors|createhttperror)$/.test(recv)) return true;
  if (lname === 'throw' && /^(ctx|context|c)$/.test(recv)) return true;
  if (/^(reject)$/.test(lname) && /^promise$/i.test(recv)) return false;
  return false;
}

/**
 * The sinks a call is, and the channel of its result.
 * `recvWords`: words of the receiver path (`self.logger` → ['self', 'logger']).
 */
/**
 * classify() is a pure function of the call site, and the same calls recur (a logger's methods, a client's
 * requests, the same helper called with the same arguments): its results are memoised per thread on the
 * whole site — every field it reads, argument texts included — so a repeated call costs one key and one
 * lookup instead of ~100 pattern tests. Bounded like the other caches here.
 */
const effects = new BoundedCache<CallEffect>(20000);

function siteKey(site: CallSite): string {
  let k = `${site.lang}\0${site.name}\0${site.path.join('\u0001')}\0${site.chainArgs.join('\u0001')}\0${site.isNew ? 1 : 0}${site.encryptedDb ? 1 : 0}${site.analyticsImport ? 1 : 0}\0${site.recvCh ?? ''}\0${site.recvChDetail ?? ''}\0${site.implicitCh ?? ''}\0${site.lambdaOf ?? ''}`;
  for (const a of site.args) {
    k += `\0${a.kw ?? '\u0002'}\u0001${a.ch ?? ''}\u0001${a.chDetail ?? ''}\u0001${a.str ?? '\u0002'}\u0001${a.isLambda ? 1 : 0}\u0001${a.text}`;
    if (a.keys) for (const key in a.keys) k += `\u0001${key}\u0003${a.keys[key]}`;
  }
  return k;
}

export function classifyCall(site: CallSite): CallEffect {
  const key = siteKey(site);
  let e = effects.get(key);
  if (!e) {
    const c = classify(site);
    // Cached sink hits all of one shape (classify() writes a dozen literal shapes; the walker reads them all).
    e = { sinks: c.sinks.map((h) => ({ rule: h.rule, api: h.api, args: h.args, kw: h.kw, recv: h.recv, detail: h.detail, out: h.out, fn: h.fn, picks: h.picks })), ch: c.ch, chDetail: c.chDetail, clean: c.clean };
    effects.set(key, e);
  }
  // A fresh result (the walker adds sinks to it) of one object shape for every call: the walker reads these
  // fields on every call, and a dozen literal shapes made its optimised code deoptimise ("wrong map").
  return { sinks: e.sinks.slice(), ch: e.ch, chDetail: e.chDetail, clean: e.clean };
}

function classify(site: CallSite): CallEffect {
  const name = site.name;
  const lname = lc(name);
  const bare = site.path.length === 0;
  const recv = bare ? '' : lc(stripPrefix(site.path[site.path.length - 1]));
  const root = bare ? '' : lc(stripPrefix(site.path[0]));
  // (Not `[].map()` for a bare call: an empty map() result is another elements kind, which deoptimised this.)
  const pathLower = bare ? NO_STRINGS : site.path.map((p) => lc(stripPrefix(p)));
  const pathText = bare ? '' : pathLower.join('.');
  const words = pathWords(site.path);
  const sinks: SinkHit[] = [];
  // The API's display name, only built for the few calls that are sinks.
  const apiText = (): string => (bare ? name : `${site.path.map((p) => p.replace(/\(\)$/, '()')).join('.')}.${name}`.replace(/^(this|self)\./, ''));
  const eff: CallEffect = { sinks };
  const fam = PRIVACY_FAMILIES[familyOf(site.lang)];
  const dataArgs = (from: number): number[] => site.args.map((_, i) => i).filter((i) => i >= from && !site.args[i].kw);
  const view: CallView = { site, name, lname, bare, recv, pathText, apiText, dataArgs };
  const anyArgCh = (chs: ReadonlySet<Channel>) => site.args.find((a) => a.ch && chs.has(a.ch));

  // --- Crypto contexts: hashing / HMAC / ciphers. Results are not the data, nor is the context itself.
  if (/^(createhash|createhmac|createcipheriv|createcipher|hashlib|hmac|getinstance)$/.test(lname) && /^(crypto|hashlib|hmac|messagedigest|mac|cipher|node:crypto)$/.test(recv || lname)) {
    return { sinks, ch: 'crypto', clean: true };
  }
  if (site.recvCh === 'crypto') return { sinks, ch: 'crypto', clean: true };
  if ((recv === 'hashlib' || recv === 'hmac') && bare === false) return { sinks, ch: 'crypto', clean: true };

  // --- The family's own channels: u.Query() (Go), open(path, "w") (Python), java.net sockets…
  const own = fam.channel?.(view, eff);
  if (own) return own;
  // --- URL queries being built: new URLSearchParams() (JS)
  if (site.isNew && lname === 'urlsearchparams') return { sinks, ch: 'query' };
  if (site.recvCh === 'query' && /^(set|add|append)$/.test(lname)) {
    sinks.push({ rule: 'in-url', api: apiText(), args: site.args.map((_, i) => i).filter((i) => i >= 1 && !site.args[i].kw), picks: true });
    return { sinks, ch: 'query' };
  }

  // --- Channel creation
  const urlArg = site.args.find((a) => a.str !== undefined && cleartextUrl(a.str));
  const networkArg = anyArgCh(NETWORK);
  if (site.isNew || /^(connect|create|createconnection|createclient|client|open|dial|socket|io|websocket|mqttclient)$/.test(lname)) {
    if (/^(websocket|sockjs|reconnectingwebsocket)$/.test(lname)) {
      const a = urlArg ?? networkArg;
      if (a) return { sinks, ch: 'ws', chDetail: a.str ?? a.chDetail };
      if (site.args.some((x) => x.str !== undefined && /^wss:/i.test(x.str))) return { sinks, ch: 'secure' };
    }
    if (/^(socket)$/.test(lname) && recv === 'socket') return { sinks, ch: 'tcp', chDetail: 'plain TCP socket' };
    if (/^(tcpclient|udpclient|datagramsocket)$/.test(lname)) return { sinks, ch: 'tcp', chDetail: 'plain TCP socket' };
    if (lname === 'dial' && /^(net)$/.test(recv)) return { sinks, ch: 'tcp', chDetail: 'plain TCP connection (net.Dial)' };
    if (/^(connect|createconnection)$/.test(lname) && recv === 'net') return { sinks, ch: 'tcp', chDetail: 'plain TCP connection (net.connect)' };
    if (/^(connect|client)$/.test(lname) && /mqtt|paho/.test(pathText)) {
      if (urlArg) return { sinks, ch: 'mqtt', chDetail: urlArg.str };
      if (site.args.some((a) => a.text === '1883')) return { sinks, ch: 'mqtt', chDetail: 'MQTT on port 1883 (no TLS)' };
    }
    if (lname === 'connect' && /sqlite/.test(pathText) && site.args[0]?.str === ':memory:') return { sinks, ch: 'memory' };
    if (lname === 'connect' && /sqlite/.test(pathText) && !site.encryptedDb) return { sinks, ch: 'sqlite', chDetail: 'SQLite database' };
  }
  if (/^(connect|connect_async|connectasync)$/.test(lname) && !bare && site.args.some((a) => a.text === '1883')) return { sinks, ch: 'mqtt', chDetail: 'MQTT on port 1883 (no TLS)' };
  if (/^(wrap_socket|wrapsocket|sslstream|sslsocket|createsocket)$/.test(lname) || /^(tls|ssl)$/.test(recv) || lname === 'encryptedsharedpreferences' || recv === 'encryptedsharedpreferences' || /^(securestore|securestorage|keychain|encryptedfile)$/.test(recv)) {
    return { sinks, ch: 'secure' };
  }
  // Plain sockets: Python socket.socket(), sock.connect(...) keeps the channel.
  if (lname === 'socket' && recv === 'socket') return { sinks, ch: 'tcp', chDetail: 'plain TCP socket' };

  // Local stores
  if (/^(getsharedpreferences|getdefaultsharedpreferences|getpreferences)$/.test(lname)) return { sinks, ch: 'prefs', chDetail: 'SharedPreferences' };
  if (/^(getwritabledatabase|openorcreatedatabase|opendatabase|opendatabasesync|opendatabaseasync|getreadabledatabase)$/.test(lname) && !site.encryptedDb) return { sinks, ch: 'sqlite', chDetail: 'SQLite database' };
  if (/^(opendb)$/.test(lname) || (lname === 'open' && recv === 'indexeddb') || (site.isNew && lname === 'dexie')) return { sinks, ch: 'idb', chDetail: 'IndexedDB' };
  if (/^(createwritestream|openfileoutput|newbufferedwriter|newoutputstream|createtext|appendtext|openwrite|create|openfile|printwriter|bufferedwriter|outputstreamwriter)$/.test(lname)
      && (/^(fs|files|file|os|context|fse)$/.test(recv) || (lname === 'openfileoutput') || (lname === 'printwriter' || lname === 'bufferedwriter' || lname === 'outputstreamwriter') && bare)) {
    if (lname === 'create' && recv !== 'os' && recv !== 'file') return eff;
    return { sinks, ch: 'file', chDetail: 'file' };
  }
  if (site.isNew && /^(filewriter|fileoutputstream|streamwriter|filestream|randomaccessfile|printwriter|printstream|binarywriter)$/.test(lname)) {
    const inner = site.args.find((a) => a.ch);
    if (inner) return { sinks, ch: inner.ch, chDetail: inner.chDetail };
    if (/^(printwriter|printstream|binarywriter)$/.test(lname) && !site.args.some((a) => a.str !== undefined)) return eff;
    return { sinks, ch: 'file', chDetail: 'file' };
  }
  if (lname === 'file' && site.isNew) return eff;

  // --- Sinks

  // Third-party SDKs (checked before logging: Datadog / Sentry loggers are third parties).
  let vendor: string | undefined;
  for (let i = 0; i < pathLower.length; i++) {
    const seg = pathLower[i];
    // A receiver named with an everyday word (`segment` of an insulin profile, `heap`, an `analytics` helper)
    // is that SDK only in a file that imports one.
    if (GENERIC_VENDOR_NAME.test(seg) && !site.analyticsImport) continue;
    // Only JavaScript's global `dataLayer` is Google Tag Manager's (Android's Wearable Data Layer is not a vendor).
    if (seg === 'datalayer' && familyOf(site.lang) !== 'js') continue;
    // (The name as written: vendors are matched at word starts, which lower case would lose.)
    if ((vendor = vendorOf(stripPrefix(site.path[i])))) break;
  }
  if (!vendor && bare && /^(gtag|ga|fbq|_hsq)$/.test(name)) vendor = vendorOf(name) ?? 'analytics SDK';
  if (!vendor && site.recvCh === '3p') vendor = site.recvChDetail ?? 'third-party SDK';
  if (!vendor && site.implicitCh === '3p') vendor = 'third-party SDK';
  if (vendor) {
    if (THIRD_PARTY_NON_DATA.has(lname)) return { sinks, ch: '3p', chDetail: vendor };
    if (/^(getinstance|shared|default|instance|current|analytics|crashlytics|client)$/.test(lname)) return { sinks, ch: '3p', chDetail: vendor };
    sinks.push({ rule: 'to-third-party', api: apiText(), args: 'all', detail: vendor, recv: true });
    return { sinks, ch: '3p', chDetail: vendor };
  }
  // Firebase modular API: logEvent(analytics, name, params), setUserProperties(analytics, …)
  if (bare && /^(logevent|setuserproperties|setuserid|setuserproperty|identify|track)$/.test(lname) && site.args[0]?.ch === '3p') {
    sinks.push({ rule: 'to-third-party', api: apiText(), args: dataArgs(1), detail: site.args[0].chDetail ?? 'analytics SDK' });
    return eff;
  }
  // OpenTelemetry spans / .NET Activity tags
  if (!bare && SPAN_METHODS.has(lname) && (site.recvCh === 'span' || words.includes('span') || (words.includes('activity') && /^[A-Z]/.test(name) && fam.activityIsSpan))) {
    sinks.push({ rule: 'to-third-party', api: apiText(), args: 'all', detail: 'OpenTelemetry / tracing backend' });
    return eff;
  }
  if (/^(getcurrentspan|get_current_span|startspan|start_span|startactivespan|start_as_current_span|getactivespan|current|startactivity)$/.test(lname) && (/trace|tracer|span|activity|opentelemetry|otel/.test(pathText) || bare)) {
    if (lname !== 'current' || /span|activity/.test(pathText)) return { sinks, ch: 'span' };
  }

  // Logging
  const loggerRecv = !bare && words.some((w) => LOGGER_WORDS.has(w)) && !words.includes('audit') && !words.includes('dialog') && !site.path.some(namesLogContent);
  if (loggerRecv && (LOG_METHODS.has(lname) || /^log/.test(lname)) && !NOT_LOG_METHODS.has(lname)) {
    if (!fam.notLog?.(view)) {
      sinks.push({ rule: 'to-log', api: apiText(), args: 'all', recv: site.path.some((p) => p.endsWith('()')) && /with|bind|child/.test(site.path.join('.').toLowerCase()), out: printsToStdout(pathText, lname) });
      return { sinks, ch: /^(child|bind|with|withfield|withfields|withcontext)$/.test(lname) ? undefined : undefined };
    }
  }
  if (bare && (fam.bareLog?.test(name) || /^(printf|puts|NSLog)$/.test(name))) {
    sinks.push({ rule: 'to-log', api: apiText(), args: dataArgs(0), out: /^(print|pprint|println|printf|puts)$/.test(name) });
    return eff;
  }
  const native = fam.sink?.(view);
  if (native) {
    sinks.push(native);
    return eff;
  }
  if (!bare) {
    const p = pathText;
    if ((/^(system\.out|system\.err)$/.test(p) && /^(print|println|printf|format|write|append)$/.test(lname))
      || (/^(console|console\.error|console\.out)$/.test(p) && /^(write|writeline|writelineasync|writeasync)$/.test(lname))
      || (/^(debug|trace|system\.diagnostics\.debug|system\.diagnostics\.trace)$/.test(p) && /^(writeline|write|print|writeif|writelineif|traceinformation|tracewarning|traceerror|log|logwarning|logerror)$/.test(lname))
      || (p === 'fmt' && /^(print|println|printf)$/.test(lname))
      || (/^(process\.stdout|process\.stderr|sys\.stdout|sys\.stderr|os\.stdout|os\.stderr)$/.test(p) && /^(write|writestring|writelines)$/.test(lname))
      || (p === 'pprint' && lname === 'pprint')
      || (/^(log|timber)$/.test(p) && /^(d|i|v|w|e|wtf|println)$/.test(lname))) {
      sinks.push({ rule: 'to-log', api: apiText(), args: 'all', out: printsToStdout(p, lname) });
      return eff;
    }
    if (p === 'fmt' && /^(fprint|fprintln|fprintf)$/.test(lname)) {
      const first = site.args[0];
      if (first && /^os\.(stdout|stderr)$/i.test(first.text)) sinks.push({ rule: 'to-log', api: apiText(), args: dataArgs(1) });
      else if (first?.ch && STORAGE.has(first.ch)) sinks.push({ rule: 'cleartext-storage', api: apiText(), args: dataArgs(1), detail: first.chDetail ?? 'file' });
      else if (first?.ch && NETWORK.has(first.ch)) sinks.push({ rule: 'cleartext-transport', api: apiText(), args: dataArgs(1), detail: first.chDetail });
      return eff;
    }
  }

  // Errors: exceptions and error responses
  const raised = isErrorConstructor(fam, view);
  if (raised) {
    sinks.push({ rule: 'to-error', api: site.isNew ? `new ${name}` : apiText(), args: raised === true ? 'all' : raised, ...(raised === true ? {} : { kw: ['lazyMessage'], fn: true }) });
    return eff;
  }
  const errorChain = site.chainArgs.some(isErrorStatus) || site.path.some((s) => /^(badRequest|notFound|unprocessableEntity|internalServerError|unprocessable_entity|bad_request|status\(\)?)\(\)$/.test(s) && /^(badRequest|notFound|unprocessableEntity|internalServerError|unprocessable_entity|bad_request)\(\)$/.test(s));
  if (!bare && errorChain && /^(json|send|end|body|entity|write|jsonp|render|type|html|text)$/.test(lname)) {
    sinks.push({ rule: 'to-error', api: apiText(), args: 'all' });
    return eff;
  }
  const statusArg = site.args.some((a) => isErrorStatus(a.text) && (!a.kw || /^(status|status_?code|statuscode|code)$/i.test(a.kw)))
    || site.args.some((a) => a.keys && (isErrorStatus(a.keys.status ?? '') || isErrorStatus(a.keys.statusCode ?? '') || isErrorStatus(a.keys.status_code ?? '')));
  if (statusArg) {
    const dataIdx = site.args.map((a, i) => (isErrorStatus(a.text) ? -1 : i)).filter((i) => i >= 0);
    if (/^(json|jsonresponse|response|make_response|httpresponse|respond|respondtext|respondjson|string|abortwithstatusjson|indentedjson|purejson|xml|jsonify|problem|statuscode|responseentity|objectresult|contentresult|status|error|new_response|send|text|html)$/.test(lname)
        || (lname === 'response' && site.isNew)) {
      sinks.push({ rule: 'to-error', api: site.isNew ? `new ${name}` : apiText(), args: dataIdx, kw: ['content', 'detail', 'body', 'message', 'error', 'data'] });
      return eff;
    }
  }
  const ownError = fam.errorSink?.(view);
  if (ownError) {
    sinks.push(ownError);
    return eff;
  }
  if ((bare || /^(this|results|typedresults|controller)$/.test(root)) && /^(BadRequest|NotFound|Conflict|UnprocessableEntity|Problem|ValidationProblem|BadRequestObjectResult|NotFoundObjectResult|UnprocessableEntityObjectResult|ConflictObjectResult)$/.test(name)) {
    sinks.push({ rule: 'to-error', api: apiText(), args: 'all' });
    return eff;
  }
  if (/^httpresponse(badrequest|notfound|servererror|forbidden|gone|notallowed)$/.test(lname)) {
    sinks.push({ rule: 'to-error', api: apiText(), args: 'all' });
    return eff;
  }
  if (lname === 'senderror' && !bare) {
    sinks.push({ rule: 'to-error', api: apiText(), args: dataArgs(1) });
    return eff;
  }

  // Cleartext storage
  const storageSink = (detail: string, args: number[] | 'all', withRecv = false) => {
    sinks.push({ rule: 'cleartext-storage', api: apiText(), args, detail, recv: withRecv });
    return eff;
  };
  if (/^(localstorage|sessionstorage|window\.localstorage|window\.sessionstorage|asyncstorage|localforage)$/.test(pathText) && /^(setitem|mergeitem|multiset|multimerge|set)$/.test(lname)) {
    return storageSink(pathText.includes('session') ? 'sessionStorage' : pathText.includes('async') ? 'AsyncStorage' : pathText.includes('forage') ? 'localforage' : 'localStorage', dataArgs(1).length ? dataArgs(1) : 'all');
  }
  if (!bare && lname === 'setitem' && words.includes('storage') && !words.includes('secure') && !words.includes('encrypted')) return storageSink('web storage', dataArgs(1));
  if (/^(cookies|cookie|jscookie)$/.test(recv) && lname === 'set') return storageSink('browser cookie', dataArgs(1));
  if (/^(preferences|preferences\.default)$/.test(pathText) && lname === 'set' && fam.mauiPreferences) return storageSink('Preferences (unencrypted)', dataArgs(1));
  if (PREF_PUT.test(name)) {
    const prefsRecv = site.recvCh === 'prefs' || (bare && site.implicitCh === 'prefs') || (!bare && site.recvCh !== 'secure' && (site.path.some((s) => /^edit\(\)$/i.test(s)) || words.some((w) => /^(pref|preference|editor|sharedpreference|sharedpref)$/.test(w))) && !words.includes('encrypted') && !words.includes('secure'));
    if (prefsRecv) return storageSink('SharedPreferences', dataArgs(1));
  }
  if (site.recvCh === 'idb' && /^(put|add|setitem|bulkput|bulkadd)$/.test(lname)) return storageSink('IndexedDB', 'all');
  if (!bare && /^(put|add)$/.test(lname) && site.path.some((s) => /^objectstore\(\)$/i.test(s))) return storageSink('IndexedDB', 'all');
  // Reads and deletes are no storage: SELECT … WHERE mrn = ? stores nothing.
  const readSql = /^\s*(select|delete|pragma|explain|with\s)/i.test(site.args[0]?.str ?? '') || lname === 'rawquery';
  if (site.recvCh === 'sqlite' && !readSql && /^(execute|executemany|executescript|insert|insertorthrow|insertwithonconflict|replace|update|execsql|executesql|runasync|runsync|execasync|run|exec|prepare)$/.test(lname)) {
    return storageSink(site.recvChDetail ?? 'SQLite database', 'all');
  }
  if (site.recvCh === 'file' && WRITE_METHODS.has(lname)) return storageSink(site.recvChDetail ?? 'file', 'all');
  if (/^(fs|fse|fspromises|fs\.promises|deno|bun)$/.test(pathText) && /^(writefile|writefilesync|appendfile|appendfilesync|writetextfile|write)$/.test(lname)) return storageSink('file', dataArgs(1));
  if (bare && /^(writefile|writefilesync|appendfile|appendfilesync)$/.test(lname) && !fam.noBareWriteFile) return storageSink('file', dataArgs(1));
  if (/^(files|java\.nio\.file\.files)$/.test(pathText) && /^(write|writestring|writealllines)$/.test(lname)) return storageSink('file', dataArgs(1));
  if (/^(file|system\.io\.file)$/.test(pathText) && /^(writealltext|writealltextasync|appendalltext|appendalltextasync|writealllines|writealllinesasync|appendalllines|appendalllinesasync|writeallbytes|writeallbytesasync)$/.test(lname)) return storageSink('file', dataArgs(1));
  if (/^(os|ioutil)$/.test(pathText) && lname === 'writefile') return storageSink('file', dataArgs(1));
  if (/^(fileutils)$/.test(recv) && /^(write|writestringtofile|writelines|writebytearraytofile)$/.test(lname)) return storageSink('file', dataArgs(1));
  // (Not the clipboard: `navigator.clipboard.writeText(x)` is a copy the user asked for, not storage at rest.)
  if (!bare && /^(write_text|write_bytes|writetext|appendtext|writebytes|appendbytes)$/.test(lname) && !fam.noWriteTextFile && !words.some((w) => w === 'clipboard' || w === 'pasteboard')) return storageSink('file', dataArgs(0));
  if (/^(json|pickle|yaml|toml|marshal|ujson|orjson|simplejson)$/.test(recv) && /^(dump|safe_dump|dump_all)$/.test(lname) && site.args[1]?.ch === 'file') return storageSink('file', [0]);
  if (/^(np|numpy)$/.test(recv) && /^(save|savetxt|savez)$/.test(lname)) return storageSink('file', dataArgs(1));
  // (`df.to_sql(name, con)` into an in-memory database stores nothing.)
  if (!bare && /^(to_csv|to_excel|to_parquet|to_pickle|to_feather|to_hdf|to_sql)$/.test(lname) && site.args.length > 0 && !site.args.some((a) => a.ch === 'memory')) return storageSink('file', [], true);
  if (!bare && lname === 'to_json' && site.args.some((a) => !a.kw || a.kw === 'path_or_buf')) return storageSink('file', [], true);

  // Cleartext transport: a network channel and data in the same call
  const netRecv = site.recvCh && NETWORK.has(site.recvCh);
  const netArg = urlArg ?? networkArg;
  const sendish = SEND_METHODS.has(lname) || (bare && HTTP_FUNCS.has(name) && !fam.noBareHttp) || (recv === 'axios' || recv === 'http' || recv === 'https' || recv === 'requests' || recv === 'httpx') && /^(get|post|put|patch|delete|request|head)$/.test(lname);
  if ((netRecv || netArg) && (sendish || site.isNew && /request|message/.test(lname))) {
    const detail = netRecv ? site.recvChDetail : netArg?.str ?? netArg?.chDetail;
    sinks.push({ rule: 'cleartext-transport', api: apiText(), args: 'all', detail: detail ?? 'cleartext connection', recv: !!netRecv && site.recvCh !== 'tcp' && site.recvCh !== 'ws' && site.recvCh !== 'mqtt' });
  }

  // URLs and query strings
  const urlSink = urlArgIndex(fam, view);
  // `Uri.parse("tel:" + phone)`, `mailto:`, `geo:`: a URI that hands the value to an app on the device (the
  // dialer, the mail app, a map) travels through no server, proxy or browser history.
  const onDevice = urlSink?.args.some((i) => DEVICE_SCHEME.test(site.args[i]?.str ?? ''));
  if (urlSink && !onDevice) sinks.push({ rule: 'in-url', api: apiText(), args: urlSink.args, kw: urlSink.kw, recv: urlSink.recv, picks: urlSink.picks });

  // Channel of the result: methods on a channel keep it (socket.getOutputStream(), prefs.edit(), builders),
  // constructors and wrappers of a channel inherit it (new PrintWriter(socket.getOutputStream())).
  if (site.recvCh && OBJECT_CHANNELS.has(site.recvCh) && site.recvCh !== 'http') {
    eff.ch = site.recvCh;
    eff.chDetail = site.recvChDetail;
  } else if (site.recvCh === 'http' && !sendish) {
    eff.ch = 'http';
    eff.chDetail = site.recvChDetail;
  } else if (/writer|encoder|stream|buffer|builder|create|client|session|instance|connection|channel|uri|url|request|socket|printer|output/i.test(name) && !sinks.some((x) => x.rule !== 'in-url')) {
    const a = site.args.find((x) => x.ch && x.ch !== 'crypto');
    if (a) {
      eff.ch = a.ch;
      eff.chDetail = a.chDetail ?? a.str;
    }
  }
  // A request or connection opened on a cleartext URL is that channel (http.request(url) → req.write(…)).
  if (!eff.ch && netArg?.ch && /^(request|open|connect|newcall|createconnection|openconnection)$/.test(lname)) {
    eff.ch = netArg.ch;
    eff.chDetail = netArg.str ?? netArg.chDetail;
  }
  return eff;
}

/** Receiver names that are everyday words as often as SDK names. */
const GENERIC_VENDOR_NAME = /^(segment|heap|analytics)$/;

/** A callee named for building such a URI (`this.createMailToUrl`). */
const DEVICE_URL_BUILDER = /(mail_?to|tel|sms|geo)_?(url|uri|link|href)$/i;

/** URI schemes handled by an app on the device, not sent to a server. */
const DEVICE_SCHEME = /^(tel|mailto|sms|smsto|mms|geo|facetime|skype|whatsapp|content|file|intent|market):/i;

function urlArgIndex(fam: PrivacyFamily, c: CallView): { args: number[]; kw?: string[]; recv?: boolean; picks?: boolean } | undefined {
  const { site, lname, recv, pathText, bare } = c;
  const positional = site.args.map((a, i) => (a.kw ? -1 : i)).filter((i) => i >= 0);
  const first = positional[0];
  const kwUrl = ['url', 'uri', 'params', 'query', 'searchparams', 'qs', 'requesturi'];
  const at = (n: number) => (positional[n] !== undefined ? [positional[n]] : []);
  // Bare HTTP functions are JavaScript's (fetch, axios…) and Python's urlopen; Swift's fetch(request) is Core Data.
  if (bare && HTTP_FUNCS.has(site.name) && first !== undefined && !fam.noBareHttp) return { args: [first], kw: kwUrl };
  // (`session` is an HTTP session in Python's requests and JavaScript; on the JVM and .NET it is Hibernate's
  // or NHibernate's, whose `delete(entity)` removes a database row.)
  const dbSession = recv === 'session' && familyOf(site.lang) !== 'py' && familyOf(site.lang) !== 'js';
  if (!dbSession && (/^(axios|http|https|requests|httpx|got|ky|superagent|session|\$http|httpclient|http_client|client|aiohttp|urllib\.request|request|needle|resttemplate|webclient|ajax|\$)$/.test(recv) || /resttemplate|httpclient/.test(recv))) {
    if (/^(get|post|put|patch|delete|head|options|request|urlopen|getforobject|getforentity|postforobject|postforentity|exchange|getasync|postasync|putasync|deleteasync|patchasync|getstringasync|getfromjsonasync|getbytearrayasync|getstreamasync|postasjsonasync|putasjsonasync|ajax|getjson)$/.test(lname)) {
      return first !== undefined ? { args: [first], kw: kwUrl } : { args: [], kw: kwUrl };
    }
  }
  const own = fam.urlArgs?.(c, at);
  if (own) return own;
  if (site.isNew && /^(url|uri|httprequestmessage|httpget|httppost|request)$/.test(lname)) {
    if (lname === 'httprequestmessage') return { args: at(1) };
    return { args: at(0) };
  }
  if (/^(uri|url|java\.net\.uri)$/.test(recv) && /^(create|parse)$/.test(lname)) return { args: at(0) };
  if (!bare && /^(url|uri|newbuilder|baseurl|geturl)$/.test(lname) && site.args.length === 1 && !fam.noUrlBuilderCall) return { args: at(0), picks: true };
  if (/^(queryparam|queryparams|addqueryparameter|addencodedqueryparameter|appendqueryparameter|setqueryparameter|addquerystring|withqueryparam)$/.test(lname)) return { args: positional, picks: true };
  if (/searchparams$/.test(pathText) && /^(set|append)$/.test(lname)) return { args: positional, picks: true };
  if (/^(location|window\.location|document\.location)$/.test(pathText) && /^(assign|replace)$/.test(lname)) return { args: at(0) };
  if (/^(window)$/.test(pathText) && lname === 'open') return { args: at(0) };
  return undefined;
}

/**
 * Assignments that are sinks: localStorage.x = v, document.cookie = v, location.href = v (not to a URI an
 * app on the device handles, `location.href = 'whatsapp://send?phone=' + n`: `valueText` is its known text;
 * nor to one a call named for such a URI made, `location.href = this.createMailToUrl(email)`: `madeBy`).
 */
export function classifyAssignment(targetPath: string[], lang: LanguageId, valueText?: string, madeBy?: string): SinkHit | undefined {
  const p = targetPath.map((s) => lc(s)).join('.');
  void lang;
  if (/^(window\.)?(localstorage|sessionstorage)(\.|$)/.test(p) && targetPath.length >= 2) return { rule: 'cleartext-storage', api: targetPath.slice(0, -1).join('.'), args: 'all', detail: p.includes('session') ? 'sessionStorage' : 'localStorage' };
  if (/^(document\.cookie)$/.test(p)) return { rule: 'cleartext-storage', api: 'document.cookie', args: 'all', detail: 'browser cookie' };
  if (/^(window\.)?(document\.)?location(\.href)?$/.test(p)) return DEVICE_SCHEME.test(valueText ?? '') || DEVICE_URL_BUILDER.test(madeBy ?? '') ? undefined : { rule: 'in-url', api: targetPath.join('.'), args: 'all' };
  if (/^application\.current\.properties$/.test(p)) return { rule: 'cleartext-storage', api: 'Application.Current.Properties', args: 'all', detail: 'application properties' };
  return undefined;
}
