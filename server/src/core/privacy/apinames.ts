/**
 * Names of APIs for apis.ts: loggers and their methods, third-party SDK vendors, span, send, write and
 * storage methods, error statuses, and which URLs are cleartext endpoints (not loopback, not namespace URIs).
 */
import { memoised } from '../memo';
import type { Channel } from './apis';

const LOCAL_HOST = /^(localhost|127(\.\d+){3}|0\.0\.0\.0|\[::1\]|::1|10\.0\.2\.2|host\.docker\.internal)$/i;
/** Hosts of namespace and terminology URIs (FHIR code systems, XML schemas): identifiers, never fetched. */
const NAMESPACE_HOST = /(^|\.)(hl7\.org|loinc\.org|snomed\.info|unitsofmeasure\.org|w3\.org|xmlsoap\.org|json-schema\.org|purl\.org|ihe\.net|nema\.org|fhir\.org|who\.int|nlm\.nih\.gov|cms\.gov|openehr\.org|ietf\.org|oasis-open\.org|schemas\.[\w.-]+)$/i;

/** The cleartext channel a URL opens, or undefined (https, wss, mqtts, relative, loopback). */
export function cleartextUrl(s: string): Channel | undefined {
  const m = /^\s*(http|ws|mqtt|tcp|ftp|amqp|redis|stomp|coap|telnet):\/\/([^/:?#\s]*)/i.exec(s);
  if (!m) return undefined;
  if (m[2] && (LOCAL_HOST.test(m[2]) || NAMESPACE_HOST.test(m[2]))) return undefined;
  const scheme = m[1].toLowerCase();
  if (scheme === 'http') return 'http';
  if (scheme === 'ws') return 'ws';
  if (scheme === 'mqtt') return 'mqtt';
  if (scheme === 'ftp') return 'ftp';
  return 'tcp';
}

export const LOGGER_WORDS = new Set([
  'log', 'logger', 'logging', 'console', 'winston', 'pino', 'bunyan', 'timber', 'slog', 'zap', 'zerolog', 'logrus',
  'serilog', 'nlog', 'log4j', 'log4net', 'logback', 'sugar', 'klog', 'glog', 'loglevel', 'signale', 'consola', 'tracing',
  'spdlog', 'plog', 'easylogging', 'slog', 'env_logger', 'log4cxx', 'log4cplus', 'boost_log',
]);
export const LOG_METHODS = new Set([
  'log', 'info', 'debug', 'warn', 'warning', 'error', 'trace', 'fatal', 'critical', 'exception', 'verbose', 'silly', 'notice',
  'alert', 'emerg', 'emergency', 'severe', 'fine', 'finer', 'finest', 'config', 'd', 'i', 'w', 'e', 'v', 'wtf', 'print', 'println',
  'printf', 'infof', 'debugf', 'warnf', 'warningf', 'errorf', 'fatalf', 'panicf', 'tracef', 'infow', 'debugw', 'warnw', 'errorw',
  'fatalw', 'panicw', 'infoln', 'debugln', 'warnln', 'errorln', 'fatalln', 'panicln', 'panic', 'loginformation', 'logdebug',
  'logwarning', 'logerror', 'logcritical', 'logtrace', 'information', 'write', 'writeline', 'logf', 'msg', 'msgf', 'dir', 'table',
  'child', 'bind', 'with', 'withfield', 'withfields', 'withcontext', 'atinfo', 'atdebug', 'aterror', 'atwarn', 'entering',
  'exiting', 'logp', 'logrb', 'group', 'groupcollapsed', 'assert', 'success', 'fail', 'start', 'tracewarning', 'traceerror',
  'traceinformation', 'infoevent', 'warnevent', 'errorevent', 'debugevent',
  // Apple's Logger (`logger.fault`) and LoopKit's DiagnosticLog (`log.default`, Loop, Trio)
  'fault', 'default',
]);
/** Logger methods that do not carry data or are level checks. */
export const NOT_LOG_METHODS = new Set(['isdebugenabled', 'isinfoenabled', 'istraceenabled', 'setlevel', 'getlogger', 'addhandler', 'level', 'isenabled', 'isenabledfor', 'flush', 'sync', 'close']);

export const THIRD_PARTY_VENDORS: [RegExp, string][] = [
  [/sentry/, 'Sentry'], [/bugsnag/, 'Bugsnag'], [/rollbar/, 'Rollbar'], [/crashlytics/, 'Firebase Crashlytics'],
  [/mixpanel/, 'Mixpanel'], [/amplitude/, 'Amplitude'], [/posthog/, 'PostHog'], [/^gtag$|^ga$/, 'Google Analytics'],
  [/firebase.*analytics|analytics.*firebase|firebaseanalytics/, 'Firebase Analytics'], [/datadog|^dd_?rum|ddrum|dd_logs/, 'Datadog'],
  [/newrelic|new_relic/, 'New Relic'], [/appinsights|applicationinsights|telemetryclient|telemetry_client/, 'Application Insights'],
  [/logrocket/, 'LogRocket'], [/fullstory/, 'FullStory'], [/intercom/, 'Intercom'], [/hotjar|^hj$/, 'Hotjar'],
  [/braze|appboy/, 'Braze'], [/appcenter/, 'App Center'], [/clevertap/, 'CleverTap'], [/instabug/, 'Instabug'], [/flurry/, 'Flurry'],
  [/appsflyer/, 'AppsFlyer'], [/smartlook/, 'Smartlook'], [/pendo/, 'Pendo'], [/mparticle/, 'mParticle'], [/countly/, 'Countly'],
  [/snowplow/, 'Snowplow'], [/^_paq$|matomo|piwik/, 'Matomo'], [/^datalayer$/, 'Google Tag Manager'], [/^fbq$|appeventslogger/, 'Meta Pixel'],
  [/launchdarkly|^ldclient$/, 'LaunchDarkly'], [/rudderanalytics|rudderstack/, 'RudderStack'], [/^segment$|^segmentio$|segment_?analytics|^analytics$|analytics$/, 'analytics SDK'],
  [/heapanalytics|^heap$/, 'Heap'], [/kissmetrics|_kmq/, 'Kissmetrics'], [/optimizely/, 'Optimizely'], [/honeybadger/, 'Honeybadger'],
  [/raygun/, 'Raygun'], [/airbrake/, 'Airbrake'], [/trackjs/, 'TrackJS'], [/elastic_?apm|elasticapm/, 'Elastic APM'],
];
/**
 * The vendor of a third-party SDK named by a receiver's name (`Mixpanel`, `sentryHub`, `mSentryClient`), matched
 * from the start of the name or of one of its words: `BolusEntryView` holds "sentry" only across a word
 * boundary and is no SDK (Loop).
 */
const VENDOR_SEARCH: [RegExp, string][] = THIRD_PARTY_VENDORS.map(([re, name]) => [new RegExp(re.source, 'g'), name]);

const vendorOfNameCached = memoised((s: string): string | null => {
  const lower = s.toLowerCase();
  // Offsets where a word starts: 0, after a non-letter, at a capital after a lower-case letter or digit.
  const starts = new Set<number>([0]);
  for (let i = 1; i < s.length; i++) {
    if (/[A-Za-z0-9]/.test(s[i]) && (!/[A-Za-z0-9]/.test(s[i - 1]) || (/[A-Z]/.test(s[i]) && /[a-z0-9]/.test(s[i - 1])))) starts.add(i);
  }
  // The same patterns as ever, but a match must begin where a word begins.
  for (const [re, name] of VENDOR_SEARCH) {
    re.lastIndex = 0;
    for (let m = re.exec(lower); m; m = re.exec(lower)) {
      if (starts.has(m.index)) return name;
      if (m[0] === '') re.lastIndex++;
    }
  }
  return null;
});

export function vendorOf(s: string): string | undefined {
  return vendorOfNameCached(s) ?? undefined;
}

/**
 * The vendor of a type (`SentryClient`, `Mixpanel`, `[AmplitudeEvent]`), matched from the start of one of
 * its words: `CarbsEntry` holds "sentry" only across a word boundary and is no SDK type.
 */
const vendorOfTypeCached = memoised((type: string): string | null => {
  // Words of every segment: the package names the vendor in `*sentry.Scope`, the type in `SentryClient`.
  const base = type.replace(/<.*$/, '').replace(/[[\]?!*&]/g, '');
  const ws = base.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+/g)?.map((w) => w.toLowerCase()) ?? [];
  for (let i = 0; i < ws.length; i++) {
    const rest = ws.slice(i).join('');
    // A type ending in an everyday word (`IdpSegment`, an HL7 `Segment`, `MinHeap`) is no SDK type.
    if (rest === 'segment' || rest === 'heap') continue;
    for (const [re, name] of THIRD_PARTY_VENDORS) if (re.exec(rest)?.index === 0) return name;
  }
  return null;
});

export function vendorOfType(type: string): string | undefined {
  return vendorOfTypeCached(type) ?? undefined;
}

export const THIRD_PARTY_NON_DATA = new Set([
  'init', 'initialize', 'configure', 'setup', 'start', 'stop', 'flush', 'close', 'shutdown', 'reset', 'getinstance', 'instance',
  'enable', 'disable', 'optout', 'optin', 'opt_out_tracking', 'opt_in_tracking', 'setenabled', 'isenabled', 'setdebug',
  'setloglevel', 'getcurrenthub', 'getcurrentscope', 'withscope', 'configurescope', 'getclient', 'then', 'catch', 'finally',
  'startspan', 'starttransaction', 'finish', 'end', 'analytics', 'getanalytics', 'sharedinstance', 'default', 'create',
  'setanalyticscollectionenabled', 'setcrashlyticscollectionenabled', 'sendunsentreports', 'deleteunsentreports', 'register_hooks',
  'wrap', 'load', 'ready', 'on', 'off', 'use', 'install',
]);
export const SPAN_METHODS = new Set(['setattribute', 'setattributes', 'set_attribute', 'set_attributes', 'settag', 'addtag', 'setbaggage', 'addevent', 'add_event', 'recordexception', 'record_exception', 'setstatus', 'set_status', 'setbaggageitem', 'updatename']);

export const SEND_METHODS = new Set([
  'post', 'put', 'patch', 'get', 'delete', 'head', 'request', 'fetch', 'send', 'sendall', 'sendto', 'sendmessage', 'write',
  'writeln', 'writeline', 'publish', 'emit', 'exchange', 'postforobject', 'postforentity', 'putforobject', 'execute',
  'postasync', 'putasync', 'patchasync', 'sendasync', 'postasjsonasync', 'putasjsonasync', 'getasync', 'getstringasync',
  'getfromjsonasync', 'upload', 'uploadstring', 'uploaddata', 'uploadvalues', 'ajax', 'print', 'println', 'printf',
  'writebytes', 'writeutf', 'writeobject', 'sendtext', 'sendbinary', 'sendframe', 'writeandflush', 'postform',
  'do', 'newcall', 'enqueue', 'body', 'bodyvalue', 'setbody', 'entity', 'retrieve', 'invoke', 'call', 'sendstring',
  'sendbytes', 'writemessage', 'writestring', 'writeasync', 'sendbytesasync', 'connect',
]);
export const HTTP_FUNCS = new Set(['fetch', 'axios', 'got', 'ky', 'superagent', 'request', 'urlopen', 'needle', 'ofetch', '$fetch', 'useFetch']);

/** Methods that write to a file / store object they are called on. */
export const WRITE_METHODS = new Set([
  'write', 'writelines', 'writeline', 'writeln', 'append', 'print', 'println', 'printf', 'format', 'writerow', 'writerows',
  'writeheader', 'writebytes', 'writechars', 'writeutf', 'writeobject', 'writestring', 'encode', 'dump', 'writeasync',
  'writelineasync', 'flushasync', 'put', 'add', 'insert', 'insertorthrow', 'insertwithonconflict', 'replace', 'update',
  'execsql', 'execute', 'executemany', 'executescript', 'executesql', 'runasync', 'runsync', 'execasync', 'execsync',
  'run', 'exec', 'setitem', 'set', 'putstring', 'putint', 'putlong', 'putfloat', 'putboolean', 'putstringset', 'writetext',
  'appendtext', 'writeallbytes', 'savechanges',
]);

export const PREF_PUT = /^put(string|int|long|float|boolean|stringset|double)$/i;

export const ERROR_STATUS = /\b[45]\d\d\b|BAD_?REQUEST|NOT_?FOUND|CONFLICT|FORBIDDEN|UNAUTHORI[SZ]ED|UNPROCESSABLE|INTERNAL_?SERVER_?ERROR|SERVICE_?UNAVAILABLE|\bGONE\b|PRECONDITION_?FAILED|TOO_?MANY_?REQUESTS|NOT_?ACCEPTABLE|METHOD_?NOT_?ALLOWED|Status[45]\d\d|HTTP_[45]\d\d|BadRequest|NotFound|InternalServerError|UnprocessableEntity|Unauthorized|Forbidden/i;

export function isErrorStatus(text: string): boolean {
  if (text.length > 80) return false;
  if (/^\d+$/.test(text)) return /^[45]\d\d$/.test(text);
  // A number inside another call's arguments is that call's (`yScale(scaleMgdl(414))` is a chart position).
  for (let prev = ''; prev !== text && text.includes('('); ) {
    prev = text;
    text = text.replace(/\([^()]*\)/g, '');
  }
  return ERROR_STATUS.test(text) && !/\b(OK|CREATED|ACCEPTED|NO_?CONTENT|2\d\d|3\d\d)\b/.test(text.replace(/\b[45]\d\d\b/g, ''));
}

