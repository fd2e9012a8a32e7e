/** Ids the extension shares with package.json (commands, views, context keys) and with its e2e tests. */

/** `publisher.name` of package.json. */
export const EXTENSION_ID = 'medtrace.medtrace';

export const Commands = {
  showMatrix: 'medtrace.showMatrix',
  exportSarif: 'medtrace.exportSarif',
  exportMatrix: 'medtrace.exportMatrix',
  insertTraceAnnotation: 'medtrace.insertTraceAnnotation',
  createManifest: 'medtrace.createManifest',
  restartServer: 'medtrace.restartServer',
  showOutput: 'medtrace.showOutput',
  refreshTraceability: 'medtrace.refreshTraceability',
  /** Used by the server's code lenses and hovers, and by the tree view: (uri, line, character). */
  openLocation: 'medtrace.openLocation',
  /** Used by the server's code lenses: (uri, position, locations) as plain JSON. */
  showReferences: 'medtrace.showReferences',
} as const;

export const VIEW_CONTAINER_ID = 'medtrace';
export const TRACE_VIEW_ID = 'medtrace.traceability';
export const MATRIX_VIEW_TYPE = 'medtrace.matrix';

/** Context keys (for `when` clauses in package.json). */
export const ContextKeys = {
  /** Some workspace folder has a manifest (from the coverage notification). */
  hasManifest: 'medtrace.hasManifest',
  /** The language server is running. */
  serverRunning: 'medtrace.serverRunning',
} as const;

/** Name of the output channel (and of the language client). */
export const OUTPUT_NAME = 'MedTrace';
