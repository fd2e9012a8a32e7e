/**
 * Symbols. Workspace symbols: every manifest id (requirements, risks, risk controls, units), matched on id
 * and title. Document symbols for a manifest file: its sections with their entries.
 */
import { SymbolKind, type DocumentSymbol, type SymbolInformation } from 'vscode-languageserver-types';
import type { ManifestEntry } from '../manifest/model';
import type { EntryKind } from '../trace/graph';
import type { Range } from '../types';
import { entryTitle, type EntryInfo, type FeatureContext } from './common';

const SYMBOL_KIND: Record<EntryKind, SymbolKind> = {
  requirement: SymbolKind.Interface,
  riskControl: SymbolKind.Method,
  risk: SymbolKind.Event,
  unit: SymbolKind.Module,
};

const SECTIONS: { key: 'units' | 'requirements' | 'risks' | 'riskControls'; kind: EntryKind; label: string }[] = [
  { key: 'units', kind: 'unit', label: 'units' },
  { key: 'requirements', kind: 'requirement', label: 'requirements' },
  { key: 'risks', kind: 'risk', label: 'risks' },
  { key: 'riskControls', kind: 'riskControl', label: 'riskControls' },
];

function infos(ctx: FeatureContext): EntryInfo[] {
  const m = ctx.session.result.manifest;
  if (!m) return [];
  return [
    ...m.requirements.map((entry): EntryInfo => ({ kind: 'requirement', entry })),
    ...m.riskControls.map((entry): EntryInfo => ({ kind: 'riskControl', entry })),
    ...m.risks.map((entry): EntryInfo => ({ kind: 'risk', entry })),
    ...m.units.map((entry): EntryInfo => ({ kind: 'unit', entry })),
  ];
}

/** Fuzzy match as editors do: the query's characters in order (case-insensitive). */
function matches(query: string, text: string): boolean {
  if (!query) return true;
  const q = query.toLowerCase();
  const t = text.toLowerCase();
  let i = 0;
  for (let j = 0; j < t.length && i < q.length; j++) if (t[j] === q[i]) i++;
  return i === q.length;
}

export function workspaceSymbols(ctx: FeatureContext, query: string): SymbolInformation[] {
  const out: SymbolInformation[] = [];
  for (const info of infos(ctx)) {
    const title = entryTitle(info);
    if (!matches(query, info.entry.id) && !(title && matches(query, title))) continue;
    out.push({
      name: title ? `${info.entry.id} ${title}` : info.entry.id,
      kind: SYMBOL_KIND[info.kind],
      location: { uri: ctx.uri(info.entry.idLocation.path), range: info.entry.idLocation.range },
      containerName: info.kind === 'riskControl' ? 'risk control' : info.kind,
    });
  }
  return out;
}

function enclosing(ranges: readonly Range[]): Range {
  let start = ranges[0].start;
  let end = ranges[0].end;
  for (const r of ranges) {
    if (r.start.line < start.line || (r.start.line === start.line && r.start.character < start.character)) start = r.start;
    if (r.end.line > end.line || (r.end.line === end.line && r.end.character > end.character)) end = r.end;
  }
  return { start, end };
}

/** Sections and entries declared in one manifest file (main or included); empty for other files. */
export function manifestDocumentSymbols(ctx: FeatureContext, path: string): DocumentSymbol[] {
  const m = ctx.session.result.manifest;
  if (!m || !m.files.includes(path)) return [];
  const out: DocumentSymbol[] = [];
  for (const s of SECTIONS) {
    const entries = (m[s.key] as ManifestEntry[]).filter((e) => e.location.path === path);
    if (!entries.length) continue;
    const children: DocumentSymbol[] = entries.map((e) => {
      const title = entryTitle({ kind: s.kind, entry: e } as EntryInfo);
      const range = enclosing([e.location.range, e.idLocation.range]);
      return { name: e.id, detail: title, kind: SYMBOL_KIND[s.kind], range, selectionRange: e.idLocation.range };
    });
    const range = enclosing(children.map((c) => c.range));
    out.push({ name: s.label, detail: `${children.length}`, kind: SymbolKind.Namespace, range, selectionRange: children[0].selectionRange, children });
  }
  if (m.soup.length && path === m.path) {
    const children: DocumentSymbol[] = m.soup
      .filter((e) => e.location.path === path)
      .map((e) => ({ name: e.name, detail: e.version, kind: SymbolKind.Package, range: enclosing([e.location.range, e.nameLocation.range]), selectionRange: e.nameLocation.range }));
    if (children.length) out.push({ name: 'soup', detail: `${children.length}`, kind: SymbolKind.Namespace, range: enclosing(children.map((c) => c.range)), selectionRange: children[0].selectionRange, children });
  }
  return out;
}
