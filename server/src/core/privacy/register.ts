// Registers the privacy analyser with the engine (see engine/analyzers.ts). Filled in by the privacy detector.
export {};
