// The last guard for Keras argument objects: an initializer, regularizer or constraint the spec sets
// must reach one of the node's tfjs layers (its config, or a netspec layer's weightObjects). A
// layer that would drop one — tfjs's LayerNormalization has no constraints, netspec's attention
// and group normalization layers start from Keras's defaults — is refused, never built silently.
import { formatKerasObject, isKerasObjectArg, kerasObjectConfig } from '../layers/keras-objects.js';
import { weightObjectArgs } from '../layers/tfjs-objects.js';
import { LayerError, type Args, type ArgSpec, type ArgValue, type KerasObjectModule, type KerasObjectValue } from '../layers/types.js';

const camelCase = (name: string): string => name.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

/** Does any object in the (nested) config set `key` (snake_case or tfjs's camelCase) to something? */
function sets(config: unknown, key: string): boolean {
  if (typeof config !== 'object' || config === null) return false;
  if (Array.isArray(config)) return config.some((item) => sets(item, key));
  const record = config as Record<string, unknown>;
  for (const name of [key, camelCase(key)]) if (Object.hasOwn(record, name) && record[name] !== null && record[name] !== undefined) return true;
  return Object.values(record).some((value) => sets(value, key));
}

/** The layer's own default for the argument (a ClassToken's token starts at zeros): a layer built from Keras's defaults keeps it. */
function isKindDefault(spec: ArgSpec | undefined, value: string | KerasObjectValue): boolean {
  if (!isKerasObjectArg(spec) || typeof spec.default !== 'string') return false;
  const module = `${spec.type}s` as KerasObjectModule;
  const same = (v: ArgValue) => JSON.stringify(kerasObjectConfig(v as string | KerasObjectValue, module));
  return same(value) === same(spec.default);
}

/** Throws (a LayerError the compiler reports at the step) for the first object no layer took. */
export function refuseDroppedObjects(specs: Readonly<Record<string, ArgSpec>>, args: Args, layers: { getClassName(): string; getConfig(): unknown }[]): void {
  const objects = Object.entries(weightObjectArgs(args, true));
  if (objects.length === 0) return;
  const configs = layers.map((layer) => layer.getConfig());
  for (const [key, value] of objects) {
    if (isKindDefault(specs[key], value) || configs.some((config) => sets(config, key))) continue;
    const names = [...new Set(layers.map((layer) => layer.getClassName()))].join(', ');
    throw new LayerError(
      `${key}=${formatKerasObject(value)}: the TensorFlow.js layer it is built as (${names}) does not keep ${key}, so compile would drop it`,
      'argument',
    );
  }
}
