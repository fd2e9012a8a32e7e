/**
 * Text that reaches a terminal or a CI log comes partly from the workspace (titles, messages quoting code,
 * file names), and a control character in it is an instruction to the terminal: ESC/OSC sequences repaint
 * or retitle it, a carriage return overwrites the line, a line break starts a line the CI runner may read
 * as a command (`::error …`), bidi controls reorder what is shown. Every text printer passes workspace text
 * through `visible`, which writes such characters as escapes (`\x1b`, `\n`, `\u202e`) instead.
 */

/** C0 except TAB, DEL, C1, Unicode line/paragraph separators and bidi embedding/override/isolate controls. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** The same, with LF allowed (text that is meant to span lines, such as a multi-line error). */
// eslint-disable-next-line no-control-regex -- as above
const CONTROL_BUT_LF = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r' };

function escape(c: string): string {
  const code = c.charCodeAt(0);
  return NAMED[c] ?? (code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
}

export function visible(s: string, opts: { keepLineBreaks?: boolean } = {}): string {
  return s.replace(opts.keepLineBreaks ? CONTROL_BUT_LF : CONTROL, escape);
}

/** Template tag for one output line: every interpolated value goes through `visible` (numbers unchanged). */
export function line(strings: TemplateStringsArray, ...values: (string | number)[]): string {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += (typeof values[i] === 'number' ? String(values[i]) : visible(values[i] as string)) + strings[i + 1];
  return out;
}
