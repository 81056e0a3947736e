// Keras tutorial idioms for the model input: `input_shape=(28, 28, 1)` on the first layer (the
// input, as Keras's Sequential took it), and a batch axis written into the shape
// (`[None, 28, 28, 1]`, copied from model.summary()), reported at the input, not at the first layer
// that chokes on the extra axis.
import { DiagnosticError, type DiagnosticBag, type SourceRef } from '../diagnostics/diagnostic.js';
import { parseCallStep } from '../expr/index.js';
import type { Shape } from '../layers/types.js';
import { mapGet, type Located, type LocatedMap, type LocatedScalar } from '../spec/yaml-tree.js';
import { evalExpr, exprRef, type Env } from './values.js';

export interface DeclaredShape {
  shape: Shape;
  at: SourceRef;
}

/** `input_shape=` in the first top-level step's call string, evaluated; warns where it sits on a later step. */
export function firstLayerInputShape(tree: LocatedMap, env: Env, bag: DiagnosticBag): DeclaredShape | undefined {
  const layers = mapGet(tree, 'layers');
  if (layers?.kind !== 'seq') return undefined;
  let declared: DeclaredShape | undefined;
  layers.items.forEach((item, index) => {
    visitCallStrings(item, (scalar) => {
      const found = inputShapeKwarg(scalar, env);
      if (!found) return;
      if (index === 0 && scalar === item) declared = found;
      else
        bag.warning(
          'input-shape-ignored',
          "input_shape is used only on the model's first layer (Keras ignores it elsewhere); ignored here",
          found.at,
          'remove it, or give the model input with `input: [...]`',
        );
    });
  });
  return declared;
}

function visitCallStrings(node: Located, visit: (scalar: LocatedScalar) => void): void {
  if (node.kind === 'scalar') {
    if (typeof node.value === 'string' && node.value.includes('input_shape')) visit(node);
  } else if (node.kind === 'seq') node.items.forEach((i) => visitCallStrings(i, visit));
  else node.entries.forEach((e) => visitCallStrings(e.value, visit));
}

function inputShapeKwarg(scalar: LocatedScalar, env: Env): DeclaredShape | undefined {
  const parsed = parseCallStep(String(scalar.value));
  const kw = parsed.value?.kwargs.find((k) => k.name === 'input_shape');
  if (!kw) return undefined;
  const at = exprRef(scalar.at, scalar.contentStart, kw.start, kw.end);
  const value = evalExpr(kw.value, env, scalar.at, scalar.contentStart);
  const dims = Array.isArray(value) ? value : [value];
  const shape = dims.map((d) => {
    if (d === null) return null;
    if (typeof d !== 'number' || !Number.isInteger(d) || d < 1)
      throw new DiagnosticError('shape', `input_shape: a dimension must be a positive integer or None, got ${JSON.stringify(d)}`, at);
    return d;
  });
  checkBatchAxis(
    shape,
    kw.value.type === 'tuple' || kw.value.type === 'list' ? firstItemIsNone(String(scalar.value).slice(kw.value.start, kw.value.end)) : false,
    at,
    'input_shape=',
  );
  return { shape, at };
}

const firstItemIsNone = (text: string): boolean => /^[([]\s*None\b/.test(text);

/**
 * `[None, 28, 28, 1]`: a literal None first and every other axis known, three or more axes — the
 * batch axis of model.summary()'s shapes. (`null` stays "any size", and `[None, None, 3]` is an
 * image of any size.)
 */
export function checkBatchAxis(shape: Shape, writtenAsNone: boolean, at: SourceRef, how: string): void {
  if (!writtenAsNone || shape.length < 3 || shape[0] !== null || shape.slice(1).some((d) => d === null)) return;
  const without = shape.slice(1).join(', ');
  throw new DiagnosticError(
    'input-batch-axis',
    `the batch axis is implicit: ${how === 'input_shape=' ? `input_shape=(${['None', ...shape.slice(1)].join(', ')})` : `input: [${['None', ...shape.slice(1)].join(', ')}]`} declares a ${shape.length}-axis sample with an unknown first axis`,
    at,
    `leave the batch axis out, as in Keras: ${how === 'input_shape=' ? `input_shape=(${without})` : `input: [${without}]`} (write null for an axis of any size)`,
  );
}

/** Whether a shape list's first item was written as the word None. */
export function seqStartsWithNone(node: Located): boolean {
  const first = node.kind === 'seq' ? node.items[0] : undefined;
  return first?.kind === 'scalar' && typeof first.value === 'string' && first.value.trim() === 'None';
}
