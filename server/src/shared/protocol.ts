/**
 * The one place for MedTrace's custom LSP messages between the VS Code client and the server
 * (standard LSP features need nothing here). Both sides import these names and types.
 */
import type { Coverage } from '../core/trace/rules';

/** Coverage of one workspace folder, for the status bar. Sent by the server whenever it changes. */
export const COVERAGE_NOTIFICATION = 'medtrace/coverage';
export interface CoverageParams {
  folderUri: string;
  coverage: Coverage;
  /** Risks above acceptance whose controls are not all implemented and verified. */
  openRisks: number;
  /** Percent of required declarations traced (0–100), or null when nothing is required. */
  percent: number | null;
  hasManifest: boolean;
}

/** Tree data for the Traceability view: units → requirements → implementations/tests, risks → controls → code. */
export const TRACE_TREE_REQUEST = 'medtrace/traceTree';
export interface TraceTreeParams {
  folderUri?: string;
}
export interface TraceTreeNode {
  label: string;
  description?: string;
  tooltip?: string;
  /** codicon id, e.g. 'pass', 'warning', 'error', 'symbol-method'. */
  icon?: string;
  /** Where clicking the node goes. */
  location?: { uri: string; line: number; character: number };
  children?: TraceTreeNode[];
}

/** The traceability matrix as a self-contained HTML page (the same renderer as `medtrace matrix --format html`). */
export const MATRIX_HTML_REQUEST = 'medtrace/matrixHtml';
export interface MatrixHtmlParams {
  folderUri?: string;
}

/** Export the current findings as SARIF, or the matrix in a format; returns the text. */
export const EXPORT_REQUEST = 'medtrace/export';
export interface ExportParams {
  folderUri?: string;
  format: 'sarif' | 'json' | 'md' | 'csv' | 'html';
}

/** The starter manifest for a folder (`medtrace init`); the client writes it with a WorkspaceEdit. */
export const STARTER_MANIFEST_REQUEST = 'medtrace/starterManifest';
export interface StarterManifestParams {
  folderUri: string;
}
