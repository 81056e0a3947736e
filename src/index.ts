// Public API: re-exports only.
export { analyzeText, analyzeFile, analyzeCallString, type AnalyzeOptions, type AnalyzeResult } from './ir/analyze.js';
export type { IRGraph, IRNode, IRGroup, Totals, ReceptiveField, TensorRef } from './ir/types.js';
export type { Diagnostic, SourceRef } from './diagnostics/diagnostic.js';
export { formatDiagnostic } from './diagnostics/format.js';
export { LAYER_KINDS, lookupKind } from './layers/registry.js';
export type { LayerKind, Shape, Args } from './layers/types.js';
