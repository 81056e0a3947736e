// Python Keras code → KerasGraph, without running Python: parse (chevrotain, with Python's
// indentation), walk the statements with a bounded interpreter, export the model that was built last.
import { basename } from 'node:path';
import type { DiagnosticBag } from '../../diagnostics/diagnostic.js';
import { lookupKind } from '../../layers/registry.js';
import type { KerasGraph } from '../graph.js';
import type { Span } from './ast.js';
import { exportModel } from './export.js';
import { Interpreter } from './interpreter.js';
import { PyError } from './limits.js';
import { parseModule } from './statements.js';
import type { ModelObject } from './values.js';

export { parseModule } from './statements.js';

/** Reads `text` (the file `file`); reports into `bag`. Undefined when no model could be read. */
export function readPythonKeras(text: string, file: string, bag: DiagnosticBag): KerasGraph | undefined {
  bag.addSource(file, text);
  const parsed = parseModule(text);
  for (const e of parsed.errors) bag.error('python-syntax', e.message, { file, start: e.offset, end: e.offset + 1 });
  if (parsed.errors.length > 0) return undefined;
  const interpreter = new Interpreter(text, (name) => /^[A-Z]/.test(name) && lookupKind(name) !== undefined);
  const result = interpreter.run(parsed.body);
  const report = (err: PyError): void => {
    bag.error(err.code, err.message, { file, start: err.at.start, end: err.at.end }, err.help);
  };
  result.errors.forEach(report);
  if (result.skipped.length > 0)
    bag.warning('python-skipped', skippedNotice(text, result.skipped), { file, start: result.skipped[0]?.start ?? 0, end: result.skipped[0]?.end ?? 0 });
  if (result.errors.length > 0) return undefined;
  const model = chooseModel(result.world.models);
  if (!model) {
    const subclass = /^class\s+(\w+)\s*\([^)]*\bModel\b[^)]*\)/m.exec(text);
    const help = subclass
      ? `${subclass[1]} subclasses keras.Model, and netspec does not run class bodies: build the model with keras.Input and keras.Model(inputs, outputs), or keras.Sequential`
      : undefined;
    bag.error('python', 'no Keras model is built here: netspec looks for keras.Model(inputs, outputs) or keras.Sequential([...])', { file }, help);
    return undefined;
  }
  try {
    const graph = exportModel(model, file);
    if (model.name === 'functional' || model.name === 'sequential') graph.name = basename(file).replace(/\.py$/i, '') || graph.name;
    return graph;
  } catch (err) {
    if (!(err instanceof PyError)) throw err;
    report(err);
    return undefined;
  }
}

/** The model the file builds: the last one made that is not itself used inside another model. */
function chooseModel(models: ModelObject[]): ModelObject | undefined {
  const unused = models.filter((m) => m.calls === 0);
  return unused[unused.length - 1] ?? models[models.length - 1];
}

function skippedNotice(text: string, spans: Span[]): string {
  const lineOf = (offset: number): number => text.slice(0, offset).split('\n').length;
  const ranges: [number, number][] = [];
  for (const s of spans) {
    const a = lineOf(s.start);
    const b = lineOf(Math.max(s.start, s.end - 1));
    const last = ranges[ranges.length - 1];
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else ranges.push([a, b]);
  }
  const lines = ranges.map(([a, b]) => (a === b ? `${a}` : `${a}–${b}`)).join(', ');
  return `read the model-building code; skipped ${spans.length} ${spans.length === 1 ? 'statement that does' : 'statements that do'} not build the model (imports, data, training, printing) at line${ranges.length === 1 && ranges[0]?.[0] === ranges[0]?.[1] ? '' : 's'} ${lines}`;
}
