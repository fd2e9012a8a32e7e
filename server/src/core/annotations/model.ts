/** Annotations found in source comments (SPEC 1), with exact ranges for the tag and every id. */
import type { Range } from '../types';

export type TagName = 'implements' | 'mitigates' | 'verifies' | 'unit' | 'untraced';

export const TAG_NAMES: readonly TagName[] = ['implements', 'mitigates', 'verifies', 'unit', 'untraced'];

export interface IdToken {
  id: string;
  range: Range;
}

/** What an annotation covers (SPEC 1 scope rules). */
export type AnnotationScope =
  | { kind: 'file' }
  | { kind: 'declaration'; declaration: number }
  /** A tag before or in code that is no declaration (a global, a statement): counts as a location, covers nothing. */
  | { kind: 'statement'; range: Range };

export interface Annotation {
  tag: TagName;
  /** The `@implements` token. */
  tagRange: Range;
  /** Tag, ids and free text. */
  range: Range;
  ids: IdToken[];
  /** Free text after the ids, or the justification of @untraced. */
  text?: string;
  /** Index of the comment it was found in (FileFacts.comments). */
  comment: number;
  scope: AnnotationScope;
  /** Written in another tool's syntax (policy.interop): 'openfasttrace' | 'lobster' | 'codelinks' | 'strictdoc'. */
  tool?: string;
}

/** `medtrace-ignore RULE-ID: JUSTIFICATION` */
export interface IgnoreDirective {
  ruleId: string;
  ruleRange: Range;
  justification: string;
  range: Range;
  /** The line whose findings it suppresses (0-based). */
  targetLine: number;
}

export interface CommentInfo {
  range: Range;
  /** Python docstring rather than a comment. */
  docstring: boolean;
}

/** Problems in annotations, reported as trace/malformed-annotation. */
export interface AnnotationProblem {
  message: string;
  range: Range;
}
