/**
 * One workspace folder as the server sees it: its WorkspaceSession, the URIs the client uses for its open
 * documents, and what was last published as diagnostics for each file — so a file is re-published only when
 * its diagnostics change, and cleared (an empty list) as soon as it has none, whatever the reason (fixed,
 * deleted, excluded, suppressed).
 */
import type { Connection } from 'vscode-languageserver';
import type { SessionChange, WorkspaceSession } from '../core/engine/session';
import type { FeatureContext } from '../core/features/common';
import { toDiagnostic } from '../core/features/diagnostics';
import type { Finding } from '../core/types';
import { pathToUri } from './uri';

function sameRange(a: Finding['range'], b: Finding['range']): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

function sameLocations(a: Finding['flow'], b: Finding['flow']): boolean {
  if ((a?.length ?? 0) !== (b?.length ?? 0)) return false;
  for (let i = 0; i < (a?.length ?? 0); i++) {
    if (a![i].path !== b![i].path || a![i].message !== b![i].message || !sameRange(a![i].range, b![i].range)) return false;
  }
  return true;
}

/** Whether two finding lists would publish the same diagnostics (field by field: no strings built per edit). */
function sameFindings(a: readonly Finding[], b: readonly Finding[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x.ruleId !== y.ruleId || x.severity !== y.severity || !sameRange(x.range, y.range) || x.message !== y.message) return false;
    if (!sameLocations(x.flow, y.flow) || !sameLocations(x.related, y.related)) return false;
    if (JSON.stringify(x.data) !== JSON.stringify(y.data)) return false;
  }
  return true;
}

export class Folder {
  readonly ctx: FeatureContext;
  /** Client URI per workspace-relative path of open documents. */
  private readonly openUris = new Map<string, string>();
  /** What was last published per workspace-relative path: the URI used, the findings and the document version. */
  private readonly published = new Map<string, { uri: string; findings: Finding[]; version: number | undefined }>();

  constructor(
    readonly uri: string,
    readonly name: string,
    readonly session: WorkspaceSession,
    private readonly connection: Connection,
  ) {
    this.ctx = { session, uri: (p) => this.uriOf(p) };
  }

  get rootAbs(): string {
    return this.session.rootAbs;
  }

  uriOf(path: string): string {
    return this.openUris.get(path) ?? pathToUri(this.session.abs(path));
  }

  opened(path: string, uri: string): void {
    this.openUris.set(path, uri);
  }

  closed(path: string): void {
    this.openUris.delete(path);
  }

  /**
   * Publishes what changed. While the folder is (re)indexing only open documents are published: workspace
   * rules over a partial index would flash false findings (e.g. "implemented nowhere") in other files.
   * A fast update after an edit (change.partial) publishes the edited documents only.
   */
  publish(change: SessionChange): void {
    const byPath = new Map<string, Finding[]>();
    const paths = new Set<string>();
    if (change.partial) {
      // A fast update: the edited documents only; the full update follows.
      for (const [p, findings] of change.partial) {
        byPath.set(p, findings);
        paths.add(p);
      }
    } else {
      for (const f of change.result.findings) {
        const list = byPath.get(f.path);
        if (list) list.push(f);
        else byPath.set(f.path, [f]);
      }
      if (change.indexing) {
        for (const p of this.openUris.keys()) if (this.session.languageOf(p)) paths.add(p);
      } else {
        for (const p of byPath.keys()) paths.add(p);
        for (const p of this.published.keys()) paths.add(p);
      }
    }
    for (const p of paths) {
      const findings = byPath.get(p) ?? [];
      const uri = this.uriOf(p);
      const version = this.session.documentVersion(p);
      const prev = this.published.get(p);
      if (prev && prev.uri !== uri) {
        // The client's URI for the file changed (opened/closed with another spelling): clear the old one first.
        void this.connection.sendDiagnostics({ uri: prev.uri, diagnostics: [] });
      } else if (sameFindings(prev?.findings ?? [], findings)) continue;
      if (findings.length) this.published.set(p, { uri, findings, version });
      else this.published.delete(p);
      if (!findings.length && prev && prev.uri !== uri) continue;
      void this.connection.sendDiagnostics({ uri, version, diagnostics: findings.map((f) => toDiagnostic(f, (x) => this.uriOf(x))) });
    }
  }

  /** Clears every diagnostic this folder published (folder removed, server shutting down). */
  clearAll(): void {
    for (const { uri } of this.published.values()) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    this.published.clear();
  }
}
