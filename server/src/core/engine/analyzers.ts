/** The registered detectors. Adding one: implement Analyzer (engine/analyzer.ts) and list it here. */
import type { Settings } from '../settings';
import type { Analyzer } from './analyzer';

const ALL: { analyzer: Analyzer; enabled: (s: Settings) => boolean }[] = [];

export function enabledAnalyzers(settings: Settings): Analyzer[] {
  return ALL.filter((a) => a.enabled(settings)).map((a) => a.analyzer);
}

export function registerAnalyzer(analyzer: Analyzer, enabled: (s: Settings) => boolean): void {
  ALL.push({ analyzer, enabled });
}
