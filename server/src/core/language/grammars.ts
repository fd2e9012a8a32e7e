/**
 * Loads tree-sitter grammars lazily (first use of a language) and compiles each query file once.
 * Assets (the .wasm files and the .scm queries) are located through paths handed in by the front end,
 * so the same core runs from the repository, from dist/ and from an installed .vsix.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Language, Parser, Query } from 'web-tree-sitter';
import { registerTreeSitterModule } from '../syntax/treeReader';
import { FlatQuery, treeSitterQuery, UnsupportedQuery, type SyntaxQuery } from '../syntax/query';
import { LanguageId, languageById, LanguageInfo } from './languages';

export interface GrammarAssets {
  /** Folder holding web-tree-sitter.wasm and every grammar .wasm named in the language table. */
  wasmDir: string;
  /** Folder holding <language>/<name>.scm query files. */
  queryDir: string;
}

let runtimeReady: Promise<void> | undefined;

/** A compiled WebAssembly module (a grammar or the runtime). Posted to a worker thread, its code is shared. */
export type CompiledGrammar = Parameters<typeof Language.loadSync>[0];

/** Compiled modules handed from one thread to another: the runtime and the grammars by language. */
export interface SharedGrammars {
  runtime: CompiledGrammar;
  languages: [LanguageId, CompiledGrammar][];
}

/** Node's WebAssembly global; the project's TypeScript libs (ES2022, no DOM) do not declare it. */
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => CompiledGrammar;
  Instance: new (module: CompiledGrammar, imports: object) => object;
};

const RUNTIME_WASM = 'web-tree-sitter.wasm';

export class Grammars {
  private readonly languages = new Map<LanguageId, Promise<Language>>();
  private readonly queries = new Map<string, Promise<Query>>();
  private readonly syntaxQueries = new Map<string, Promise<SyntaxQuery>>();
  private readonly queryExists = new Map<string, boolean>();
  private readonly parsers = new Map<LanguageId, Parser>();
  private readonly modules = new Map<LanguageId, CompiledGrammar>();
  private runtime?: CompiledGrammar;

  /** `shared`: modules compiled by another thread of this process (a worker gets the main thread's). */
  constructor(
    readonly assets: GrammarAssets,
    shared?: SharedGrammars,
  ) {
    this.runtime = shared?.runtime;
    for (const [id, m] of shared?.languages ?? []) this.modules.set(id, m);
  }

  /** The compiled runtime and grammars for these languages, to give to worker threads. */
  share(ids: Iterable<LanguageId>): SharedGrammars {
    return { runtime: this.compiledRuntime(), languages: [...new Set(ids)].map((id) => [id, this.compiled(id)]) };
  }

  private compiledRuntime(): CompiledGrammar {
    this.runtime ??= new WebAssembly.Module(fs.readFileSync(path.join(this.assets.wasmDir, RUNTIME_WASM)));
    return this.runtime;
  }

  /**
   * The compiled grammar. Compiled synchronously: V8 then compiles functions lazily on first use, where
   * Language.load's asynchronous instantiation compiles the whole module up front (seconds for the large
   * grammars, C# 2.7 s here, stalling everything queued behind it). Threads that share one compiled module
   * also share its optimised code, so workers do not each tier up the parser again.
   */
  compiled(id: LanguageId): CompiledGrammar {
    let m = this.modules.get(id);
    if (!m) {
      m = new WebAssembly.Module(fs.readFileSync(path.join(this.assets.wasmDir, requireLanguage(id).wasm)));
      this.modules.set(id, m);
    }
    return m;
  }

  private init(): Promise<void> {
    if (!runtimeReady) {
      // Emscripten turns this options object into the module itself; the fast tree reader needs it. The
      // runtime is instantiated synchronously from a compiled module (lazy compilation, shareable with
      // workers) instead of Emscripten's asynchronous, compile-everything-first default.
      const runtime = this.compiledRuntime();
      const options = {
        locateFile: (name: string) => path.join(this.assets.wasmDir, name),
        instantiateWasm: (imports: object, receive: (instance: object, module: CompiledGrammar) => void) => {
          receive(new WebAssembly.Instance(runtime, imports), runtime);
          return {};
        },
      };
      runtimeReady = Parser.init(options).then(() => registerTreeSitterModule(Parser, options));
    }
    return runtimeReady;
  }

  language(id: LanguageId): Promise<Language> {
    let p = this.languages.get(id);
    if (!p) {
      p = this.init().then(() => Language.loadSync(this.compiled(id)));
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

  /**
   * The query grammars/<id>/<name>.scm to run on a FlatTree: evaluated in JavaScript when it stays within
   * the subset core/syntax/query.ts implements, else through web-tree-sitter (same results, slower). Cached.
   */
  syntaxQuery(id: LanguageId, name: string): Promise<SyntaxQuery> {
    const key = `${id}/${name}`;
    let q = this.syntaxQueries.get(key);
    if (!q) {
      q = this.language(id).then(async (lang) => {
        try {
          return new FlatQuery(lang, this.querySource(id, name));
        } catch (e) {
          if (!(e instanceof UnsupportedQuery)) throw e;
          return treeSitterQuery(await this.query(id, name));
        }
      });
      this.syntaxQueries.set(key, q);
    }
    return q;
  }

  /** True when grammars/<id>/<name>.scm (or an inherited one) exists. Cached: asked once per file. */
  hasQuery(id: LanguageId, name: string): boolean {
    const key = `${id}/${name}`;
    let has = this.queryExists.get(key);
    if (has === undefined) {
      has = fs.existsSync(path.join(this.assets.queryDir, id, `${name}.scm`));
      this.queryExists.set(key, has);
    }
    return has;
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
