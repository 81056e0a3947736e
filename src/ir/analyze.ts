// The front end as one call: text → validated spec → IR graph with every number inferred.
import { DiagnosticBag, DiagnosticError, type Diagnostic, type SourceRef } from '../diagnostics/diagnostic.js';
import { didYouMean } from '../diagnostics/format.js';
import { evaluateSource, type Value } from '../expr/index.js';
import { formatCount, MAX_EXACT_TEXT } from '../format/format.js';
import { lookupKind } from '../layers/registry.js';
import type { Shape } from '../layers/types.js';
import { loadSpec, readSpecFile, type ReadFile } from '../spec/load.js';
import { mapGet, type Located, type LocatedMap } from '../spec/yaml-tree.js';
import { checkIntegerLiterals } from './exact-literals.js';
import { nameBlockUses } from './block-uses.js';
import { checkExpect } from './expect.js';
import { checkBatchAxis, firstLayerInputShape, seqStartsWithNone, type DeclaredShape } from './keras-input.js';
import { Expander, type BlockDef } from './expand.js';
import { GraphBuilder } from './graph.js';
import { Scope } from './scope.js';
import type { IRGraph, IRNode } from './types.js';
import { evalScalarExpression, paramValue, scalarText, stringList } from './values.js';

export interface AnalyzeOptions {
  /** Name used in diagnostics; relative `extends` paths resolve against it. */
  file?: string;
  /** Replaces the spec's `input` (the CLI's --input). */
  input?: Shape;
  /** Param overrides as written on the command line (`--set width=32`). */
  set?: Record<string, string>;
  readFile?: ReadFile;
}

export interface AnalyzeResult {
  graph?: IRGraph;
  diagnostics: Diagnostic[];
  /** Source texts by file, for caret excerpts. */
  sources: DiagnosticBag;
}

export function analyzeText(text: string, options: AnalyzeOptions = {}): AnalyzeResult {
  const bag = new DiagnosticBag();
  const file = options.file ?? '<input>';
  const graph = guardCrash(bag, file, () => {
    const tree = loadSpec(text, file, bag, options.readFile ?? readSpecFile);
    return tree && checkIntegerLiterals(tree, bag) ? buildGraph(tree, file, options, bag) : undefined;
  });
  // A graph whose only problems are failed expect: figures is still complete: return it so a
  // caller can show it next to the diagnostics (the CLI still exits 1).
  const onlyExpectations = bag.items.every((d) => d.severity !== 'error' || d.code === 'expect');
  return { graph: onlyExpectations ? graph : undefined, diagnostics: bag.items, sources: bag };
}

export function analyzeFile(path: string, options: AnalyzeOptions = {}): AnalyzeResult {
  let text: string;
  try {
    text = (options.readFile ?? readSpecFile)(path);
  } catch (err) {
    const bag = new DiagnosticBag();
    bag.error('file', `cannot read ${path}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message.split('\n')[0]}`, {
      file: path,
    });
    return { diagnostics: bag.items, sources: bag };
  }
  return analyzeText(text, { ...options, file: options.file ?? path });
}

/** A single Keras call on the command line: `Conv2D(filters=4, kernel_size=(9, 9))` with --input. */
export function analyzeCallString(call: string, options: AnalyzeOptions = {}): AnalyzeResult {
  const text = `layers:\n  - ${JSON.stringify(call)}\n`;
  const result = analyzeText(text, { ...options, file: '<command line>' });
  // Point diagnostics at the call itself rather than the wrapper text.
  const offset = text.indexOf(JSON.stringify(call)) + 1;
  for (const d of result.diagnostics) {
    d.column = Math.max(1, d.range[0] - offset + 1);
    d.line = d.line > 0 ? 1 : 0;
    d.range = [Math.max(0, d.range[0] - offset), Math.max(0, d.range[1] - offset)];
  }
  result.sources.addSource('<command line>', call);
  return result;
}

function buildGraph(tree: LocatedMap, file: string, options: AnalyzeOptions, bag: DiagnosticBag): IRGraph | undefined {
  const params = evaluateParams(mapGet(tree, 'params'), options.set ?? {}, bag);
  if (!params) return undefined;
  const graph = new GraphBuilder();
  const overridden = Object.keys(options.set ?? {}).length > 0 || options.input !== undefined;
  const blocks = readBlocks(mapGet(tree, 'blocks'), bag);
  const expander = new Expander(graph, bag, blocks, params, !overridden);
  const scope = new Scope('');
  const kerasInput = expander.guard(() => firstLayerInputShape(tree, params, bag) ?? null, tree.at);
  if (kerasInput === undefined) return undefined; // a bad input_shape= was reported; "no input" would only repeat it
  const inputs = expander.guard(() => addInputs(tree, options.input, params, graph, scope, kerasInput ?? undefined), tree.at);
  if (!inputs) return undefined;
  // With several inputs no step reads one implicitly: which one is meant is the spec's to say.
  if (inputs.length > 1) expander.ambiguousInputs = inputs;
  const last = expander.steps(mapGet(tree, 'layers'), inputs.length === 1 ? inputs[0]! : null, {
    scope,
    env: params,
    groupPath: [],
    trainable: true,
    blockStack: [],
  });
  nameBlockUses(bag, blocks, expander.blockUses);
  // A failed step expect: leaves the graph complete; any other error does not.
  if (bag.items.some((d) => d.severity === 'error' && d.code !== 'expect') || last === null) return undefined;
  const outputsNode = mapGet(tree, 'outputs');
  const outputs = outputsNode
    ? expander.guard(() => stringList(outputsNode).map((ref) => expander.reference(ref.name, ref.at, scope)), outputsNode.at)
    : [last];
  if (!outputs) return undefined;
  warnUnused(graph.keepAncestorsOf(outputs), bag);
  const expect = mapGet(tree, 'expect');
  if (overridden && (expect || /\bexpect:/.test(bag.sourceText(file) ?? ''))) {
    bag.warning('expect-skipped', 'expect: figures were not checked: --set/--input changed the network they describe', expect?.at ?? { file });
  }
  if (expect && !overridden) checkExpect(expect, graph.nodes, graph.nodeOf(outputs[outputs.length - 1]!), bag, graph.expectFailures, false);
  const description = scalarText(mapGet(tree, 'description'));
  return graph.finish({ name: scalarText(mapGet(tree, 'name')) ?? defaultName(file), file, inputs, outputs, ...(description ? { description } : {}) });
}

/** Layers on no path to an output: Keras leaves them out of the model, and netspec's figures do too. */
function warnUnused(dropped: IRNode[], bag: DiagnosticBag): void {
  const first = dropped[0];
  if (!first) return;
  const listed = dropped.slice(0, 5).map((n) => `${n.name} (${n.kind})`);
  const more = dropped.length > listed.length ? ` and ${formatCount(dropped.length - listed.length)} more` : '';
  bag.warning(
    'unused-layer',
    `${listed.join(', ')}${more} lead${dropped.length === 1 ? 's' : ''} to no output: Keras leaves ${dropped.length === 1 ? 'it' : 'them'} out of the model, and netspec's figures do too`,
    first.source,
    'name it in outputs: if it is a result, or remove it',
  );
}

/** Params in order, each able to use the ones before it; `--set` overrides replace a param where it is defined. */
function evaluateParams(node: Located | undefined, overrides: Record<string, string>, bag: DiagnosticBag): Map<string, Value> | undefined {
  const env = new Map<string, Value>();
  const declared = node?.kind === 'map' ? node.entries : [];
  const names = declared.map((e) => e.key);
  let ok = true;
  for (const key of Object.keys(overrides)) {
    if (!names.includes(key)) {
      bag.error(
        'unknown-param',
        `--set ${key}: the spec has no param '${key}'${names.length ? ` (params: ${names.join(', ')})` : ''}`,
        { file: '<command line>' },
        didYouMean(key, names),
      );
      ok = false;
    }
  }
  for (const entry of declared) {
    try {
      env.set(entry.key, Object.hasOwn(overrides, entry.key) ? overrideValue(entry.key, overrides[entry.key]!, env) : paramValue(entry.value, env));
    } catch (err) {
      if (!(err instanceof DiagnosticError)) throw err;
      bag.fromError(err, entry.value.at);
      ok = false;
    }
  }
  return ok ? env : undefined;
}

/** `--set alpha=0.75` → 0.75; `--set mode=same` → 'same'; `--set depth=2*3` → 6. */
function overrideValue(key: string, text: string, env: Map<string, Value>): Value {
  const result = evaluateSource(text, env);
  if (result.errors.length === 0 && result.value !== undefined) return result.value;
  // A value error (an integer too large to hold exactly, a division by zero) is a mistake, not a word.
  const valueError = result.errors.find((e) => e.code === 'expr-value');
  if (valueError) throw new DiagnosticError(valueError.code, `--set ${key}=${text}: ${valueError.message}`, { file: '<command line>' });
  return text;
}

function readBlocks(node: Located | undefined, bag: DiagnosticBag): Map<string, BlockDef> {
  const blocks = new Map<string, BlockDef>();
  if (node?.kind !== 'map') return blocks;
  for (const entry of node.entries) {
    const shadowed = lookupKind(entry.key);
    if (shadowed)
      bag.warning(
        'block-shadows-kind',
        `block '${entry.key}' hides the layer kind ${shadowed.className} in this spec`,
        entry.keyAt,
        'rename the block if you meant the layer',
      );
    const params = mapGet(entry.value, 'params');
    const layers = mapGet(entry.value, 'layers');
    if (layers?.kind !== 'seq') continue;
    const inputNames = stringList(mapGet(entry.value, 'inputs')).map((ref) => ({ name: ref.name, at: ref.at }));
    blocks.set(entry.key, {
      name: entry.key,
      layers,
      at: entry.keyAt,
      ...(params?.kind === 'map' ? { params } : {}),
      ...(inputNames.length ? { inputNames } : {}),
    });
  }
  return blocks;
}

function addInputs(
  tree: LocatedMap,
  override: Shape | undefined,
  env: Map<string, Value>,
  graph: GraphBuilder,
  scope: Scope,
  kerasInput?: DeclaredShape,
): string[] {
  const inputLayer = lookupKind('InputLayer');
  if (!inputLayer) throw new DiagnosticError('unknown-kind', 'InputLayer is not available', tree.at);
  const declared: { name: string; shape: Shape; at: SourceRef }[] = [];
  const single = mapGet(tree, 'input');
  const many = mapGet(tree, 'inputs');
  if (override) declared.push({ name: 'input_layer', shape: override, at: single?.at ?? tree.at });
  else if (single) declared.push({ name: 'input_layer', shape: readShape(single, env), at: single.at });
  else if (many?.kind === 'map') for (const e of many.entries) declared.push({ name: e.key, shape: readShape(e.value, env), at: e.keyAt });
  else if (kerasInput) declared.push({ name: 'input_layer', shape: kerasInput.shape, at: kerasInput.at });
  const input = declared[0];
  if (kerasInput && !override && input && input.at !== kerasInput.at && (declared.length > 1 || input.shape.join() !== kerasInput.shape.join())) {
    const shown = `(${kerasInput.shape.map((d) => d ?? 'None').join(', ')})`;
    throw new DiagnosticError(
      'input-conflict',
      `input_shape=${shown} on the first layer disagrees with the spec's input`,
      kerasInput.at,
      'give the input once: keep `input:` and remove input_shape=, or the other way round',
    );
  }
  if (declared.length === 0) {
    throw new DiagnosticError('no-input', 'the spec has no input shape', tree.at, 'add `input: [height, width, channels]` (or pass --input 128,128,1)');
  }
  return declared.map(({ name, shape, at }) => {
    const node = graph.addInput(name, inputLayer, shape, at);
    scope.bind(name, { node: node.name, at });
    return node.name;
  });
}

function readShape(node: Located, env: Map<string, Value>): Shape {
  if (node.kind !== 'seq') throw new DiagnosticError('schema', 'a shape is a list like [128, 128, 1]', node.at);
  const shape = node.items.map((item) => {
    const value = item.kind === 'scalar' && typeof item.value === 'string' ? evalScalarExpression(item, env) : item.kind === 'scalar' ? item.value : undefined;
    if (value === null) return null;
    if (typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value)) {
      throw new DiagnosticError(
        'range',
        `a shape dimension is beyond the exact integer range (netspec computes exactly up to 2 ** 53 − 1 = ${MAX_EXACT_TEXT})`,
        item.at,
      );
    }
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
      throw new DiagnosticError('shape', `a shape dimension must be a positive integer or null, got ${JSON.stringify(value)}`, item.at);
    }
    return value;
  });
  checkBatchAxis(shape, seqStartsWithNone(node), node.at, 'input');
  return shape;
}

function defaultName(file: string): string {
  if (file.startsWith('<')) return 'model';
  const base = file.replace(/\\/g, '/').split('/').pop() ?? 'model';
  return base.replace(/\.ya?ml$/, '') || 'model';
}

/** Last line of defence: no input may surface as a stack trace; a crash becomes an internal-error diagnostic. */
function guardCrash<T>(bag: DiagnosticBag, file: string, fn: () => T): T | undefined {
  try {
    return fn();
  } catch (err) {
    if (err instanceof DiagnosticError) bag.fromError(err, { file });
    else if (err instanceof RangeError) bag.error('too-deep', 'the spec is too deeply nested or too large to process', { file });
    else bag.error('internal', `internal error: ${(err as Error).message} (please report this with the spec)`, { file });
    return undefined;
  }
}
