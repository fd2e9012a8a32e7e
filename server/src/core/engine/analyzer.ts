/**
 * Plug-in shape for the per-language detectors (crypto, privacy). Each runs in two phases so that file
 * work can be spread over worker threads and redone for one file on each keystroke:
 *  - `collect` sees one parsed file and returns plain, serialisable facts (no tree-sitter objects);
 *  - `check` sees the facts of every file (plus configuration files and the manifest) and returns findings.
 * An analyser must never execute or import workspace code.
 */
import type { LanguageId, LanguageInfo } from '../language/languages';
import type { Manifest } from '../manifest/model';
import type { FlatTree } from '../syntax/flatTree';
import type { SyntaxQuery } from '../syntax/query';
import type { LineIndex } from '../text';
import type { Finding } from '../types';
import type { FileFacts } from './fileFacts';

export interface CollectContext {
  path: string;
  language: LanguageInfo;
  /** The parsed file, copied into JavaScript (core/syntax/flatTree.ts; shared by the analysers of the file). */
  syntax: FlatTree;
  lines: LineIndex;
  isTest: boolean;
  /** grammars/<lang>/<name>.scm for this file's language, to run on `syntax` (compiled once). */
  query(name: string): Promise<SyntaxQuery | undefined>;
  /**
   * Parses another text in this file's language: a rewrite of the file that keeps every position (same
   * length, same line breaks), so that the new tree's ranges are the file's (crypto: Rust macro arguments).
   */
  parse(text: string): Promise<FlatTree>;
}

/** A workspace file that is not source code but may configure it (.properties, .env, YAML, JSON, TOML). */
export interface ConfigFile {
  path: string;
  text: string;
}

export interface CheckContext<F> {
  files: readonly FileFacts[];
  /** This analyser's facts per workspace-relative path. */
  facts: ReadonlyMap<string, F>;
  configFiles: readonly ConfigFile[];
  manifest?: Manifest;
}

export interface Analyzer<F = unknown> {
  /** Key under FileFacts.analyzers. */
  name: string;
  languages: readonly LanguageId[];
  collect(ctx: CollectContext): Promise<F | undefined>;
  check(ctx: CheckContext<F>): Finding[];
}
