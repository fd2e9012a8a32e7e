/**
 * One file → FileFacts. Pure apart from the grammar assets; safe to run in a worker thread.
 * Bad input never throws out of here: binary, huge and minified files come back as SkippedFile,
 * files that are not UTF-8 are analysed with replacement characters and carry a note.
 */
import type { Tree } from 'web-tree-sitter';
import { extractAnnotations } from '../annotations/extract';
import { extractDeclarations } from '../language/declarations';
import type { Grammars } from '../language/grammars';
import { languageById, type LanguageInfo } from '../language/languages';
import { FlatTree } from '../syntax/flatTree';
import { LineIndex } from '../text';
import type { Finding } from '../types';
import { decodeUtf8, looksBinary } from '../workspace/host';
import type { Analyzer } from './analyzer';
import type { FileFacts, SkippedFile } from './fileFacts';

export interface AnalyzeOptions {
  analyzers: readonly Analyzer[];
  /**
   * Analysers not to run here: the file's flat tree and text go into FileFacts.pending instead, for the
   * thread that runs them (completePending). Such analysers must not need the tree-sitter tree.
   */
  defer?: ReadonlySet<string>;
  isTest: boolean;
  /** Files larger than this are skipped (generated code, data dumps). */
  maxFileBytes: number;
}

export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024;

export function parse(grammarsParser: { parse(text: string, old?: Tree | null): Tree | null }, text: string, old?: Tree): Tree {
  const tree = grammarsParser.parse(text, old ?? null);
  if (!tree) throw new Error('tree-sitter returned no tree');
  return tree;
}

/** Why a text should not be parsed, or undefined. Minified bundles have very long lines and no structure to trace. */
export function skipReason(path: string, text: string, byteLength: number, maxFileBytes: number): string | undefined {
  if (byteLength > maxFileBytes) {
    return `file is ${(byteLength / 1048576).toFixed(1)} MB, above the ${(maxFileBytes / 1048576).toFixed(1)} MB limit (generated or data file?); raise medtrace.maxFileSize or exclude it in policy.exclude`;
  }
  if (/\.min\.(js|mjs|cjs|css)$/i.test(path)) return 'minified file (*.min.*); exclude it in policy.exclude to silence this note';
  if (text.length > 20000) {
    let longChars = 0;
    let start = 0;
    for (let i = 0; i <= text.length; i++) {
      if (i === text.length || text.charCodeAt(i) === 10) {
        if (i - start > 1000) longChars += i - start;
        start = i + 1;
      }
    }
    if (longChars > text.length * 0.5) return 'looks minified or generated (most of it on lines over 1,000 characters); exclude it in policy.exclude to silence this note';
  }
  return undefined;
}

export function inputNote(path: string, message: string, line = 0): Finding {
  return {
    ruleId: 'medtrace/input-problem',
    severity: 'information',
    message,
    path,
    range: { start: { line, character: 0 }, end: { line, character: 0 } },
  };
}

export async function analyzeBytes(
  grammars: Grammars,
  path: string,
  language: LanguageInfo,
  bytes: Uint8Array,
  options: AnalyzeOptions,
): Promise<FileFacts | SkippedFile> {
  if (bytes.length > options.maxFileBytes) return { path, reason: skipReason(path, '', bytes.length, options.maxFileBytes)! };
  if (looksBinary(bytes)) return { path, reason: 'binary file (contains NUL bytes) with a source-file extension' };
  const { text, valid } = decodeUtf8(bytes);
  const facts = await analyzeText(grammars, path, language, text, options, bytes.length);
  if ('reason' in facts) return facts;
  if (!valid) facts.notes.push(inputNote(path, 'File is not valid UTF-8: invalid bytes were read as U+FFFD; save it as UTF-8 so positions and annotations are exact.'));
  return facts;
}

export async function analyzeText(
  grammars: Grammars,
  path: string,
  language: LanguageInfo,
  text: string,
  options: AnalyzeOptions,
  byteLength = Buffer.byteLength(text, 'utf8'),
  oldTree?: Tree,
): Promise<FileFacts | SkippedFile> {
  const reason = skipReason(path, text, byteLength, options.maxFileBytes);
  if (reason) return { path, reason };
  const parser = await grammars.parser(language.id);
  const tree = parse(parser, text, oldTree);
  try {
    return await factsFromTree(grammars, tree, path, language, text, options, byteLength);
  } finally {
    tree.delete();
  }
}

export async function factsFromTree(
  grammars: Grammars,
  tree: Tree,
  path: string,
  language: LanguageInfo,
  text: string,
  options: AnalyzeOptions,
  byteLength: number,
): Promise<FileFacts> {
  const lines = new LineIndex(text);
  // Everything after the parse reads this JavaScript copy of the tree (see core/syntax/flatTree.ts).
  const flat = FlatTree.from(tree, lines);
  const declarations = extractDeclarations(flat, await grammars.syntaxQuery(language.id, 'tags'), language.id, path);
  const ex = extractAnnotations(flat, await grammars.syntaxQuery(language.id, 'comments'), declarations, lines, options.isTest);
  const facts: FileFacts = {
    path,
    languageId: language.id,
    isTest: options.isTest,
    lineCount: lines.lineCount,
    byteLength,
    comments: ex.comments,
    declarations,
    annotations: ex.annotations,
    ignores: ex.ignores,
    problems: ex.problems,
    analyzers: {},
    notes: [],
  };
  let deferred: string[] | undefined;
  const here: Analyzer[] = [];
  for (const a of options.analyzers) {
    if (!a.languages.includes(language.id)) continue;
    if (options.defer?.has(a.name)) (deferred ??= []).push(a.name);
    else here.push(a);
  }
  await runAnalyzers(grammars, facts, here, language, flat, lines);
  if (deferred) facts.pending = { analyzers: deferred, text, tree: flat.data() };
  return facts;
}

/** Runs the analysers on one file's flat tree and stores their facts (a failure becomes a note, not a crash). */
async function runAnalyzers(grammars: Grammars, facts: FileFacts, analyzers: readonly Analyzer[], language: LanguageInfo, flat: FlatTree, lines: LineIndex): Promise<void> {
  const { path, isTest } = facts;
  for (const a of analyzers) {
    try {
      const f = await a.collect({
        path,
        language,
        syntax: flat,
        lines,
        isTest,
        query: async (name) => (grammars.hasQuery(language.id, name) ? grammars.syntaxQuery(language.id, name) : undefined),
        parse: async (text) => {
          const tree = parse(await grammars.parser(language.id), text);
          try {
            const copy = new LineIndex(text);
            // Without the tree-sitter tree, which is deleted here.
            return FlatTree.fromData(copy, tree.language, FlatTree.from(tree, copy).data());
          } finally {
            tree.delete();
          }
        },
      });
      if (f !== undefined) facts.analyzers[a.name] = f;
    } catch (e) {
      // A detector bug must not cost the user the rest of the analysis; say it instead.
      facts.notes.push(inputNote(path, `The ${a.name} analysis failed on this file (${(e as Error).message}); other checks ran. Please report this.`));
    }
  }
}

/** Runs the analysers another thread deferred (AnalyzeOptions.defer) on the tree it sent, and drops the tree. */
export async function completePending(grammars: Grammars, facts: FileFacts, analyzers: readonly Analyzer[]): Promise<void> {
  const p = facts.pending;
  if (!p) return;
  delete facts.pending;
  const language = languageById(facts.languageId);
  if (!language) {
    facts.notes.push(inputNote(facts.path, `The ${p.analyzers.join(', ')} analysis did not run on this file (unknown language ${facts.languageId}); other checks ran. Please report this.`));
    return;
  }
  const lines = new LineIndex(p.text);
  const flat = FlatTree.fromData(lines, await grammars.language(language.id), p.tree);
  await runAnalyzers(grammars, facts, analyzers.filter((a) => p.analyzers.includes(a.name)), language, flat, lines);
}
