/**
 * The manifest (SPEC 2) as the core sees it once loaded: every id and every field keeps the location
 * it was written at, so findings, hover, definition and rename point at the exact text.
 */
import type { Finding, Location } from '../types';

export type SafetyClass = 'A' | 'B' | 'C';
export type RequirementKind = 'functional' | 'safety' | 'security' | 'privacy' | 'performance' | 'usability';
export type ControlType = 'inherent' | 'protective' | 'information';

/** A reference to an id from inside the manifest (derivedFrom, controls, requirements). */
export interface IdRef {
  id: string;
  location: Location;
}

export interface ManifestEntry {
  id: string;
  /** Location of the id's value (the text `SRS-042`). */
  idLocation: Location;
  /** Location of the whole entry (mapping), for hover ranges and edits. */
  location: Location;
}

export interface Requirement extends ManifestEntry {
  title?: string;
  text?: string;
  kind?: RequirementKind;
  derivedFrom: IdRef[];
}

export interface RiskRating {
  severity?: number;
  probability?: number;
}

export interface Risk extends ManifestEntry, RiskRating {
  hazard?: string;
  hazardousSituation?: string;
  harm?: string;
  controls: IdRef[];
  residual?: RiskRating;
  threat?: string;
}

export interface RiskControl extends ManifestEntry {
  title?: string;
  type?: ControlType;
  requirements: IdRef[];
}

export interface Unit extends ManifestEntry {
  name?: string;
  safetyClass?: SafetyClass;
  paths: string[];
}

export interface SoupEntry {
  name: string;
  version?: string;
  manufacturer?: string;
  purpose?: string;
  safetyClass?: SafetyClass;
  anomalyList?: string;
  endOfSupport?: string;
  /** Other fields written in the entry (requirements, verification, license…), kept for reports. */
  extra: Record<string, unknown>;
  location: Location;
  nameLocation: Location;
  versionLocation?: Location;
}

export interface Policy {
  include: string[];
  exclude: string[];
  tests: string[];
  riskAcceptance: number;
  /** policy.crypto, policy.privacy, policy.interop: owned by their analysers, validated by the schema. */
  crypto?: Record<string, unknown>;
  privacy?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface Manifest {
  /** Workspace-relative path of the main manifest file. */
  path: string;
  /** The main file and every included file, workspace-relative. */
  files: string[];
  version: number;
  system: { name?: string; safetyClass: SafetyClass; location?: Location };
  units: Unit[];
  requirements: Requirement[];
  risks: Risk[];
  riskControls: RiskControl[];
  soup: SoupEntry[];
  policy: Policy;
}

export interface ManifestLoadResult {
  /** Absent when no manifest exists or it could not be read at all. */
  manifest?: Manifest;
  /** trace/manifest-error findings (YAML syntax, schema, duplicates, dangling references, include problems). */
  findings: Finding[];
  /** True when a manifest exists but nothing usable could be loaded (CLI exits 2). */
  fatal: boolean;
  /** True when there is no manifest at all. */
  missing: boolean;
}

export const DEFAULT_POLICY: Policy = {
  include: ['**/*'],
  exclude: [],
  // Test layouts of the supported languages' usual frameworks: folders, Jest's __tests__ and __mocks__
  // (and *.mock.* files), mocks/ folders and mock files (mockStoreClient.go, storage_mock.go, MockPump.swift), SwiftUI preview
  // fixtures (FooPreviews.swift, Xcode's `Preview Content/`), *.test / *.spec /
  // *_test files, pytest and Django (test_*.py, tests.py, conftest.py), a package's single test.js,
  // JUnit / xUnit / XCTest class files (FooTest, FooTests), Gradle and Kotlin Multiplatform test source sets
  // (src/androidTest, src/jvmTest, testFixtures, with their assets), Xcode and .NET test targets (LoopKitTests/,
  // Foo.Tests/), RSpec-style spec folders and *_spec files, Go's testdata, test-helper modules and scripts
  // (`testing/`, `Testing/`, Gradle's `workflow-testing/`), k6 load-test scripts (`k6/`), and folders named for a kind
  // of test (`unit-tests/`, `integration_tests/`).
  tests: [
    '**/test/**',
    '**/tests/**',
    '**/Test/**',
    '**/Tests/**',
    '**/__tests__/**',
    '**/__mocks__/**',
    '**/*.mock.*',
    '**/mocks/**',
    '**/Mocks/**',
    '**/mock[A-Z_-]*.*',
    '**/Mock[A-Z]*.*',
    '**/*_mock.*',
    '**/*[a-z]Mock.*',
    '**/*[a-z]Mock[A-Z]*.*',
    '**/*Previews.swift',
    '**/*Preview.swift',
    '**/Preview Content/**',
    '**/spec/**',
    '**/testdata/**',
    '**/testing/**',
    '**/Testing/**',
    '**/k6/**',
    '**/*-testing/**',
    '**/*-tests/**',
    '**/*_tests/**',
    '**/testFixtures/**',
    '**/src/*Test/**',
    '**/src/test*/**',
    '**/*Tests/**',
    '**/*.Tests/**',
    '**/*.UnitTests/**',
    '**/*.IntegrationTests/**',
    '**/*UnitTests*/**',
    '**/*_spec.*',
    '**/*.test.*',
    '**/*.spec.*',
    '**/*_test.*',
    '**/test_*.py',
    '**/tests.py',
    '**/conftest.py',
    '**/test.{js,mjs,cjs,ts}',
    '**/*{Test,Tests}.{java,kt,cs,swift,cpp,cc,cxx}',
    '**/*_unittest.*',
  ],
  riskAcceptance: 8,
};

export const MANIFEST_FILE = 'medtrace.yaml';
