/**
 * A language family: the languages that share one tree-sitter grammar shape (JavaScript, TypeScript and TSX;
 * C and C++). Each family is one module under families/, listed once in families/index.ts; the code model
 * (syntax.ts, names.ts) and both detectors read a file's family from there instead of comparing language
 * names. ARCHITECTURE.md, "Adding a language", lists every step.
 */
import type { LanguageId } from '../language/languages';

export type Family = 'js' | 'py' | 'java' | 'kotlin' | 'cs' | 'go' | 'rust' | 'c' | 'swift';

export function familyOf(id: LanguageId): Family {
  switch (id) {
    case 'javascript':
    case 'typescript':
    case 'tsx':
      return 'js';
    case 'python':
      return 'py';
    case 'java':
      return 'java';
    case 'kotlin':
      return 'kotlin';
    case 'csharp':
      return 'cs';
    case 'go':
      return 'go';
    case 'rust':
      return 'rust';
    case 'c':
    case 'cpp':
      return 'c';
    case 'swift':
      return 'swift';
  }
}

/** The node types of a family's grammar that the code model reads. */
export interface SyntaxTable {
  strings: string[];
  content: string[];
  escape: string[];
  interp: string[];
  numbers: string[];
  idents: string[];
  members: string[];
  calls: string[];
  funcs: string[];
  binary: string[];
  parens: string[];
  conds: string[];
  /** Wrappers whose meaning is their (first or value/operand) inner expression: await, casts, `!`, `?`, `&`. */
  unwrap: string[];
  comments: string[];
  /** Statement-like nodes that end the upward walk for context names. */
  statements: RegExp;
}


export interface LanguageFamily {
  id: Family;
  /** Node types of the family's grammar. */
  syntax: SyntaxTable;
  /**
   * A PascalCase member of a capitalised name may be a field read, not an enum case or nested type
   * (C#'s properties with implicit `this`, Go's exported package variables).
   */
  pascalCaseMembersAreFields?: boolean;
}
