// Output shapes while reading, so code can ask `x.shape[-1]` (ResNet blocks do, to decide on a projection).
// Uses the layer kinds' own shape rules; a shape netspec cannot compute here stays unknown, and the
// spec analysis reports any real problem later.
import { normalizeArgs } from '../../layers/args.js';
import { lookupKind } from '../../layers/registry.js';
import type { ArgValue, Shape } from '../../layers/types.js';
import type { LayerObject, Value } from './values.js';

function argValue(value: Value): ArgValue | undefined {
  switch (value.t) {
    case 'int':
    case 'float':
      return value.v;
    case 'str':
      return value.v;
    case 'bool':
      return value.v;
    case 'none':
      return null;
    case 'list':
    case 'tuple': {
      const items = value.items.map(argValue);
      return items.some((i) => i === undefined) ? undefined : (items as ArgValue[]);
    }
    default:
      return undefined;
  }
}

export function inferShape(layer: LayerObject, inputs: (Shape | undefined)[]): Shape | undefined {
  const kind = lookupKind(layer.className);
  if (!kind || inputs.some((s) => s === undefined)) return undefined;
  const raw: Record<string, ArgValue> = {};
  let position = 0;
  for (const arg of layer.args) {
    const key = arg.name ?? kind.positional[position++];
    if (key === undefined || key === 'trainable' || key === 'input_shape') continue;
    const value = argValue(arg.value);
    if (value !== undefined && Object.hasOwn(kind.args, key)) raw[key] = value;
  }
  try {
    const args = normalizeArgs(kind, raw);
    kind.derive?.(args);
    kind.check?.(args);
    return kind.outputShape(inputs as Shape[], args);
  } catch {
    return undefined;
  }
}

/** A constructor argument by keyword or Keras's positional order. */
function argOf(layer: LayerObject, key: string): Value | undefined {
  const kind = lookupKind(layer.className);
  const keyword = layer.args.find((a) => a.name === key);
  if (keyword) return keyword.value;
  const index = kind?.positional.indexOf(key) ?? -1;
  const positional = layer.args.filter((a) => a.name === undefined);
  return index >= 0 ? positional[index]?.value : undefined;
}

/** The states a recurrent layer with return_state=True adds (its initial-state inputs: LSTM 2, GRU 1). */
function returnedStates(className: string, returnState: boolean): number {
  const kind = lookupKind(className);
  return kind && 'go_backwards' in kind.args && returnState ? kind.inputs.max - 1 : 0;
}

function returnsState(layer: LayerObject): boolean {
  const flag = argOf(layer, 'return_state');
  return flag?.t === 'bool' && flag.v;
}

/**
 * How many tensors a call of the layer returns, as Keras's list: 1, or the output and the states
 * (return_state=True), or Bidirectional's two directions (merge_mode=None) and both directions' states.
 */
export function outputCount(layer: LayerObject): number {
  if (layer.className !== 'Bidirectional') return 1 + returnedStates(layer.className, returnsState(layer));
  const inner = argOf(layer, 'layer');
  const mode = argOf(layer, 'merge_mode');
  // The wrapped layer is kept as its constructor call's text (`LSTM(4, return_state=True)`), as Keras writes it.
  const wrapped = inner?.t === 'kerasObject' && inner.family === 'layer' ? /^(\w+)\((.*)\)$/s.exec(inner.text) : null;
  const states = wrapped ? returnedStates(wrapped[1]!, /\breturn_state=True\b/.test(wrapped[2]!)) : 0;
  return (mode?.t === 'none' ? 2 : 1) + 2 * states;
}
