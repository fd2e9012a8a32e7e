/** What the core knows about one file after parsing it: plain data, computed in a worker or in-process. */
import type { Annotation, AnnotationProblem, CommentInfo, IgnoreDirective } from '../annotations/model';
import type { Declaration } from '../language/declarations';
import type { LanguageId } from '../language/languages';
import type { Finding } from '../types';
import type { FlatTreeData } from '../syntax/flatTree';

export interface FileFacts {
  path: string;
  languageId: LanguageId;
  isTest: boolean;
  lineCount: number;
  byteLength: number;
  comments: CommentInfo[];
  declarations: Declaration[];
  annotations: Annotation[];
  ignores: IgnoreDirective[];
  problems: AnnotationProblem[];
  /** Facts of each analyser (crypto, privacy), by analyser name. */
  analyzers: Record<string, unknown>;
  /** Findings about the file itself (invalid encoding, parse trouble) that do not come from a rule's check. */
  notes: Finding[];
  /**
   * Only between an analysis worker and the thread that runs its deferred analysers (node/workerRunner.ts):
   * the analysers still to run and what they need. Completed and removed before any check sees the facts.
   */
  pending?: PendingAnalysis;
}

export interface PendingAnalysis {
  analyzers: string[];
  text: string;
  tree: FlatTreeData;
}

/** A file in scope that was not analysed, and why (reported as medtrace/input-problem). */
export interface SkippedFile {
  path: string;
  reason: string;
}
