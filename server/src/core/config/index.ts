/**
 * Configuration value index: the key → value pairs of the workspace's configuration files, so that
 * analysers can resolve values code reads by key (java.util.Properties.getProperty, Spring @Value,
 * os.environ / process.env, config.get…). Parses .properties, .env, YAML, JSON, TOML and INI-style
 * files into flat dotted keys, keeping where each value was written.
 *
 * Lookups are exact first, then relaxed the way Spring Boot and dotenv users expect: `CRYPTO_ALG`,
 * `crypto.alg`, `crypto-alg` and `cryptoAlg` name the same key. Owned by the crypto analyser; the
 * privacy analyser may reuse it.
 */
import { parse as parseToml } from 'smol-toml';
import { parseAllDocuments } from 'yaml';
import type { ConfigFile } from '../engine/analyzer';

export type ConfigScalar = string | number | boolean;

export interface ConfigEntry {
  key: string;
  value: ConfigScalar;
  path: string;
  /** 0-based line of the key (best effort for YAML/JSON/TOML). */
  line: number;
  /** The file is an environment file (.env*). */
  env: boolean;
}

const PER_FILE = new WeakMap<ConfigFile, ConfigIndex>();

export class ConfigIndex {
  private readonly exact = new Map<string, ConfigEntry[]>();
  private readonly relaxed = new Map<string, ConfigEntry[]>();
  readonly problems: { path: string; message: string }[] = [];

  constructor(files: readonly ConfigFile[] = []) {
    for (const f of files) this.merge(ConfigIndex.forFile(f));
  }

  /**
   * One file's entries, parsed once per ConfigFile object: the language server hands the same objects
   * to every re-check while their text is unchanged, so an edit elsewhere re-parses no configuration.
   */
  static forFile(f: ConfigFile): ConfigIndex {
    let ix = PER_FILE.get(f);
    if (!ix) {
      ix = new ConfigIndex();
      ix.addFile(f);
      PER_FILE.set(f, ix);
    }
    return ix;
  }

  private merge(o: ConfigIndex): void {
    for (const [from, to] of [[o.exact, this.exact], [o.relaxed, this.relaxed]] as const) {
      for (const [k, v] of from) {
        const have = to.get(k);
        if (have) have.push(...v);
        else to.set(k, [...v]);
      }
    }
    this.problems.push(...o.problems);
  }

  get size(): number {
    return this.exact.size;
  }

  addFile(f: ConfigFile): void {
    const lower = f.path.toLowerCase();
    const base = lower.slice(lower.lastIndexOf('/') + 1);
    try {
      if (/^\.env(\.|$)/.test(base) || base.endsWith('.env')) this.addEnv(f);
      else if (base.endsWith('.properties')) this.addProperties(f);
      else if (/\.ya?ml$/.test(base)) this.addTree(f, parseYaml(f.text));
      else if (base.endsWith('.json')) this.addTree(f, JSON.parse(stripJsonComments(f.text)));
      else if (base.endsWith('.toml')) this.addTree(f, parseToml(f.text));
      else if (/\.(ini|cfg|conf)$/.test(base)) this.addIni(f);
    } catch (e) {
      this.problems.push({ path: f.path, message: (e as Error).message });
    }
  }

  /** Entries for a key: exact match first, else the relaxed form. */
  lookup(key: string, opts: { env?: boolean } = {}): ConfigEntry[] {
    let hits = this.exact.get(key) ?? [];
    if (!hits.length) {
      hits = this.relaxed.get(relax(key)) ?? [];
      // Spring-style placeholders: ${crypto.alg:MD5} keys are looked up without the default.
    }
    if (opts.env) {
      const envHits = hits.filter((h) => h.env);
      if (envHits.length) return envHits;
    }
    return hits;
  }

  /** All distinct values of a key, or undefined when the key is nowhere. */
  values(key: string, opts: { env?: boolean } = {}): ConfigEntry[] | undefined {
    const hits = this.lookup(key, opts);
    if (!hits.length) return undefined;
    const seen = new Set<string>();
    return hits.filter((h) => {
      const k = String(h.value);
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  }

  private add(e: ConfigEntry): void {
    push(this.exact, e.key, e);
    push(this.relaxed, relax(e.key), e);
  }

  private addEnv(f: ConfigFile): void {
    const lines = f.text.split(/\r?\n/);
    lines.forEach((raw, line) => {
      const m = /^\s*(?:export\s+)?([A-Za-z_][\w.-]*)\s*=\s*(.*)$/.exec(raw);
      if (!m) return;
      let v = m[2].trim();
      const q = /^(['"])(.*)\1\s*(#.*)?$/.exec(v);
      if (q) v = q[1] === '"' ? q[2].replace(/\\n/g, '\n').replace(/\\"/g, '"') : q[2];
      else v = v.replace(/\s+#.*$/, '');
      this.add({ key: m[1], value: v, path: f.path, line, env: true });
    });
  }

  private addProperties(f: ConfigFile): void {
    const lines = f.text.split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
      const start = i;
      let raw = lines[i];
      if (/^\s*[#!]/.test(raw) || !raw.trim()) continue;
      while (/(^|[^\\])(\\\\)*\\$/.test(raw) && i + 1 < lines.length) raw = raw.slice(0, -1) + lines[++i].replace(/^\s+/, '');
      const m = /^\s*((?:\\.|[^=:\s\\])+)\s*[=:\s]\s*(.*)$/.exec(raw);
      if (!m) continue;
      const key = m[1].replace(/\\(.)/g, '$1');
      const value = m[2].replace(/\\u([0-9a-fA-F]{4})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))).replace(/\\(.)/g, '$1');
      this.add({ key, value, path: f.path, line: start, env: false });
    }
  }

  private addIni(f: ConfigFile): void {
    let section = '';
    f.text.split(/\r?\n/).forEach((raw, line) => {
      const s = /^\s*\[([^\]]+)\]\s*$/.exec(raw);
      if (s) {
        section = s[1].trim();
        return;
      }
      const m = /^\s*([^#;=:\s][^=:]*?)\s*[=:]\s*(.*)$/.exec(raw);
      if (!m) return;
      const value = m[2].replace(/\s+[#;].*$/, '').replace(/^(['"])(.*)\1$/, '$2');
      this.add({ key: section ? `${section}.${m[1]}` : m[1], value, path: f.path, line, env: false });
      if (section) this.add({ key: m[1], value, path: f.path, line, env: false });
    });
  }

  private addTree(f: ConfigFile, tree: unknown): void {
    const lines = f.text.split(/\r?\n/);
    const lineOf = (leaf: string, from: number): number => {
      for (let i = from; i < lines.length; i++) if (lines[i].includes(leaf)) return i;
      return 0;
    };
    let cursor = 0;
    const walk = (v: unknown, prefix: string, depth: number) => {
      if (depth > 12) return;
      if (v === null || v === undefined) return;
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') {
        const leaf = prefix.slice(prefix.lastIndexOf('.') + 1);
        const line = lineOf(leaf, cursor);
        cursor = line;
        this.add({ key: prefix, value: v, path: f.path, line, env: false });
        return;
      }
      if (Array.isArray(v)) {
        v.slice(0, 200).forEach((x, i) => walk(x, `${prefix}[${i}]`, depth + 1));
        return;
      }
      if (typeof v === 'object') {
        for (const [k, x] of Object.entries(v as Record<string, unknown>)) walk(x, prefix ? `${prefix}.${k}` : k, depth + 1);
      }
    };
    walk(tree, '', 0);
  }
}

function push(m: Map<string, ConfigEntry[]>, k: string, e: ConfigEntry): void {
  let l = m.get(k);
  if (!l) m.set(k, (l = []));
  l.push(e);
}

/** Relaxed key: lower case, separators dropped (CRYPTO_ALG ≡ crypto.alg ≡ crypto-alg ≡ cryptoAlg). */
export function relax(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9[\]]/g, '');
}

function parseYaml(text: string): unknown {
  const docs = parseAllDocuments(text, { prettyErrors: false });
  const list = Array.isArray(docs) ? docs : [docs];
  if (list.length === 1) return list[0].toJSON();
  // Multi-document YAML (Spring profiles, Kubernetes): merge, later documents win.
  const out: Record<string, unknown> = {};
  for (const d of list) {
    const j = d.toJSON();
    if (j && typeof j === 'object' && !Array.isArray(j)) Object.assign(out, j);
  }
  return out;
}

function stripJsonComments(text: string): string {
  // JSON with comments (tsconfig, VS Code settings): drop // and /* */ outside strings.
  if (!/\/[/*]/.test(text)) return text;
  let out = '';
  let inStr = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inStr) {
      out += ch;
      if (ch === '\\') out += text[++i] ?? '';
      else if (ch === '"') inStr = false;
    } else if (ch === '"') {
      inStr = true;
      out += ch;
    } else if (ch === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (ch === '/' && text[i + 1] === '*') {
      i += 2;
      while (i < text.length && !(text[i] === '*' && text[i + 1] === '/')) i++;
      i++;
    } else out += ch;
  }
  return out.replace(/,(\s*[}\]])/g, '$1');
}
