/**
 * The language table (grammars/languages.json): which file extensions MedTrace parses, with which
 * grammar, and how comments are written (for inserted annotations).
 */
import table from '../../../../grammars/languages.json';

export type LanguageId =
  | 'c' | 'cpp' | 'csharp' | 'java' | 'javascript' | 'typescript' | 'tsx' | 'python' | 'go' | 'rust' | 'kotlin' | 'swift';

export interface LanguageInfo {
  id: LanguageId;
  name: string;
  extensions: string[];
  /** File name of the grammar in the wasm folder. */
  wasm: string;
  /** Where the build takes the .wasm from (node_modules-relative), and the package@version: provenance. */
  from: string;
  package: string;
  lineComment: string;
  blockComment?: [string, string];
}

export const LANGUAGES: readonly LanguageInfo[] = table.languages as LanguageInfo[];

const BY_EXTENSION = new Map<string, LanguageInfo>();
for (const l of LANGUAGES) for (const e of l.extensions) BY_EXTENSION.set(e, l);
const BY_ID = new Map<string, LanguageInfo>(LANGUAGES.map((l) => [l.id, l]));

export function languageById(id: string): LanguageInfo | undefined {
  return BY_ID.get(id);
}

/** The language of a path by its extension (case-insensitive); undefined for files MedTrace does not parse. */
export function languageForPath(path: string): LanguageInfo | undefined {
  const slash = path.lastIndexOf('/');
  const dot = path.lastIndexOf('.');
  if (dot <= slash + 0) return undefined;
  return BY_EXTENSION.get(path.slice(dot).toLowerCase());
}

/**
 * C++ written in a `.h` header (a class, a namespace, a template, an access label, `::`): such headers are
 * read with the C++ grammar, as a C++ compiler reads them. Read with C's, their declarations come out of error
 * recovery as calls (`class SHA1 { SHA1(); }` would be OpenSSL's `SHA1()`).
 */
const CPP_IN_HEADER = /^[ \t]*(class[ \t]+\w+[^;\n]*\{|namespace[ \t]+\w*[ \t]*\{|template[ \t]*<|(public|private|protected)[ \t]*:)|\w::~?\w|extern[ \t]+"C\+\+"/m;

/** The language a file's text is in: its extension's, except C++ in a `.h` header. */
export function languageForText(language: LanguageInfo, path: string, text: string): LanguageInfo {
  if (language.id !== 'c' || !/\.h$/i.test(path)) return language;
  return CPP_IN_HEADER.test(text.length > 100_000 ? text.slice(0, 100_000) : text) ? (BY_ID.get('cpp') ?? language) : language;
}

/** VS Code / LSP languageId → MedTrace language (for open documents whose extension says nothing). */
const LSP_LANGUAGE_IDS: Record<string, LanguageId> = {
  c: 'c', cpp: 'cpp', csharp: 'csharp', java: 'java', javascript: 'javascript', javascriptreact: 'javascript',
  typescript: 'typescript', typescriptreact: 'tsx', python: 'python', go: 'go', rust: 'rust', kotlin: 'kotlin', swift: 'swift',
};

export function languageForLspId(lspLanguageId: string): LanguageInfo | undefined {
  const id = LSP_LANGUAGE_IDS[lspLanguageId];
  return id ? BY_ID.get(id) : undefined;
}

export const LSP_LANGUAGE_ID_LIST = Object.keys(LSP_LANGUAGE_IDS);
