/**
 * Completion in comments: tag names after `@`; ids after a tag, filtered to the kinds the tag takes and
 * ranked for the file (ids used nearby, then ids of the file's unit), with title and text as documentation;
 * rule ids after `medtrace-ignore`. In the manifest: ids inside `controls: [`, `requirements: [` and
 * `derivedFrom: [` lists.
 */
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type CompletionList } from 'vscode-languageserver-types';
import { TAG_NAMES, type TagName } from '../annotations/model';
import { RULES } from '../rules/registry';
import type { EntryKind } from '../trace/graph';
import { containsPosition, type Position, type Range } from '../types';
import { describeEntry } from './hover';
import type { Manifest } from '../manifest/model';
import { TAG_DOCS, TAG_TAKES, entryOf, entryTitle, rankIds, type FeatureContext, type RankedId } from './common';

const ITEM_KIND: Record<EntryKind, CompletionItemKind> = {
  requirement: CompletionItemKind.Interface,
  riskControl: CompletionItemKind.Method,
  risk: CompletionItemKind.Event,
  unit: CompletionItemKind.Module,
};

const ID_CHARS = /[A-Za-z0-9_.:~-]/;
const TAG_BEFORE = /(?:^|[^A-Za-z0-9_.-])@([a-z]*)$/;
const IDS_AFTER_TAG = /@(implements|mitigates|verifies|unit)((?:\s+|\s*,\s*)(?:[A-Za-z][A-Za-z0-9_.:~-]*\s*,\s*)*)([A-Za-z0-9_.:~-]*)$/;
const RULE_AFTER_IGNORE = /medtrace-ignore\s+([a-z0-9/-]*)$/;
const MANIFEST_LIST = /(?:^|[\s{,])(controls|requirements|derivedFrom)\s*:\s*\[((?:\s*[A-Za-z][A-Za-z0-9_.:~-]*\s*,)*)\s*([A-Za-z0-9_.:~-]*)$/;

/** Items that carry their documentation inline; later ones are resolved on demand. */
const INLINE_DOCS = 10;

/** completionItem/resolve: documentation of an id item sent without it. */
export function resolveCompletion(ctx: FeatureContext, item: CompletionItem): CompletionItem {
  const id = (item.data as { medtraceId?: unknown } | undefined)?.medtraceId;
  if (typeof id !== 'string' || item.documentation) return item;
  const info = entryOf(ctx.session.result.manifest, id);
  return info ? { ...item, documentation: { kind: 'markdown', value: describeEntry(ctx, info, { brief: true }) } } : item;
}

function wordEnd(line: string, from: number): number {
  let e = from;
  while (e < line.length && ID_CHARS.test(line[e])) e++;
  return e;
}

export interface CompletionOptions {
  snippets?: boolean;
}

export function completion(ctx: FeatureContext, path: string, pos: Position, opts: CompletionOptions = {}): CompletionList | null {
  const session = ctx.session;
  const lines = session.openLines(path);
  if (!lines) return null;
  const lineText = lines.lineText(pos.line);
  const prefix = lineText.slice(0, pos.character);
  if (session.isManifestFile(path)) return manifestCompletion(ctx, path, pos, prefix, lineText);
  const facts = session.fileFacts(path);
  if (!facts || !facts.comments.some((c) => containsPosition(c.range, pos))) return null;

  const ids = IDS_AFTER_TAG.exec(prefix);
  if (ids && (ids[2].length > 0 || ids[3].length === 0)) {
    const tag = ids[1] as TagName;
    const already = new Set(ids[2].split(/[\s,]+/).filter(Boolean));
    if (tag === 'unit' && already.size > 0) return null;
    const range: Range = { start: { line: pos.line, character: pos.character - ids[3].length }, end: { line: pos.line, character: wordEnd(lineText, pos.character) } };
    return idList(ctx, path, pos.line, TAG_TAKES[tag], tag, already, range, ids[3]);
  }
  const rule = RULE_AFTER_IGNORE.exec(prefix);
  if (rule) {
    const range: Range = { start: { line: pos.line, character: pos.character - rule[1].length }, end: pos };
    return {
      isIncomplete: false,
      items: RULES.map((r, i) => ({
        label: r.id,
        kind: CompletionItemKind.EnumMember,
        detail: r.shortDescription,
        sortText: String(i).padStart(4, '0'),
        textEdit: opts.snippets ? { range, newText: `${r.id}: \${1:justification}` } : { range, newText: `${r.id}: ` },
        insertTextFormat: opts.snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
      })),
    };
  }
  const tag = TAG_BEFORE.exec(prefix);
  if (tag) {
    const start = pos.character - tag[1].length;
    const range: Range = { start: { line: pos.line, character: start }, end: { line: pos.line, character: wordEnd(lineText, pos.character) } };
    return {
      isIncomplete: false,
      items: TAG_NAMES.filter((t) => t.startsWith(tag[1])).map((t, i) => ({
        label: `@${t}`,
        filterText: t,
        kind: CompletionItemKind.Keyword,
        detail: TAG_DOCS[t].replace(/^`[^`]*` — /, ''),
        documentation: { kind: 'markdown', value: TAG_DOCS[t] },
        sortText: String(i),
        textEdit: { range, newText: `${t} ` },
      })),
    };
  }
  return null;
}

/** At most this many ids per answer; with more, the list is incomplete and the client asks again as the user types. */
const MAX_ITEMS = 150;

function idList(ctx: FeatureContext, path: string, line: number, kinds: readonly EntryKind[], tag: TagName | undefined, exclude: Set<string>, range: Range, typed: string): CompletionList {
  const m = ctx.session.result.manifest;
  if (!m) return { isIncomplete: false, items: [] };
  let ranked = rankIds(ctx.session, path, kinds, { line, tag }).filter((r) => !exclude.has(r.id));
  if (typed) {
    // What the user typed so far: an id prefix, or a word of the title (the client filters the rest).
    const t = typed.toLowerCase();
    ranked = ranked.filter((r) => {
      const title = entryTitle(entryOf(m, r.id)!)?.toLowerCase() ?? '';
      return r.id.toLowerCase().includes(t) || title.split(/\W+/).some((w) => w.startsWith(t));
    });
  }
  const incomplete = ranked.length > MAX_ITEMS;
  return { isIncomplete: incomplete, items: idItems(ctx, m, ranked.slice(0, MAX_ITEMS), range) };
}

function idItems(ctx: FeatureContext, m: Manifest, ranked: readonly RankedId[], range: Range): CompletionItem[] {
  return ranked.map((r, i) => {
    const info = entryOf(m, r.id)!;
    const title = entryTitle(info);
    return {
      label: r.id,
      kind: ITEM_KIND[r.kind],
      detail: title,
      labelDetails: title ? { description: title } : undefined,
      // The first items carry their documentation; the rest get it through completionItem/resolve.
      documentation: i < INLINE_DOCS ? { kind: 'markdown', value: describeEntry(ctx, info, { brief: true }) } : undefined,
      data: i < INLINE_DOCS ? undefined : { medtraceId: r.id },
      sortText: String(i).padStart(5, '0'),
      filterText: title ? `${r.id} ${title}` : r.id,
      textEdit: { range, newText: r.id },
      preselect: i === 0 && r.score > 0 ? true : undefined,
    };
  });
}

function manifestCompletion(ctx: FeatureContext, path: string, pos: Position, prefix: string, lineText: string): CompletionList | null {
  const m = MANIFEST_LIST.exec(prefix);
  if (!m) return null;
  const kinds: EntryKind[] = m[1] === 'controls' ? ['riskControl'] : ['requirement'];
  const already = new Set(m[2].split(/[\s,]+/).filter(Boolean));
  const range: Range = { start: { line: pos.line, character: pos.character - m[3].length }, end: { line: pos.line, character: wordEnd(lineText, pos.character) } };
  return idList(ctx, path, pos.line, kinds, undefined, already, range, m[3]);
}
