/**
 * HTTP clients declared as interfaces (Retrofit, Spring Cloud OpenFeign): a parameter annotated to go into the
 * URL (`@Query("password")`, `@RequestParam("username")`, `@Path`, `@PathVariable`) puts its value into every
 * request's query string or path, whoever calls the method. The declaration is the place to fix it (send it
 * in the body or a header), so it is reported there: `privacy/in-url` for a parameter named for personal or
 * health data, or for a password (CWE-598: a password in a query string is logged by every server and proxy
 * on the way, whatever the API is for).
 */
import type { SyntaxNode as Node } from '../syntax/flatTree';
import type { FunctionFact, R4 } from './facts';
import { matchName } from './taxonomy';
import { ORIGIN } from './value';
import type { Walker } from './walker';

/** A method annotation that makes it an HTTP call of a declared client. */
const HTTP_METHOD = /@(GET|POST|PUT|PATCH|DELETE|HEAD|HTTP|GetMapping|PostMapping|PutMapping|DeleteMapping|PatchMapping|RequestMapping)\b/;
/** A parameter annotation that puts the value into the URL, with its name as written (if any) and the parameter's. */
const URL_PARAM = /@(Query|Path|RequestParam|PathVariable)\s*(?:\(\s*(?:(?:value|name)\s*=\s*)?"([^"]*)"[^)]*\))?\s*(?:final\s+)?(?:[\w<>?,.[\]]+\s+)?(\w+)/g;
/** Credentials reported in a URL: the ones a person types (an API key in a query string is how some APIs work). */
const TYPED_SECRET = /^(password|passphrase|passcode|client secret)$/;

/** Finds the declared client methods of a Java or Kotlin file and records their URL parameters as in-url sinks. */
export function declaredClientSinks(w: Walker, root: Node): FunctionFact[] {
  const text = root.text;
  if (!HTTP_METHOD.test(text) || !/@(Query|Path|RequestParam|PathVariable)\b/.test(text)) return [];
  const out: FunctionFact[] = [];
  const visit = (n: Node, inInterface: boolean, depth: number): void => {
    if (depth > 40) return;
    for (const c of n.namedChildren) {
      if (!c) continue;
      const iface = c.type === 'interface_declaration' || (c.type === 'class_declaration' && /^\s*(?:@[\w.]+(?:\([^)]*\))?\s*)*(?:(?:public|internal|private|sealed|fun)\s+)*interface\b/.test(c.text.slice(0, 300)));
      if (inInterface && (c.type === 'method_declaration' || c.type === 'function_declaration')) {
        const fact = methodSinks(w, c);
        if (fact) out.push(fact);
        continue;
      }
      visit(c, inInterface || iface, depth + 1);
    }
  };
  visit(root, false, 0);
  return out;
}

function methodSinks(w: Walker, m: Node): FunctionFact | undefined {
  const t = m.text;
  const open = t.indexOf('(');
  if (open < 0 || !HTTP_METHOD.test(t.slice(0, open))) return undefined;
  const name = m.childForFieldName('name')?.text ?? /(\w+)\s*\($/.exec(t.slice(0, open + 1))?.[1] ?? '<anonymous>';
  const fact: FunctionFact = { name, params: [], r: m.rowColRange(), sinks: [], calls: [], ret: {} };
  URL_PARAM.lastIndex = open;
  for (let x = URL_PARAM.exec(t); x; x = URL_PARAM.exec(t)) {
    const key = x[2] || x[3];
    const match = matchName(key) ?? matchName(x[3]);
    if (!match || match.idOnly || match.cat === 'record' || (match.cat === 'secret' && !TYPED_SECRET.test(match.what))) continue;
    const r = rangeAt(m, t, x.index, x[0].length);
    const label = w.sourceAt(r, match, 'name', x[3]);
    fact.sinks.push({ rule: 'in-url', r, api: `@${x[1]}("${key}")`, l: { [label]: ORIGIN }, declared: 1 });
  }
  return fact.sinks.length ? fact : undefined;
}

/** The range of `len` characters at `offset` in node `m`'s text. */
function rangeAt(m: Node, text: string, offset: number, len: number): R4 {
  const [sl, sc] = m.rowColRange();
  const before = text.slice(0, offset);
  const lines = before.split('\n');
  const line = sl + lines.length - 1;
  const col = lines.length === 1 ? sc + before.length : lines[lines.length - 1].length;
  const first = text.slice(offset, offset + len).split('\n')[0];
  return [line, col, line, col + first.length];
}
