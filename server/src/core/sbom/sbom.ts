/**
 * CycloneDX 1.6 SBOM of a workspace (issue 7): one component per dependency the package manifests and
 * lockfiles declare (CheckResult.dependencies, with purls), enriched from the manifest's `soup:` list —
 * supplier / manufacturer, purpose, safety class, anomaly list, end of support — the fields FDA 524B and
 * the CRA ask for; plus every soup entry no package file declares (a C library, OpenSSL under Python…).
 */
import { Bom, Component, ComponentRepository, ExternalReference, Metadata, OrganizationalEntity, Property, Tools } from '@cyclonedx/cyclonedx-library/Models';
import { ComponentScope, ComponentType, ExternalReferenceType } from '@cyclonedx/cyclonedx-library/Enums';
import { JsonSerializer, XmlSerializer, JSON as CdxJson, XML as CdxXml } from '@cyclonedx/cyclonedx-library/Serialize';
import { Spec1dot6 } from '@cyclonedx/cyclonedx-library/Spec';
import type { CheckResult } from '../engine/check';
import type { SoupEntry } from '../manifest/model';
import { exactVersion, type Dependency } from '../soup/dependencies';
import { entryNames as soupNamesDependency } from '../soup/rules';
import { xmlChars } from '../xml';

export type SbomFormat = 'cyclonedx-json' | 'cyclonedx-xml';

export interface SbomOptions {
  toolVersion: string;
  /** Fixed in tests for reproducible output; defaults to now. */
  timestamp?: Date;
  /** urn:uuid:…; a random one by default. */
  serialNumber?: string;
}

const P = 'medtrace:';

function soupProperties(c: Component, s: SoupEntry): void {
  if (s.manufacturer) c.supplier = new OrganizationalEntity({ name: s.manufacturer });
  if (s.purpose) c.description = s.purpose;
  const props: [string, string | undefined][] = [
    ['soup', 'true'],
    ['safetyClass', s.safetyClass],
    ['manufacturer', s.manufacturer],
    ['purpose', s.purpose],
    ['anomalyList', s.anomalyList],
    ['endOfSupport', s.endOfSupport],
    ['soupVersion', s.version],
  ];
  for (const [k, v] of props) if (v) c.properties.add(new Property(P + k, String(v)));
  if (s.anomalyList && /^https?:\/\//i.test(s.anomalyList)) c.externalReferences.add(new ExternalReference(s.anomalyList, ExternalReferenceType.Advisories, { comment: 'Anomaly list (IEC 62304 7.1.3)' }));
}

/** One entry per ecosystem + name + exact version; a name known only by a range collapses into one. */
function distinct(deps: readonly Dependency[]): Dependency[] {
  const groups = new Map<string, Dependency[]>();
  for (const d of deps) {
    const k = `${d.ecosystem}:${d.name.toLowerCase()}`;
    groups.set(k, [...(groups.get(k) ?? []), d]);
  }
  const out: Dependency[] = [];
  for (const group of groups.values()) {
    const exact = new Map<string, Dependency>();
    for (const d of group) {
      const v = exactVersion(d);
      if (v && !exact.has(v)) exact.set(v, d);
    }
    if (exact.size) out.push(...exact.values());
    else out.push(group[0]);
  }
  return out;
}

export function buildSbom(r: CheckResult, opts: SbomOptions): Bom {
  const m = r.manifest;
  const bom = new Bom();
  bom.serialNumber = opts.serialNumber ?? `urn:uuid:${globalThis.crypto.randomUUID()}`;
  const system = new Component(ComponentType.Application, m?.system.name || 'workspace', { bomRef: 'medtrace:system' });
  if (m) system.properties.add(new Property(`${P}safetyClass`, m.system.safetyClass));
  const tool = new Component(ComponentType.Application, 'MedTrace', { version: opts.toolVersion, group: 'medtrace', bomRef: 'medtrace:tool' });
  bom.metadata = new Metadata({ timestamp: opts.timestamp ?? new Date(), component: system, tools: new Tools({ components: new ComponentRepository([tool]) }) });

  const soup = m?.soup ?? [];
  const matched = new Set<SoupEntry>();
  const seenRefs = new Set<string>();
  for (const d of distinct(r.dependencies)) {
    const version = exactVersion(d);
    let ref = d.purl;
    for (let i = 2; seenRefs.has(ref); i++) ref = `${d.purl}#${i}`;
    seenRefs.add(ref);
    const c = new Component(ComponentType.Library, d.name, { version, purl: d.purl, bomRef: ref, scope: d.dev ? ComponentScope.Excluded : ComponentScope.Required });
    if (!version && d.versionSpec) c.properties.add(new Property(`${P}versionSpec`, d.versionSpec));
    c.properties.add(new Property(`${P}declaredIn`, d.resolvedFrom ?? d.declaredIn));
    c.properties.add(new Property(`${P}direct`, String(d.direct)));
    const s = soup.find((e) => soupNamesDependency(e, d));
    if (s) {
      matched.add(s);
      soupProperties(c, s);
    }
    bom.components.add(c);
    if (d.direct && !d.dev) system.dependencies.add(c.bomRef);
  }
  for (const s of soup) {
    if (matched.has(s)) continue;
    const purl = typeof s.extra.purl === 'string' ? s.extra.purl : `pkg:generic/${encodeURIComponent(s.name)}${s.version ? `@${encodeURIComponent(s.version)}` : ''}`;
    let ref = `soup:${s.name}`;
    for (let i = 2; seenRefs.has(ref); i++) ref = `soup:${s.name}#${i}`;
    seenRefs.add(ref);
    const c = new Component(ComponentType.Library, s.name, { version: s.version, purl, bomRef: ref, scope: ComponentScope.Required });
    c.properties.add(new Property(`${P}declaredIn`, m?.path ?? 'medtrace.yaml'));
    soupProperties(c, s);
    bom.components.add(c);
    system.dependencies.add(c.bomRef);
  }
  return bom;
}

export function serializeSbom(bom: Bom, format: SbomFormat): string {
  if (format === 'cyclonedx-xml') {
    // The library escapes markup but passes control characters, which XML 1.0 forbids: replaced here.
    return xmlChars(new XmlSerializer(new CdxXml.Normalize.Factory(Spec1dot6)).serialize(bom, { sortLists: true, space: 2 })) + '\n';
  }
  return new JsonSerializer(new CdxJson.Normalize.Factory(Spec1dot6)).serialize(bom, { sortLists: true, space: 2 }) + '\n';
}
