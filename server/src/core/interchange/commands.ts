/**
 * `medtrace import …` and `medtrace export …` (ReqIF, CSV): the command logic over an injected IO, so the CLI
 * only wires Node's fs and zlib in. Imports write a YAML file of manifest entries that medtrace.yaml includes;
 * they never overwrite a file unless asked (--force).
 */
import * as nodePath from 'path';
import type { ManifestLoadResult } from '../manifest/model';
import { exportCsv, importCsv, type CsvKind } from './csv';
import { manifestFragment, plainRequirements, plainRisks } from './model';
import { exportReqif, parseReqif, ReqifError } from './reqif';
import { readZip, writeStoredZip, ZipError, type InflateRaw } from './zip';

export class CommandError extends Error {
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
  }
}

export interface InterchangeIo {
  cwd: string;
  readFile(abs: string): Uint8Array;
  exists(abs: string): boolean;
  /** Is anything at the path, a dangling symlink included (links are not followed)? */
  taken(abs: string): boolean;
  /**
   * Creates parent folders and replaces the file atomically; never writes through a symlink. With
   * `confineTo`, refuses a folder whose real path is outside it (default outputs stay in the workspace).
   */
  writeFile(abs: string, data: string | Uint8Array, opts?: { confineTo?: string }): void;
  stdout(s: string): void;
  stderr(s: string): void;
  inflateRaw: InflateRaw;
  deflateRaw: (d: Uint8Array) => Uint8Array;
  loadManifest(rootAbs: string, manifestPath?: string): Promise<ManifestLoadResult>;
  now(): string;
  version: string;
}

export interface InterchangeArgs {
  positionals: string[];
  flags: Record<string, string | true>;
}

const FORMATS = ['reqif', 'csv'] as const;

function flag(args: InterchangeArgs, name: string): string | undefined {
  const v = args.flags[name];
  return typeof v === 'string' ? v : undefined;
}

function csvKind(args: InterchangeArgs): CsvKind {
  const k = flag(args, 'kind') ?? 'requirements';
  if (k !== 'requirements' && k !== 'risks') throw new CommandError('medtrace: --kind must be one of requirements, risks', 2);
  return k;
}

function format(args: InterchangeArgs, verb: string): 'reqif' | 'csv' {
  const f = args.positionals[0];
  if (!f) throw new CommandError(`medtrace: '${verb}' needs a format: ${FORMATS.map((x) => `medtrace ${verb} ${x} …`).join(' or ')}`, 2);
  if (!(FORMATS as readonly string[]).includes(f)) throw new CommandError(`medtrace: unknown ${verb} format '${f}' (use ${FORMATS.join(' or ')})`, 2);
  return f as 'reqif' | 'csv';
}

function decode(bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new CommandError(`medtrace: ${file} is not UTF-8 text; export it as UTF-8.`, 2);
  }
}

export async function runImport(args: InterchangeArgs, io: InterchangeIo): Promise<number> {
  const fmt = format(args, 'import');
  const file = args.positionals[1];
  if (!file) throw new CommandError(`medtrace: import ${fmt} needs the file to read: medtrace import ${fmt} FILE`, 2);
  const abs = nodePath.resolve(io.cwd, file);
  if (!io.exists(abs)) throw new CommandError(`medtrace: file not found: ${abs}`, 2);
  const bytes = io.readFile(abs);
  let yamlText: string;
  let count: number;
  let warnings: string[];
  let section: 'requirements' | 'risks' = 'requirements';
  let ids: string[] = [];
  const source = nodePath.basename(abs);
  if (fmt === 'reqif') {
    if (/\.reqifz$/i.test(abs) || (bytes[0] === 0x50 && bytes[1] === 0x4b)) {
      let entries;
      try {
        // Only the .reqif entries are unpacked; images and attachments are never inflated.
        entries = readZip(bytes, io.inflateRaw, { want: (name) => /\.reqif$/i.test(name) });
      } catch (e) {
        throw new CommandError(`medtrace: cannot read ${abs} as a .reqifz archive: ${(e as Error).message}`, 2);
      }
      const reqifs = entries.filter((e) => /\.reqif$/i.test(e.name));
      if (!reqifs.length) throw new CommandError(`medtrace: ${abs} holds no .reqif file`, 2);
      if (reqifs.length > 1) io.stderr(`medtrace: ${abs} holds ${reqifs.length} .reqif files; importing all of them.\n`);
      const all = reqifs.map((e) => parse(decode(e.data, `${source}!${e.name}`), args));
      const merged = all.flatMap((r) => r.entries);
      warnings = all.flatMap((r) => r.warnings);
      const seen = new Set<string>();
      const entriesOut = merged.filter((r) => (seen.has(r.id) ? (warnings.push(`duplicate id ${r.id} across files; the first one is kept.`), false) : (seen.add(r.id), true)));
      count = entriesOut.length;
      ids = entriesOut.map((e) => e.id);
      yamlText = manifestFragment('requirements', entriesOut, header(source, io, all[0]?.sourceTool));
    } else {
      const r = parse(decode(bytes, source), args);
      warnings = r.warnings;
      count = r.entries.length;
      ids = r.entries.map((e) => e.id);
      yamlText = manifestFragment('requirements', r.entries, header(source, io, r.sourceTool));
    }
  } else {
    section = csvKind(args);
    let r;
    try {
      r = importCsv(decode(bytes, source), section);
    } catch (e) {
      throw new CommandError(`medtrace: ${source}: ${(e as Error).message}`, 2);
    }
    warnings = r.warnings;
    count = r.entries.length;
    ids = r.entries.map((e) => e.id);
    yamlText = manifestFragment(section, r.entries, header(source, io));
  }
  const explicit = flag(args, 'output');
  const out = nodePath.resolve(io.cwd, explicit ?? `${section}/imported.yaml`);
  if (io.taken(out) && !args.flags.force) throw new CommandError(`medtrace: ${out} exists; use --force to overwrite it (or --output to write elsewhere).`, 2);
  for (const w of warnings) io.stderr(`medtrace: ${w}\n`);
  io.writeFile(out, yamlText, explicit ? {} : { confineTo: io.cwd });
  io.stdout(`medtrace: imported ${count} ${section === 'risks' ? 'risks' : 'requirements'} from ${source} into ${nodePath.relative(io.cwd, out) || out}.\n`);
  await adviseInclude(out, ids, args, io);
  return 0;
}

function parse(xml: string, args: InterchangeArgs): ReturnType<typeof parseReqif> {
  try {
    return parseReqif(xml, {
      idAttr: flag(args, 'id-attr'),
      titleAttr: flag(args, 'title-attr'),
      textAttr: flag(args, 'text-attr'),
      kindAttr: flag(args, 'kind-attr'),
      idPrefix: flag(args, 'id-prefix'),
    });
  } catch (e) {
    if (e instanceof ReqifError) throw new CommandError(`medtrace: cannot import: ${e.message}`, 2);
    throw e;
  }
}

function header(source: string, io: InterchangeIo, tool?: string): string {
  return `Imported by MedTrace ${io.version} from ${source}${tool ? ` (${tool})` : ''} on ${io.now().slice(0, 10)}.\nmedtrace.yaml pulls this file in with include:; edit it here or re-import with --force.`;
}

/** Says whether the manifest already includes the written file, and how to include it when not. */
async function adviseInclude(outAbs: string, ids: readonly string[], args: InterchangeArgs, io: InterchangeIo): Promise<void> {
  const manifestAbs = nodePath.resolve(io.cwd, flag(args, 'manifest') ?? 'medtrace.yaml');
  if (!io.exists(manifestAbs)) {
    io.stdout(`medtrace: no ${nodePath.relative(io.cwd, manifestAbs)} here; run "medtrace init", then add the file to its include: list.\n`);
    return;
  }
  const root = nodePath.dirname(manifestAbs);
  const load = await io.loadManifest(root, manifestAbs);
  const rel = nodePath.relative(root, outAbs).split(nodePath.sep).join('/');
  const m = load.manifest;
  if (m) {
    const elsewhere = new Map<string, string>();
    for (const e of [...m.requirements, ...m.risks, ...m.riskControls, ...m.units]) if (e.location.path !== rel) elsewhere.set(e.id, e.location.path);
    const clash = ids.filter((id) => elsewhere.has(id));
    if (clash.length) {
      io.stderr(`medtrace: warning: ${clash.length} imported id(s) are already declared elsewhere in the manifest (${clash.slice(0, 5).map((id) => `${id} in ${elsewhere.get(id)}`).join(', ')}${clash.length > 5 ? ', …' : ''}); once included they are duplicates: remove one of each.\n`);
    }
  }
  if (load.manifest?.files.includes(rel)) {
    io.stdout(`medtrace: ${nodePath.basename(manifestAbs)} already includes ${rel}.\n`);
    return;
  }
  io.stdout(`medtrace: add it to ${nodePath.basename(manifestAbs)} so checks see it:\n\n  include:\n    - ${rel}\n\n`);
}

export async function runExport(args: InterchangeArgs, io: InterchangeIo): Promise<number> {
  const fmt = format(args, 'export');
  const dir = nodePath.resolve(io.cwd, args.positionals[1] ?? '.');
  const manifestFlag = flag(args, 'manifest');
  const manifestAbs = manifestFlag ? nodePath.resolve(io.cwd, manifestFlag) : nodePath.join(dir, 'medtrace.yaml');
  if (!io.exists(manifestAbs)) throw new CommandError(`medtrace: manifest not found: ${manifestAbs}`, 2);
  const load = await io.loadManifest(dir, manifestAbs);
  const m = load.manifest;
  if (!m || load.fatal) {
    const f = load.findings[0];
    throw new CommandError(`medtrace: the manifest cannot be loaded${f ? `: ${f.path}:${f.range.start.line + 1} ${f.message}` : ''}`, 2);
  }
  for (const f of load.findings) if (f.severity === 'error') io.stderr(`medtrace: warning: ${f.path}:${f.range.start.line + 1}: ${f.message}\n`);
  const output = flag(args, 'output');
  let data: string | Uint8Array;
  if (fmt === 'reqif') {
    const xml = exportReqif(plainRequirements(m), { title: m.system.name ? `${m.system.name} software requirements` : 'Software requirements', now: io.now(), toolVersion: io.version });
    data = output && /\.reqifz$/i.test(output) ? writeStoredZip([{ name: nodePath.basename(output).replace(/z$/i, ''), data: new TextEncoder().encode(xml) }], io.deflateRaw) : xml;
  } else {
    const kind = csvKind(args);
    data = exportCsv(kind === 'requirements' ? plainRequirements(m) : plainRisks(m), kind);
  }
  if (output) {
    const abs = nodePath.resolve(io.cwd, output);
    io.writeFile(abs, data);
    const n = fmt === 'csv' && csvKind(args) === 'risks' ? `${m.risks.length} risks` : `${m.requirements.length} requirements`;
    io.stderr(`medtrace: ${n} written to ${output}\n`);
  } else io.stdout(typeof data === 'string' ? data : new TextDecoder().decode(data));
  return 0;
}

export { ZipError };
