/**
 * Rust macro arguments as expressions. tree-sitter-rust leaves a macro's arguments as a token tree, so the
 * call in `format!("{:x}", md5::compute(x))` or `vec![0u8; 16]` is no call or array to a query. For the
 * crypto and privacy analyses the file is read again with each macro invocation in expression position rewritten:
 * `format!(…)` → `format (…)` (a call whose arguments parse as expressions), `vec![…]` → `    […]` (an array).
 * The rewrite keeps the text's length and line breaks, so every range of the new tree is the file's.
 */
import type { SyntaxNode } from '../syntax/flatTree';

/** Macros at item level (`lazy_static! {…}`, `include!(…);` in a module) expand to items, not expressions. */
const ITEM_LEVEL = new Set(['source_file', 'declaration_list']);

/**
 * The file's text with its expression-position macro invocations written as calls and arrays, or
 * undefined when none is relevant (the file is then read as it is): its arguments, or the `let` or
 * assignment it is the value of, match `relevant`.
 */
export function rustMacrosAsExpressions(root: SyntaxNode, text: string, relevant: RegExp): string | undefined {
  /** The rewritten characters (sparse): position → ' '. */
  const chars: string[] = [];
  const blank = (at: number) => {
    if (text[at] !== '\n' && text[at] !== '\r') chars[at] = ' ';
  };
  /** `name!(…)` → `name (…)`, `name![…]` → `     […]`: the `!` at `bang`, the arguments' bracket at `open`. */
  const rewrite = (nameStart: number, bang: number, open: number) => {
    if (text[open] === '[') for (let i = nameStart; i <= bang; i++) blank(i);
    else blank(bang);
  };
  /** Macros nested in arguments are tokens to tree-sitter: an identifier, `!`, a token tree. */
  const nested = (tt: SyntaxNode) => {
    const kids = tt.children;
    for (let i = 0; i < kids.length; i++) {
      const k = kids[i]!;
      if (k.type === 'token_tree') nested(k);
      else if (k.type === '!' && i > 0 && kids[i - 1]!.type === 'identifier' && kids[i + 1]?.type === 'token_tree') {
        const open = text[kids[i + 1]!.startIndex];
        // The macro's path: `vec`, `std::vec`.
        let from = i - 1;
        while (from >= 2 && kids[from - 1]!.type === '::' && kids[from - 2]!.type === 'identifier') from -= 2;
        if (open === '(' || open === '[') rewrite(kids[from]!.startIndex, k.startIndex, kids[i + 1]!.startIndex);
      }
    }
  };
  for (const m of root.descendantsOfType('macro_invocation')) {
    if (!m.parent || ITEM_LEVEL.has(m.parent.type)) continue;
    const args = m.namedChildren.find((c) => c?.type === 'token_tree');
    const bang = m.children.find((c) => c?.type === '!');
    const open = args ? text[args.startIndex] : '';
    if (!args || !bang || (open !== '(' && open !== '[')) continue;
    // Relevant arguments (`md5::compute(x)`), or a value bound to a relevant name (`let iv = vec![0u8; 16];`).
    const bound = m.parent.type === 'let_declaration' || m.parent.type === 'assignment_expression';
    if (!relevant.test(args.text) && !(bound && relevant.test(m.parent.text))) continue;
    rewrite(m.startIndex, bang.startIndex, args.startIndex);
    nested(args);
  }
  if (!chars.length) return undefined;
  let out = '';
  let from = 0;
  chars.forEach((c, i) => {
    out += text.slice(from, i) + c;
    from = i + 1;
  });
  return out + text.slice(from);
}
