/**
 * code/syntax.ts's Syntax with per-file memoisation of call shapes and dotted names: a call chain
 * (`a.b().c().d(x)`) asks for the shape of its inner calls once per link, and every node property read
 * crosses into wasm, so repeating the work is what makes a tree walk slow.
 */
import type { SyntaxNode as Node } from '../syntax/flatTree';
import { Syntax, type CallShape } from '../code/syntax';

export class PSyntax extends Syntax {
  private readonly calls = new Map<number, CallShape | null>();
  private readonly dots = new Map<number, string | null>();

  override call(n: Node, depth = 0): CallShape | undefined {
    const c = this.calls.get(n.id);
    if (c !== undefined) return c ?? undefined;
    const r = super.call(n, depth);
    this.calls.set(n.id, r ?? null);
    return r;
  }

  override dotted(n: Node | null | undefined, depth = 0): string | undefined {
    if (!n) return undefined;
    const c = this.dots.get(n.id);
    if (c !== undefined) return c ?? undefined;
    const r = super.dotted(n, depth);
    this.dots.set(n.id, r ?? null);
    return r;
  }
}
