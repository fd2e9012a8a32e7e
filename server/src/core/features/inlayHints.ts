/** Inlay hints (the front end checks medtrace.inlayHints.enable per resource): the title of a requirement / risk control (the name of a unit) after its id in tags and manifest references. */
import { InlayHint } from 'vscode-languageserver-types';
import type { Range } from '../types';
import { entryOf, entryTitle, occurrencesIn, type FeatureContext } from './common';

const MAX_TITLE = 48;

export function inlayHints(ctx: FeatureContext, path: string, range?: Range): InlayHint[] {
  const result = ctx.session.result;
  const out: InlayHint[] = [];
  for (const o of occurrencesIn(ctx.session, path)) {
    if (o.kind === 'entry') continue;
    if (range && (o.range.end.line < range.start.line || o.range.start.line > range.end.line)) continue;
    const info = entryOf(result.manifest, o.id);
    const title = info && entryTitle(info);
    if (!title) continue;
    const label = title.length > MAX_TITLE ? `${title.slice(0, MAX_TITLE - 1)}…` : title;
    out.push({ position: o.range.end, label, paddingLeft: true, tooltip: title.length > MAX_TITLE ? title : undefined });
  }
  return out;
}
