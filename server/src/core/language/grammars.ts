/**
 * Loads tree-sitter grammars lazily (first use of a language) and compiles each query file once.
 * Assets (the .wasm files and the .scm queries) are located through paths handed in by the front end,
 * so the same core runs from the repository, from dist/ and from an installed .vsix.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Language, Parser, Query } from 'web-tree-sitter';
import { LanguageId, languageById, LanguageInfo } from './languages';

export interface GrammarAssets {
  /** Folder holding web-tree-sitter.wasm and every grammar .wasm named in the language table. */
  wasmDir: string;
  /** Folder holding <language>/<name>.scm query files. */
  queryDir: string;
}

let runtimeReady: Promise<void> | undefined;

export class Grammars {
  private readonly languages = new Map<LanguageId, Promise<Language>>();
  private readonly queries = new Map<string, Promise<Query>>();
  private readonly parsers = new Map<LanguageId, Parser>();

  constructor(readonly assets: GrammarAssets) {}

  private init(): Promise<void> {
    runtimeReady ??= Parser.init({
      locateFile: (name: string) => path.join(this.assets.wasmDir, name),
    });
    return runtimeReady;
  }

  language(id: LanguageId): Promise<Language> {
    let p = this.languages.get(id);
    if (!p) {
      const info = requireLanguage(id);
      p = this.init().then(() => Language.load(path.join(this.assets.wasmDir, info.wasm)));
      this.languages.set(id, p);
    }
    return p;
  }

  /** A parser bound to the language, reused across files (parsing is synchronous, so sharing is safe). */
  async parser(id: LanguageId): Promise<Parser> {
    const lang = await this.language(id);
    let parser = this.parsers.get(id);
    if (!parser) {
      parser = new Parser();
      parser.setLanguage(lang);
      this.parsers.set(id, parser);
    }
    return parser;
  }

  /** The compiled query grammars/<id>/<name>.scm (with `; inherits: other` lines resolved); cached. */
  query(id: LanguageId, name: string): Promise<Query> {
    const key = `${id}/${name}`;
    let q = this.queries.get(key);
    if (!q) {
      q = this.language(id).then((lang) => new Query(lang, this.querySource(id, name)));
      this.queries.set(key, q);
    }
    return q;
  }

  /** True when grammars/<id>/<name>.scm (or an inherited one) exists. */
  hasQuery(id: LanguageId, name: string): boolean {
    return fs.existsSync(path.join(this.assets.queryDir, id, `${name}.scm`));
  }

  /** Query text with `; inherits: a, b` resolved by prepending the parents' text of the same name. */
  querySource(id: string, name: string, seen: Set<string> = new Set()): string {
    if (seen.has(id)) throw new Error(`query inheritance loop at ${id}/${name}.scm`);
    seen.add(id);
    const file = path.join(this.assets.queryDir, id, `${name}.scm`);
    if (!fs.existsSync(file)) return '';
    const own = fs.readFileSync(file, 'utf8');
    const m = /^;\s*inherits:\s*(.+)$/m.exec(own);
    const parents = m ? m[1].split(',').map((s) => s.trim()).filter(Boolean) : [];
    return [...parents.map((p) => this.querySource(p, name, seen)), own].join('\n');
  }
}

function requireLanguage(id: LanguageId): LanguageInfo {
  const info = languageById(id);
  if (!info) throw new Error(`unknown language ${id}`);
  return info;
}
