/**
 * MedTrace's custom messages (shared/protocol.ts): the coverage notification for the status bar, the
 * Traceability view's tree, the HTML matrix, exports (SARIF, JSON, Markdown, CSV, HTML) and the starter
 * manifest. The renderers are the CLI's, so the editor exports exactly what `medtrace check/matrix` writes.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import pkg from '../../../../package.json';
import { printJson } from '../../cli/printers/json';
import { matrixCsv, matrixHtml, matrixMarkdown } from '../../cli/printers/matrix';
import { reportHtml } from '../../cli/printers/report';
import { toSarif } from '../../cli/printers/sarif';
import type { SessionChange } from '../../core/engine/session';
import { traceTree } from '../../core/features/traceTree';
import { starterManifest } from '../../core/manifest/starter';
import { readCommit } from '../../core/report/commit';
import { buildMatrix } from '../../core/report/matrix';
import { buildReport } from '../../core/report/report';
import { nodeHost } from '../../node/nodeHost';
import type { CheckResult } from '../../core/engine/check';
import {
  COVERAGE_NOTIFICATION,
  EXPORT_REQUEST,
  MATRIX_HTML_REQUEST,
  STARTER_MANIFEST_REQUEST,
  TRACE_TREE_REQUEST,
  type CoverageParams,
  type ExportParams,
  type MatrixHtmlParams,
  type StarterManifestParams,
  type TraceTreeNode,
  type TraceTreeParams,
} from '../../shared/protocol';
import type { Folder } from '../folder';
import type { MedTraceServer } from '../server';

const COVERAGE_THROTTLE_MS = 250;

/** Risks above acceptance whose controls are not all implemented and verified. */
export function openRisks(result: CheckResult): number {
  const m = result.manifest;
  if (!m) return 0;
  const done = (id: string) => {
    const links = result.graph.links.get(id) ?? [];
    return links.some((l) => l.tag === 'mitigates') && links.some((l) => l.tag === 'verifies');
  };
  return m.risks.filter((r) => (r.severity ?? 0) * (r.probability ?? 0) > m.policy.riskAcceptance && (r.controls.length === 0 || !r.controls.every((c) => done(c.id)))).length;
}

export function coverageParams(folder: Folder, result: CheckResult): CoverageParams {
  const d = result.coverage.declarations;
  return {
    folderUri: folder.uri,
    coverage: result.coverage,
    openRisks: openRisks(result),
    percent: d.required > 0 ? Math.round((d.traced / d.required) * 1000) / 10 : null,
    hasManifest: result.manifest !== undefined,
  };
}

/**
 * Sends medtrace/coverage after re-assemblies (at most every 250 ms per folder, trailing). It is also the
 * client's cue to refresh the Traceability view: it is sent whenever the result changed, even if the
 * numbers did not.
 */
export class CoverageNotifier {
  private readonly timers = new Map<Folder, NodeJS.Timeout>();
  private readonly lastSent = new Map<Folder, number>();

  constructor(private readonly server: MedTraceServer) {}

  changed(folder: Folder, change: SessionChange): void {
    if (change.indexing || this.timers.has(folder)) return;
    const wait = Math.max(0, (this.lastSent.get(folder) ?? 0) + COVERAGE_THROTTLE_MS - Date.now());
    this.timers.set(
      folder,
      setTimeout(() => {
        this.timers.delete(folder);
        if (!this.server.folders.has(folder.uri)) return;
        this.lastSent.set(folder, Date.now());
        void this.server.connection.sendNotification(COVERAGE_NOTIFICATION, coverageParams(folder, folder.session.result));
      }, wait),
    );
  }
}

export function registerCustomMessages(server: MedTraceServer): CoverageNotifier {
  const c = server.connection;
  const folderOf = (uri: string | undefined): Folder => {
    if (uri) {
      const f = server.folders.get(uri) ?? [...server.folders.values()].find((x) => x.uri.replace(/\/$/, '') === uri.replace(/\/$/, '')) ?? server.locate(uri)?.folder;
      if (f) return f;
      throw new ResponseError(ErrorCodes.InvalidParams, `MedTrace: ${uri} is not a workspace folder MedTrace analyses.`);
    }
    const first = server.folders.values().next();
    if (first.done) throw new ResponseError(ErrorCodes.InvalidParams, 'MedTrace: no workspace folder is open.');
    return first.value;
  };
  const wrap =
    <P, R>(name: string, fn: (p: P) => Promise<R>) =>
    async (p: P): Promise<R | ResponseError<void>> => {
      try {
        return await fn(p);
      } catch (e) {
        if (e instanceof ResponseError) return e as ResponseError<void>;
        c.console.error(`MedTrace: ${name} failed: ${(e as Error).stack ?? String(e)}`);
        return new ResponseError(ErrorCodes.InternalError, `MedTrace could not answer ${name}: ${(e as Error).message}`);
      }
    };

  c.onRequest(
    TRACE_TREE_REQUEST,
    wrap('traceTree', async (p: TraceTreeParams | undefined): Promise<TraceTreeNode[]> => {
      if (p?.folderUri || server.folders.size <= 1) {
        if (server.folders.size === 0) return [];
        const f = folderOf(p?.folderUri);
        await f.session.ensureCurrent();
        return traceTree(f.session.result, f.ctx.uri);
      }
      return [...server.folders.values()].map((f) => ({ label: f.name, icon: 'root-folder', children: traceTree(f.session.result, f.ctx.uri) }));
    }),
  );

  c.onRequest(
    MATRIX_HTML_REQUEST,
    wrap('matrixHtml', async (p: MatrixHtmlParams | undefined): Promise<string> => {
      const f = folderOf(p?.folderUri);
      await f.session.ensureCurrent();
      const r = f.session.result;
      if (!r.manifest) {
        return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Traceability matrix</title></head><body><p>No ${escapeHtml(f.session.manifestRelPath)} in ${escapeHtml(f.name)}: the matrix needs a manifest. Run "MedTrace: Create Manifest".</p></body></html>\n`;
      }
      // The webview shows the audit report, the same page `medtrace report` writes.
      const commit = await readCommit(nodeHost, f.rootAbs);
      return reportHtml(buildReport(r, { toolVersion: pkg.version, generatedAt: new Date().toISOString(), commit }));
    }),
  );

  c.onRequest(
    EXPORT_REQUEST,
    wrap('export', async (p: ExportParams): Promise<string> => {
      const f = folderOf(p?.folderUri);
      await f.session.ensureCurrent();
      const r = f.session.result;
      switch (p.format) {
        case 'sarif':
          return JSON.stringify(toSarif(r, pkg.version, f.uri.endsWith('/') ? f.uri : f.uri + '/'), null, 2) + '\n';
        case 'json':
          return printJson(r, pkg.version);
        case 'md':
        case 'csv':
        case 'html': {
          if (!r.manifest) throw new ResponseError(ErrorCodes.InvalidRequest, `MedTrace: no ${f.session.manifestRelPath} in ${f.name}: the matrix needs a manifest.`);
          const m = buildMatrix(r.graph);
          return p.format === 'md' ? matrixMarkdown(m) : p.format === 'csv' ? matrixCsv(m) : matrixHtml(m);
        }
        default:
          throw new ResponseError(ErrorCodes.InvalidParams, `MedTrace: unknown export format '${String((p as { format?: unknown }).format)}' (sarif, json, md, csv, html).`);
      }
    }),
  );

  c.onRequest(
    STARTER_MANIFEST_REQUEST,
    wrap('starterManifest', async (p: StarterManifestParams): Promise<string> => {
      const f = folderOf(p?.folderUri);
      const root = f.rootAbs;
      let folders: string[] = [];
      try {
        folders = fs
          .readdirSync(root, { withFileTypes: true })
          .filter((e) => e.isDirectory() && !e.name.startsWith('.') && !['node_modules', 'test', 'tests', 'docs', 'build', 'dist', 'out'].includes(e.name))
          .map((e) => e.name);
      } catch {
        // An unreadable folder gets the generic starter unit.
      }
      // The client decides where it goes (medtrace.manifestPath) and never overwrites an existing one.
      return starterManifest({ name: path.basename(root), safetyClass: 'C', unitsFromFolders: folders });
    }),
  );

  return new CoverageNotifier(server);
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
