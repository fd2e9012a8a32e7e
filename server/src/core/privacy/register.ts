// Registers the privacy analyser with the engine (see engine/analyzers.ts).
import type { Analyzer } from '../engine/analyzer';
import { registerAnalyzer } from '../engine/analyzers';
import { privacyAnalyzer } from './analyzer';

registerAnalyzer(privacyAnalyzer as Analyzer, (settings) => settings.privacy.enable);
