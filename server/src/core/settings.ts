/**
 * MedTrace settings: one schema with defaults, owned by the core. The language server pulls them per
 * resource from the client; the CLI builds them from flags. package.json `contributes.configuration`
 * is checked against SETTINGS_SCHEMA by a test, so the two never drift.
 */
import type { Severity } from './types';

export type SeverityOverride = Severity | 'off';

export interface Settings {
  /** Manifest path relative to the workspace folder. */
  manifestPath: string;
  /** Per-rule severity overrides, e.g. { "trace/untraced": "error", "crypto/weak-hash": "off" }. */
  severity: Record<string, SeverityOverride>;
  /** Extra globs excluded on top of policy.exclude in the manifest. */
  exclude: string[];
  /** Files larger than this (in KiB) are not analysed; they are reported as medtrace/input-problem. */
  maxFileSizeKb: number;
  crypto: { enable: boolean };
  privacy: { enable: boolean };
  codeLens: { enable: boolean };
  inlayHints: { enable: boolean };
}

interface SettingSpec {
  type: 'string' | 'number' | 'boolean' | 'object' | 'array';
  default: unknown;
  description: string;
  scope: 'resource' | 'window';
  items?: { type: string };
  minimum?: number;
}

/** The schema, keyed by the VS Code setting name (`medtrace.` + dotted path). */
export const SETTINGS_SCHEMA: Record<string, SettingSpec> = {
  'medtrace.manifestPath': { type: 'string', default: 'medtrace.yaml', scope: 'resource', description: 'Path of the MedTrace manifest, relative to the workspace folder.' },
  'medtrace.severity': { type: 'object', default: {}, scope: 'resource', description: 'Severity per rule id: error, warning, information, hint or off. Example: {"trace/untraced": "error"}.' },
  'medtrace.exclude': { type: 'array', items: { type: 'string' }, default: [], scope: 'resource', description: 'Glob patterns (relative to the workspace folder) excluded from analysis, on top of policy.exclude in the manifest.' },
  'medtrace.maxFileSizeKb': { type: 'number', default: 2048, minimum: 1, scope: 'resource', description: 'Files larger than this many KiB are not analysed (reported as medtrace/input-problem).' },
  'medtrace.crypto.enable': { type: 'boolean', default: true, scope: 'resource', description: 'Report weak cryptography (crypto/* rules).' },
  'medtrace.privacy.enable': { type: 'boolean', default: true, scope: 'resource', description: 'Report personal and health data flowing to logs, third parties, URLs and cleartext (privacy/* rules).' },
  'medtrace.codeLens.enable': { type: 'boolean', default: true, scope: 'resource', description: 'Show trace code lenses above traced declarations and manifest entries.' },
  'medtrace.inlayHints.enable': { type: 'boolean', default: true, scope: 'resource', description: 'Show the title of a requirement or risk control after its id in annotations.' },
};

export const DEFAULT_SETTINGS: Settings = fromFlat({});

/** Builds Settings from `medtrace.*` keys (missing or ill-typed values fall back to defaults). */
export function fromFlat(flat: Record<string, unknown>): Settings {
  const get = <T>(key: string, check: (v: unknown) => boolean): T => {
    const v = flat[key];
    return (v !== undefined && check(v) ? v : SETTINGS_SCHEMA[key].default) as T;
  };
  const isStr = (v: unknown) => typeof v === 'string' && v.length > 0;
  const isBool = (v: unknown) => typeof v === 'boolean';
  const isNum = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v > 0;
  const isObj = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
  const isStrArr = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string');
  return {
    manifestPath: get('medtrace.manifestPath', isStr),
    severity: sanitizeSeverity(get<Record<string, unknown>>('medtrace.severity', isObj)),
    exclude: get('medtrace.exclude', isStrArr),
    maxFileSizeKb: get('medtrace.maxFileSizeKb', isNum),
    crypto: { enable: get('medtrace.crypto.enable', isBool) },
    privacy: { enable: get('medtrace.privacy.enable', isBool) },
    codeLens: { enable: get('medtrace.codeLens.enable', isBool) },
    inlayHints: { enable: get('medtrace.inlayHints.enable', isBool) },
  };
}

/** Nested object as VS Code returns for getConfiguration('medtrace') → flat keys. */
export function fromNested(nested: unknown): Settings {
  const flat: Record<string, unknown> = {};
  const walk = (v: unknown, prefix: string) => {
    if (typeof v === 'object' && v !== null && !Array.isArray(v) && !(prefix === 'medtrace.severity')) {
      for (const [k, x] of Object.entries(v)) walk(x, `${prefix}.${k}`);
    } else flat[prefix] = v;
  };
  walk(nested, 'medtrace');
  return fromFlat(flat);
}

const SEVERITIES = new Set(['error', 'warning', 'information', 'hint', 'off']);

function sanitizeSeverity(v: Record<string, unknown>): Record<string, SeverityOverride> {
  const out: Record<string, SeverityOverride> = {};
  for (const [k, s] of Object.entries(v)) if (typeof s === 'string' && SEVERITIES.has(s)) out[k] = s as SeverityOverride;
  return out;
}
