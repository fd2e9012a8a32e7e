/**
 * Values named by their context rather than their own name: a key (`{ diagnosis: x }`, `put("ssn", v)`,
 * `diagnosis=x`), or the label before a placeholder in a message (`"diagnosis: {}"`, f"dob={d}",
 * `"SSN " + value`, `{PatientName}`). A generic variable (`value`, `code`, `result`) is personal data
 * when the code itself says what it is.
 */
import type { SyntaxNode as Node } from '../syntax/flatTree';
import { cannotHold, isConstantName, matchName, matchWords, namesRedactedValue, splitWords, type NameMatch } from './taxonomy';
import { ORG_CONTACT_WORDS, ORG_WORDS } from './terms';
import { ORIGIN, withLabels, type V } from './value';
import type { Walker } from './walker';

/**
 * A name that says what a value is: data terms only (not `patient` alone, nor an internal id, nor a
 * credential: "Invalid username and/or password: " + login is not a password — a secret is found by its
 * own name only).
 */
function dataMatch(m: NameMatch | undefined): NameMatch | undefined {
  if (!m || m.cat === 'record' || m.cat === 'secret' || m.idOnly) return undefined;
  return m;
}

export function named(w: Walker, m: NameMatch, v: V, n: Node, expr: string): V {
  // ("{EmailBatchLimit}" filled by an `int maxRows`: the text names what the number is about.)
  if (cannotHold(v.type, m.what)) return v;
  const label = w.source(n, m, 'key', expr.length < 60 ? expr : expr.slice(0, 57) + '…', v.prov);
  w.setSourceClass(label, v.type);
  return withLabels(v, { ...v.l, [label]: ORIGIN });
}

/** `{ key: v }`, `key=v`, `put("key", v)`: the key names the value. */
export function keyed(w: Walker, key: string, v: V, n: Node): V {
  if (v.safe || key.length > 60 || !/^[A-Za-z_][\w.-]*$/.test(key)) return v;
  const m = dataMatch(matchName(key));
  if (m) return named(w, m, v, n, n.text);
  if (key.length >= 3 && !/^[A-Z0-9_]+$/.test(key)) return withLabels(v, { ...v.l, [`n:${key}`]: ORIGIN });
  return v;
}

/** The data term that ends a piece of message text (`"… diagnosis: "`, `"dob="`), or undefined. */
export function labelBefore(text: string, valueText = ''): NameMatch | undefined {
  // "Lab result " + id: a value right after a noun, without ':' or '=', is usually its id, not its content.
  if (!/[:=]\s*$/.test(text) && /(^|[._\s])(id|ids|uuid|guid|key|ref|number|num|no|ID|IDs|UUID|GUID|Id|Ids|Uuid|Guid|Key|Ref)$|[a-z](Id|ID|Uuid|UUID|Guid|GUID|Key|Ref)$/.test(valueText.replace(/(\.ToString)?[()?!]+$/, ''))) return undefined;
  // A value whose own name says it is a time, a count or a status ("BG: " + reading.timestamp,
  // "glucose at " + Date(ts)) is that, whatever the text before it names.
  if (VALUE_IS_META.test(valueText.replace(/[()?!]+$/, ''))) return undefined;
  // A value whose name says it was redacted ("phone " + redactedPhone) is not what the text names.
  if (namesRedactedValue(valueText)) return undefined;
  // An exception ("… processing iob: " + e, e.javaClass.canonicalName): the text says what failed.
  if (EXCEPTION_VALUE.test(valueText)) return undefined;
  const m = /([A-Za-z][A-Za-z0-9 _.-]{0,48}?)[\s:=#([>|-]*$/.exec(text.slice(-60));
  if (!m || /[.!?]\s*$/.test(text)) return undefined;
  // The text ends with an identifier ("onNewBloodGlucose ", "insulinWarningProcess --> "): the whole name
  // is judged, with its modifiers, as a name in code would be.
  const ident = /(?:^|[^A-Za-z0-9_])([a-z]+[A-Z][A-Za-z0-9]*|[A-Za-z][A-Za-z0-9]*_[A-Za-z0-9_]+)[\s:=#([>|-]*$/.exec(text.slice(-60));
  // A constant's name ("BG_LOW(" + x, "MAX_BOLUS=" + x) labels a setting's value, not a person's data.
  if (ident) return isConstantName(ident[1]) ? undefined : dataMatch(matchName(ident[1]));
  // The last three words, judged together: a modifier before the term ("Max bolus: ", "target BG: ") makes
  // the value a setting, as it would in a name.
  const words = splitWords(m[1]).slice(-3);
  // "No sub form with the given name: {0}": English's "the given name" is the name asked for, not a forename.
  if (words.length === 3 && words[0] === 'the' && words[1] === 'given' && words[2] === 'name') return undefined;
  const nm = dataMatch(matchWords(words));
  return nm && nm.term.words[nm.term.words.length - 1] === words[words.length - 1] ? nm : undefined;
}

/**
 * Message text that calls the value an organisation's contact point (`"Invalid Support Email: " + email`,
 * `"helpdesk phone=" + phone`): the value is that, whatever its own name says.
 */
export function labelSaysOrgContact(text: string): boolean {
  // The label itself: the words just before ':' or '=' (not a URL's host or path).
  const m = /([A-Za-z][A-Za-z _-]{0,40})[:=]\s*$/.exec(text.slice(-60));
  if (!m) return false;
  const words = splitWords(m[1]).slice(-3);
  for (let i = 0; i + 1 < words.length; i++) if (ORG_CONTACT_WORDS.has(words[i]) || ORG_WORDS.has(words[i])) return !!matchWords(words.slice(i + 1));
  return false;
}

/** The last name in a value's text is a time, date, count, status or type: `ts`, `reading.timestamp`, `Date(x)`. */
const VALUE_IS_META = /(^|[._\s(])(timestamp|ts|date|time|datetime|created|updated|count|size|length|status|state|type|kind|duration)$|^(new\s+)?(Date|Instant|LocalDateTime|DateTime|Timestamp)\(|[a-z](Timestamp|Date|Time|Count|Size|Status|Type)$/;

// (`e`, `err.message`, and names that say error: `err_msg`, `errorMessage`, `exceptionText`.)
const EXCEPTION_VALUE = /^(e|ex|exc|err|error|exception|throwable|t|cause)(\.[\w.]+(\(\))?)?$|^(err|error|exc|exception)(_[a-z]\w*|[A-Z]\w*)$/;

const PLACEHOLDER = /\{\}|\{(\d+)\}|\{([A-Za-z_@][\w.@-]*)(?::[^}]*)?\}|%[-+ #0]*\d*(?:\.\d+)?[sdifgvxXqrj]|%\((\w+)\)[sdifr]/g;

/**
 * Format strings (`log.info("dx {}", a)`, `String.format("SSN %s", s)`, `"{PatientName}"`): the label
 * before each placeholder, or a placeholder's own name, names the argument that fills it.
 * `vs[i]` fills placeholder i (explicit indexes `{0}` and names `{Name}` / `%(name)s` as written).
 */
export function formatNaming(w: Walker, fmt: string, vs: V[], nodes: Node[]): void {
  if (fmt.length > 2000 || !/[{%]/.test(fmt)) return;
  let k = 0;
  let last = 0;
  PLACEHOLDER.lastIndex = 0;
  for (let m = PLACEHOLDER.exec(fmt); m; m = PLACEHOLDER.exec(fmt)) {
    const before = fmt.slice(last, m.index);
    last = m.index + m[0].length;
    const idx = m[1] !== undefined ? +m[1] : k++;
    if (idx >= vs.length || !nodes[idx]) continue;
    const ph = m[2] ?? m[4];
    const nm = (ph && !/^\d/.test(ph) ? dataMatch(matchName(ph)) : undefined) ?? labelBefore(before, nodes[idx].text);
    if (nm && !vs[idx].safe) vs[idx] = named(w, nm, vs[idx], nodes[idx], nodes[idx].text);
  }
}
