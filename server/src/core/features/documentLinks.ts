/** Document links: every declared id in a tag or a manifest reference links to its manifest entry. */
import type { DocumentLink } from 'vscode-languageserver-types';
import { entryOf, KIND_NOUN, occurrencesIn, uriAt, type FeatureContext } from './common';

export function documentLinks(ctx: FeatureContext, path: string): DocumentLink[] {
  const result = ctx.session.result;
  const out: DocumentLink[] = [];
  for (const o of occurrencesIn(ctx.session, path)) {
    if (o.kind === 'entry') continue;
    const info = entryOf(result.manifest, o.id);
    if (!info) continue;
    out.push({ range: o.range, target: uriAt(ctx, info.entry.idLocation), tooltip: `Open ${KIND_NOUN[info.kind]} ${o.id} in ${info.entry.idLocation.path}` });
  }
  return out;
}
