// Registers the crypto analyser with the engine (see engine/analyzers.ts).
import type { Analyzer } from '../engine/analyzer';
import { registerAnalyzer } from '../engine/analyzers';
import { cryptoAnalyzer } from './analyzer';

registerAnalyzer(cryptoAnalyzer as Analyzer, (settings) => settings.crypto.enable);
