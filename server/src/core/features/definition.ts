/**
 * Go to definition. From an id in a tag or a reference inside the manifest: the manifest entry. From the id
 * of a manifest entry: where it is implemented (for a unit, its files; for a risk, its controls' code), or its
 * tests when nothing implements it yet.
 */
import type { LocationLink } from 'vscode-languageserver-types';
import type { Location, Position } from '../types';
import { entryOf, implementations, occurrenceAt, verifications, type FeatureContext } from './common';

export function definition(ctx: FeatureContext, path: string, pos: Position): LocationLink[] {
  const result = ctx.session.result;
  const occ = occurrenceAt(ctx.session, path, pos);
  if (!occ) return [];
  const info = entryOf(result.manifest, occ.id);
  if (!info) return [];
  let targets: Location[];
  if (occ.kind !== 'entry') targets = [info.entry.idLocation];
  else {
    targets = implementations(result, info);
    if (targets.length === 0) targets = verifications(result, info);
    if (targets.length === 0 && info.kind === 'risk') {
      targets = info.entry.controls.map((c) => entryOf(result.manifest, c.id)?.entry.idLocation).filter((l): l is Location => l !== undefined);
    }
  }
  return targets.map((t) => ({
    originSelectionRange: occ.range,
    targetUri: ctx.uri(t.path),
    targetRange: t.range,
    targetSelectionRange: t.range,
  }));
}
