// Registers the crypto analyser with the engine (see engine/analyzers.ts). Filled in by the crypto detector.
export {};
