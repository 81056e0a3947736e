// `netspec summary model.py` (and check, explain, diagram): Python Keras code → KerasGraph → spec text →
// the usual analysis. Diagnostics about the generated spec are moved to the Python line that built
// the layer, so the user never sees YAML they did not write.
import { DiagnosticBag, DiagnosticError, lineColumn, type Diagnostic, type SourceRef } from '../diagnostics/diagnostic.js';
import { analyzeText, type AnalyzeOptions, type AnalyzeResult } from '../ir/analyze.js';
import type { KerasGraph } from '../keras/graph.js';
import { readPythonKeras } from '../keras/python/index.js';
import { kerasGraphToSpec } from '../keras/to-spec.js';

/** The spec text for Python source, or undefined after reporting why not into `bag`. */
export function pythonToSpec(text: string, file: string, bag: DiagnosticBag): { spec: string; graph: KerasGraph } | undefined {
  const graph = readPythonKeras(text, file, bag);
  if (!graph) return undefined;
  try {
    return { spec: kerasGraphToSpec(graph, { header: [`read from ${file} by netspec`] }), graph };
  } catch (err) {
    if (!(err instanceof DiagnosticError)) throw err;
    bag.fromError(err, { file });
    return undefined;
  }
}

export function analyzePython(text: string, file: string, options: AnalyzeOptions): AnalyzeResult {
  return readPythonAsSpec(text, file, options).result;
}

/** The analysis of the spec read from Python source, and that spec's text when there is one. */
export function readPythonAsSpec(text: string, file: string, options: AnalyzeOptions): { result: AnalyzeResult; spec?: string } {
  const bag = new DiagnosticBag();
  const converted = pythonToSpec(text, file, bag);
  if (!converted) return { result: { diagnostics: bag.items, sources: bag } };
  const specFile = `${file} (read as a spec)`;
  const result = analyzeText(converted.spec, { ...options, file: specFile });
  const sources = sourcesByStepName(converted.graph);
  const specLines = converted.spec.split('\n');
  for (const d of result.diagnostics) {
    if (d.file !== specFile) continue;
    const stepName = /name[=:]\s*'?([^',}\s]+)/.exec(specLines[d.line - 1] ?? '')?.[1];
    moveTo(d, (stepName ? sources.get(stepName) : undefined) ?? { file, start: 0, end: 0 }, text);
  }
  result.sources.addSource(file, text);
  result.diagnostics.unshift(...bag.items);
  return { result, spec: converted.spec };
}

function sourcesByStepName(graph: KerasGraph): Map<string, SourceRef> {
  const out = new Map<string, SourceRef>();
  const walk = (g: KerasGraph): void => {
    for (const node of g.nodes) if (node.source) out.set(node.output, node.source);
    for (const sub of Object.values(g.submodels ?? {})) walk(sub);
  };
  walk(graph);
  return out;
}

function moveTo(d: Diagnostic, at: SourceRef, text: string): void {
  const start = at.start ?? 0;
  const { line, column } = lineColumn(text, start);
  d.file = at.file;
  d.line = at.start === undefined ? 0 : line;
  d.column = at.start === undefined ? 0 : column;
  d.range = [start, at.end ?? start];
}
