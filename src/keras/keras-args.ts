// A saved layer config → the argument text of a Keras call: only what differs from Keras's
// defaults (as netspec's layer registry records them), leading required arguments positional,
// everything else by keyword. Initializers, regularizers and constraints become netspec's argument
// objects (`keras.initializers.HeNormal(seed=1)`); anything else the registry does not know is
// reported so the user can check it.
import { normalizeArgs } from '../layers/args.js';
import {
  formatKerasObject,
  isKerasObject,
  isKerasObjectArg,
  KERAS_OBJECTS,
  kerasObjectConfig,
  kerasObjectConstructor,
  normalizeKerasObject,
} from '../layers/keras-objects.js';
import { lookupKind } from '../layers/registry.js';
import { fromNetspecClass } from './tfjs-classes.js';
import { kerasActivation } from './tfjs-classes.js';
import type { ArgSpec, ArgValue, KerasObjectModule, KerasObjectValue, LayerKind } from '../layers/types.js';

/** Config keys that are not constructor arguments netspec models (dtype policies, batch shapes). */
const BOOKKEEPING = new Set(['name', 'trainable', 'dtype', 'batch_input_shape', 'batch_shape', 'input_shape', 'sparse', 'ragged', 'autocast', 'seed']);

/** Initialisers, regularisers and constraints: they change the weights' values, never the network's figures. */
const WEIGHT_SETTING = /_(initializer|regularizer|constraint)$/;

export interface CallArguments {
  /** `64, 3, strides=2, padding='same'`. */
  text: string;
  /** `key=value` settings the config holds and netspec does not import (not counting initialisers). */
  dropped: string[];
}

export interface CallOptions {
  /** Read saved initializers, regularizers and constraints as argument objects (Keras's JSON; not tfjs's). */
  objects?: boolean;
}

export function callArguments(className: string, config: Record<string, unknown>, options: CallOptions = {}): CallArguments {
  const kind = lookupKind(className);
  const dropped: string[] = [];
  const given: Record<string, ArgValue> = {};
  for (const [key, raw] of Object.entries(config)) {
    if (BOOKKEEPING.has(key)) continue;
    const spec = kind?.args[key];
    if (options.objects && isKerasObjectArg(spec) && isObjectConfig(raw)) {
      const object = argumentObject(spec, raw);
      if (object === undefined) dropped.push(`${key}=${raw.class_name}(…)`);
      else if (!isDefaultObject(spec, object)) given[key] = object;
      continue;
    }
    const value = key === 'activation' && typeof raw === 'string' ? kerasActivation(raw) : argValue(raw);
    if (!kind || !Object.hasOwn(kind.args, key)) {
      if (WEIGHT_SETTING.test(key) && (raw === null || key.endsWith('_initializer'))) continue;
      if (raw === null || raw === false || (key === 'data_format' && raw === 'channels_last')) continue;
      if (kind) dropped.push(`${key}=${value === undefined ? '{…}' : pyValue(value)}`);
      continue;
    }
    if (value === undefined) {
      if (!WEIGHT_SETTING.test(key)) dropped.push(`${key}={…}`);
      continue;
    }
    given[key] = value;
  }
  if (!kind) return { text: '', dropped };
  const kept = withoutDefaults(kind, given);
  if (config.trainable === false) kept.push(['trainable', false]);
  return { text: formatArguments(kind, kept), dropped };
}

/**
 * Arguments whose value differs from what Keras uses when they are left out: the arguments are
 * normalised with and without each one (defaults that follow another argument, as pooling's strides
 * follow pool_size, stay right). Should the whole set not normalise (a value netspec will report),
 * each one is compared beside the required arguments alone, so that value cannot keep the rest.
 */
function withoutDefaults(kind: LayerKind, given: Record<string, ArgValue>): [string, ArgValue][] {
  const all = tryNormalize(kind, given);
  const required = Object.fromEntries(Object.entries(given).filter(([key]) => kind.args[key]?.required));
  const kept: [string, ArgValue][] = [];
  for (const [key, value] of Object.entries(given)) {
    if (key === 'activation' && value === 'linear' && !kind.args.activation?.required && (kind.args.activation?.default ?? null) === null) continue;
    const rest = { ...(all ? given : required) };
    delete rest[key];
    const withIt = all ?? tryNormalize(kind, { ...required, [key]: value });
    const without = tryNormalize(kind, rest);
    const same = withIt !== undefined && without !== undefined && JSON.stringify(withIt[key]) === JSON.stringify(without[key]);
    if (!same) kept.push([key, simplify(kind, key, value)]);
  }
  return kept;
}

function tryNormalize(kind: LayerKind, args: Record<string, ArgValue>): Record<string, ArgValue> | undefined {
  try {
    return normalizeArgs(kind, args);
  } catch {
    return undefined;
  }
}

/** `(3, 3)` → `3` where Keras takes an int or a tuple: the same value on every axis, as people write it. */
function simplify(kind: LayerKind, key: string, value: ArgValue): ArgValue {
  if (kind.args[key]?.type !== 'tuple' || !Array.isArray(value) || value.length === 0) return value;
  return value.every((v) => v === value[0]) && typeof value[0] === 'number' ? value[0] : value;
}

/** Leading required arguments in Keras's positional order, the rest by keyword. */
function formatArguments(kind: LayerKind, kept: [string, ArgValue][]): string {
  const byKey = new Map(kept);
  const parts: string[] = [];
  for (const key of kind.positional) {
    if (!kind.args[key]?.required || !byKey.has(key)) break;
    parts.push(pyValue(byKey.get(key)!));
    byKey.delete(key);
  }
  for (const [key, value] of byKey) parts.push(`${key}=${pyValue(value)}`);
  return parts.join(', ');
}

/** A JSON config value as an argument value; a wrapped layer ({class_name, config}) as a layer; undefined for any other object. */
function argValue(raw: unknown): ArgValue | undefined {
  if (isLayerConfig(raw)) {
    // A layer netspec compiled as its own tfjs class (a Bidirectional around NetspecGRU) is the Keras layer it stands for.
    const saved = fromNetspecClass(raw.class_name, raw.config as Record<string, unknown>) ?? { className: raw.class_name, config: raw.config };
    const inner = lookupKind(saved.className);
    if (!inner) return undefined;
    const config: Record<string, ArgValue> = {};
    for (const [key, value] of Object.entries(saved.config)) {
      const arg = argValue(value);
      if (!BOOKKEEPING.has(key) && Object.hasOwn(inner.args, key) && arg !== undefined) config[key] = arg;
    }
    return { class_name: inner.className, config };
  }
  if (raw === null || typeof raw === 'string' || typeof raw === 'boolean') return raw;
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
  if (Array.isArray(raw)) {
    const items = raw.map(argValue);
    return items.every((i) => i !== undefined) ? (items as ArgValue[]) : undefined;
  }
  return undefined;
}

/** A value as Python writes it: None, True, 'same', (3, 3), [784]. */
export function pyValue(value: ArgValue): string {
  if (value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (isKerasObject(value)) return `keras.${value.module}.${formatKerasObject(value)}`;
  if (!Array.isArray(value)) return `${value.class_name}(${callArguments(value.class_name, value.config).text})`;
  const items = value.map(pyValue).join(', ');
  return value.length === 1 ? `[${items}]` : `(${items})`;
}

function isObjectConfig(raw: unknown): raw is { class_name: string; config: Record<string, unknown>; module?: unknown } {
  return isLayerConfig(raw);
}

/**
 * A saved initializer, regularizer or constraint — Keras 3's `{module, class_name, config}`, Keras
 * 2's `{class_name, config}` — as netspec's argument object, with only the keywords that differ
 * from the class's defaults; undefined for a class netspec does not know (a custom one).
 */
function argumentObject(
  spec: ArgSpec & { type: 'initializer' | 'regularizer' | 'constraint' },
  raw: { class_name: string; config: Record<string, unknown>; module?: unknown },
): KerasObjectValue | undefined {
  const module = `${spec.type}s` as KerasObjectModule;
  if (raw.module !== undefined && raw.module !== `keras.${module}` && raw.module !== `keras.src.${module}`) return undefined;
  const className = kerasObjectConstructor(module, raw.class_name);
  if (className === undefined) return undefined;
  const defaults = KERAS_OBJECTS[module].classes[className]!;
  if (Object.keys(raw.config).some((key) => !Object.hasOwn(defaults, key))) return undefined;
  const config: Record<string, ArgValue> = {};
  // In the constructor's order (Orthogonal(gain=0.5, seed=2)), as Keras's signature lists them.
  for (const key of Object.keys(defaults)) {
    if (!Object.hasOwn(raw.config, key)) continue;
    const value = argValue(raw.config[key]);
    if (value === undefined) return undefined;
    const shortest = typeof value === 'number' ? shortestFloat32(value) : value;
    if (JSON.stringify(shortest) !== JSON.stringify(defaults[key]))
      Object.defineProperty(config, key, { value: shortest, enumerable: true, writable: true, configurable: true });
  }
  const object: KerasObjectValue = { module, className, args: [], config };
  try {
    normalizeKerasObject(module, object);
  } catch {
    return undefined;
  }
  return object;
}

/** Keras's default for the argument, however written (`GlorotUniform(seed=None)` is `'glorot_uniform'`). */
function isDefaultObject(spec: ArgSpec & { type: 'initializer' | 'regularizer' | 'constraint' }, object: KerasObjectValue): boolean {
  if (spec.default === null || spec.default === undefined) return false;
  const module = `${spec.type}s` as KerasObjectModule;
  return JSON.stringify(kerasObjectConfig(object, module)) === JSON.stringify(kerasObjectConfig(spec.default as string, module));
}

/** Keras 2 saves float32 values (1e-4 as 9.999999747378752e-05): the shortest decimal that is the same float32. */
function shortestFloat32(x: number): number {
  if (!Number.isFinite(x) || Math.fround(x) !== x) return x;
  for (let digits = 1; digits <= 17; digits++) {
    const y = Number(x.toPrecision(digits));
    if (Math.fround(y) === x) return y;
  }
  return x;
}

function isLayerConfig(raw: unknown): raw is { class_name: string; config: Record<string, unknown> } {
  if (typeof raw !== 'object' || raw === null) return false;
  const { class_name: className, config } = raw as Record<string, unknown>;
  return typeof className === 'string' && typeof config === 'object' && config !== null && !Array.isArray(config);
}
