/** Find references: every place an id is written — tags in code and tests, the manifest entry, manifest references. */
import type { Location as LspLocation } from 'vscode-languageserver-types';
import type { Position } from '../types';
import { occurrenceAt, occurrences, type FeatureContext, type Occurrence } from './common';

export function referencesOf(ctx: FeatureContext, id: string, includeDeclaration: boolean): Occurrence[] {
  return (occurrences(ctx.session.result).byId.get(id) ?? []).filter((o) => includeDeclaration || o.kind !== 'entry');
}

export function references(ctx: FeatureContext, path: string, pos: Position, includeDeclaration: boolean): LspLocation[] {
  const occ = occurrenceAt(ctx.session, path, pos);
  if (!occ) return [];
  return referencesOf(ctx, occ.id, includeDeclaration).map((o) => ({ uri: ctx.uri(o.path), range: o.range }));
}
