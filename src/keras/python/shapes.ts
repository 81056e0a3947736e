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
