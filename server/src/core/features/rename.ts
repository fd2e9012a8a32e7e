/**
 * Rename an id everywhere: the manifest entry, references inside the manifest, and every tag in code and
 * tests. Refused, with a message, for ids the manifest lacks, for invalid new ids, for an id that already
 * exists, while the manifest does not parse, and when a file changed since it was indexed.
 */
import type { Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { isValidId } from '../annotations/parse';
import type { Position } from '../types';
import { FeatureError, KIND_NOUN, entryOf, occurrenceAt, occurrences, where, type FeatureContext } from './common';

export function prepareRename(ctx: FeatureContext, path: string, pos: Position): { range: Range; placeholder: string } | null {
  const result = ctx.session.result;
  const occ = occurrenceAt(ctx.session, path, pos);
  if (!occ) return null;
  if (!entryOf(result.manifest, occ.id)) {
    throw new FeatureError(`${occ.id} is not declared in ${ctx.session.manifestRelPath}, so there is nothing to rename: declare it first, or correct the id.`);
  }
  return { range: occ.range, placeholder: occ.id };
}

export async function rename(ctx: FeatureContext, path: string, pos: Position, newName: string): Promise<WorkspaceEdit> {
  const session = ctx.session;
  const result = session.result;
  const occ = occurrenceAt(ctx.session, path, pos);
  if (!occ) throw new FeatureError('Place the cursor on a requirement, risk, risk control or unit id to rename it.');
  const info = entryOf(result.manifest, occ.id);
  if (!info) throw new FeatureError(`${occ.id} is not declared in ${session.manifestRelPath}, so there is nothing to rename.`);
  const load = session.manifestLoadResult;
  if (load.fatal || load.manifest !== result.manifest) {
    throw new FeatureError(`${session.manifestRelPath} has errors that keep it from being read: fix them before renaming ids.`);
  }
  const name = newName.trim();
  if (name === occ.id) return { changes: {} };
  if (!isValidId(name)) {
    throw new FeatureError(`'${name}' is not a valid id: ids start with a letter, end with a letter or digit, and use letters, digits and _ . : ~ - (e.g. SRS-042).`);
  }
  const existing = entryOf(result.manifest, name);
  if (existing) {
    throw new FeatureError(`${name} already exists: it is the ${KIND_NOUN[existing.kind]} at ${where(existing.entry.idLocation)}. Choose another id (ids are unique across requirements, risks, controls and units).`);
  }
  const all = occurrences(result).byId.get(occ.id) ?? [];
  const byPath = new Map<string, TextEdit[]>();
  for (const o of all) {
    const list = byPath.get(o.path) ?? [];
    list.push({ range: o.range, newText: name });
    byPath.set(o.path, list);
  }
  // Facts of closed files come from the last index: make sure each range still holds the old id.
  for (const [p, edits] of byPath) {
    const text = await session.readText(p);
    if (text === undefined) throw new FeatureError(`${p} cannot be read: rename cancelled.`);
    const starts = lineStarts(text);
    for (const e of edits) {
      const s = (starts[e.range.start.line] ?? text.length) + e.range.start.character;
      if (text.slice(s, s + occ.id.length) !== occ.id) {
        throw new FeatureError(`${p} changed since MedTrace read it (no ${occ.id} at line ${e.range.start.line + 1}): save it or wait for MedTrace to re-read it, then rename again.`);
      }
    }
  }
  const changes: Record<string, TextEdit[]> = {};
  for (const [p, edits] of byPath) changes[ctx.uri(p)] = edits;
  return { changes };
}

function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) out.push(i + 1);
  return out;
}
