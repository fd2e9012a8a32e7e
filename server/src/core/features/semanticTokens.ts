/**
 * Semantic tokens so MedTrace tags and ids stand out in comments: `@implements` as a decorator, ids as enum
 * members, `medtrace-ignore` as a keyword and its rule id as an enum. Standard token types, so every theme
 * colours them.
 */
import type { SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver-types';
import { comparePositions, type Range } from '../types';
import type { FeatureContext } from './common';

export const SEMANTIC_TOKENS_LEGEND: SemanticTokensLegend = {
  tokenTypes: ['decorator', 'enumMember', 'keyword', 'enum'],
  tokenModifiers: ['documentation', 'declaration'],
};

const TYPE = { tag: 0, id: 1, keyword: 2, rule: 3 } as const;
const DOC = 1;

export function semanticTokens(ctx: FeatureContext, path: string): SemanticTokens {
  const facts = ctx.session.fileFacts(path);
  const tokens: { range: Range; type: number }[] = [];
  if (facts) {
    for (const a of facts.annotations) {
      tokens.push({ range: a.tagRange, type: TYPE.tag });
      for (const id of a.ids) tokens.push({ range: id.range, type: TYPE.id });
    }
    for (const ig of facts.ignores) {
      const kwEnd = { line: ig.range.start.line, character: ig.range.start.character + 'medtrace-ignore'.length };
      tokens.push({ range: { start: ig.range.start, end: kwEnd }, type: TYPE.keyword });
      tokens.push({ range: ig.ruleRange, type: TYPE.rule });
    }
  }
  tokens.sort((a, b) => comparePositions(a.range.start, b.range.start));
  const data: number[] = [];
  let line = 0;
  let char = 0;
  let lastEnd = { line: -1, character: 0 };
  for (const t of tokens) {
    const r = t.range;
    // Tokens are single-line and must not overlap.
    if (r.start.line !== r.end.line || r.end.character <= r.start.character) continue;
    if (comparePositions(r.start, lastEnd) < 0) continue;
    const dl = r.start.line - line;
    const dc = dl === 0 ? r.start.character - char : r.start.character;
    data.push(dl, dc, r.end.character - r.start.character, t.type, DOC);
    line = r.start.line;
    char = r.start.character;
    lastEnd = r.end;
  }
  return { data };
}
