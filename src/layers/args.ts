// Turns raw argument values (already evaluated: numbers, strings, lists) into a kind's normalised
// arguments: defaults filled in, tuples expanded per axis, types and Keras's own checks applied.
import { didYouMean } from '../diagnostics/format.js';
import { ACTIVATIONS, isActivation } from './activations.js';
import { MAX_EXACT_TEXT, numberText } from '../format/format.js';
import { formatKerasObject, isKerasObject, isKerasObjectArg, KerasObjectError, normalizeKerasObject } from './keras-objects.js';
import { lookupKind } from './registry.js';
import { LayerError, type Args, type ArgSpec, type ArgValue, type LayerArgValue, type LayerKind } from './types.js';

/** An argument that failed: which one, and why. */
export class ArgumentError extends LayerError {
  constructor(
    readonly arg: string,
    message: string,
    readonly suggestion?: string,
  ) {
    super(message, 'argument');
  }
}

/** Fills defaults and normalises every argument; throws ArgumentError for the first bad one. */
export function normalizeArgs(kind: LayerKind, raw: Readonly<Record<string, ArgValue>>): Args {
  const out: Args = {};
  for (const key of Object.keys(raw)) {
    if (!Object.hasOwn(kind.args, key)) {
      throw new ArgumentError(key, `${kind.className} has no argument '${key}'`, didYouMean(key, Object.keys(kind.args)));
    }
  }
  for (const [key, spec] of Object.entries(kind.args)) {
    const given = Object.hasOwn(raw, key) ? raw[key] : undefined;
    if (given === undefined) {
      if (spec.required) throw new ArgumentError(key, `${kind.className} requires argument '${key}' (${spec.doc})`);
      out[key] = normalizeValue(kind, key, spec, spec.default ?? null);
      continue;
    }
    out[key] = normalizeValue(kind, key, spec, given);
  }
  kind.derive?.(out);
  kind.check?.(out);
  return out;
}

function normalizeValue(kind: LayerKind, key: string, spec: ArgSpec, value: ArgValue): ArgValue {
  const fail = (what: string, suggestion?: string): never => {
    throw new ArgumentError(key, `${kind.className}: argument '${key}' ${what}, got ${show(value)}`, suggestion);
  };
  if (value === null) {
    if (spec.nullable || spec.type === 'any' || spec.type === 'activation' || isKerasObjectArg(spec) || spec.default === null) return null;
    return fail('cannot be None');
  }
  if (INTEGER_TYPES.has(spec.type)) {
    // No "got …": the value may already be rounded (YAML reads 9007199254740993 as …992); the caret shows what was written.
    if (firstInexactInteger(value) !== undefined) {
      throw new ArgumentError(
        key,
        `${kind.className}: argument '${key}' is beyond the exact integer range (netspec computes exactly up to 2 ** 53 − 1 = ${MAX_EXACT_TEXT})`,
      );
    }
  }
  switch (spec.type) {
    case 'int':
      if (!isInt(value)) return fail('must be an integer');
      if (spec.min !== undefined && (value as number) < spec.min) return fail(`must be at least ${spec.min}`);
      return value;
    case 'float':
      if (typeof value !== 'number' || !Number.isFinite(value)) return fail('must be a number');
      if (spec.min !== undefined && value < spec.min) return fail(`must be at least ${spec.min}`);
      if (spec.max !== undefined && value > spec.max) return fail(`must be at most ${spec.max}`);
      return value;
    case 'bool':
      if (typeof value !== 'boolean') return fail('must be True or False');
      return value;
    case 'enum':
      if (typeof value !== 'string') return fail(`must be one of ${spec.values.map((v) => `'${v}'`).join(', ')}`);
      if (!spec.values.includes(value.toLowerCase())) {
        return fail(`must be one of ${spec.values.map((v) => `'${v}'`).join(', ')}`, didYouMean(value, spec.values));
      }
      return value.toLowerCase();
    case 'string':
      if (typeof value !== 'string') return fail('must be a string');
      return value;
    case 'activation':
      if (typeof value !== 'string') return fail('must be an activation name');
      if (!isActivation(value)) return fail('is not a known activation', didYouMean(value, ACTIVATIONS));
      return value;
    case 'tuple':
      return normalizeTuple(value, spec.rank, spec.min ?? 0, fail);
    case 'ints': {
      const list = Array.isArray(value) ? value : [value];
      const itemOk = (v: ArgValue) => isInt(v) || (spec.noneItems === true && v === null);
      if (!list.every(itemOk)) return fail(spec.noneItems ? 'must be a list of integers or None' : 'must be a list of integers');
      return list;
    }
    case 'padding':
      return normalizePadding(value, spec.rank, fail);
    case 'axis': {
      const list = Array.isArray(value) ? value : [value];
      if (!list.every(isInt)) return fail('must be an integer axis or a list of them');
      return Array.isArray(value) ? list : value;
    }
    case 'matrix':
      if (
        !Array.isArray(value) ||
        value.length === 0 ||
        !value.every((row) => Array.isArray(row) && row.length === (value[0] as ArgValue[]).length && row.every((v) => typeof v === 'number'))
      ) {
        return fail('must be a rectangular matrix of numbers');
      }
      return value;
    case 'layer':
      return normalizeLayerArg(value, fail);
    case 'initializer':
    case 'regularizer':
    case 'constraint':
      try {
        return normalizeKerasObject(`${spec.type}s`, value);
      } catch (err) {
        if (err instanceof KerasObjectError) throw new ArgumentError(key, `${kind.className}: argument '${key}': ${err.message}`, err.suggestion);
        throw err;
      }
    case 'any':
      return value;
  }
}

/** A wrapped layer: a known kind with its own arguments normalised (the wrapper checks which kinds it takes). */
function normalizeLayerArg(value: ArgValue, fail: (what: string, suggestion?: string) => never): LayerArgValue {
  if (!isLayerArg(value)) return fail('must be a layer, e.g. LSTM(64)');
  const inner = lookupKind(value.class_name);
  if (!inner) return fail(`names no known layer kind '${value.class_name}'`);
  // Recurrent layers' further inputs (initial states) are optional: the wrapped layer reads one.
  if (inner.inputs.max !== 1 && !('go_backwards' in inner.args)) return fail(`must be a layer with one input, not ${inner.className}`);
  return { class_name: inner.className, config: normalizeArgs(inner, value.config) };
}

function isLayerArg(value: ArgValue | undefined): value is LayerArgValue {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'class_name' in value;
}

function normalizeTuple(value: ArgValue, rank: number, min: number, fail: (what: string) => never): number[] {
  const list = Array.isArray(value) ? value : Array.from({ length: rank }, () => value);
  if (list.length !== rank) fail(`must be an integer or a tuple of ${rank} integers`);
  if (!list.every(isInt)) fail(`must be an integer or a tuple of ${rank} integers`);
  if ((list as number[]).some((v) => v < min)) fail(`must be ${min === 1 ? 'positive' : `at least ${min}`}`);
  return list as number[];
}

/** int → same before/after on every axis; [a, b] → symmetric per axis; [[a, b], …] → as given. */
function normalizePadding(value: ArgValue, rank: number, fail: (what: string) => never): number[][] {
  const what = `must be an integer, a tuple of ${rank} integers, or a tuple of ${rank} (before, after) pairs`;
  let pairs: ArgValue[];
  if (isInt(value)) pairs = Array.from({ length: rank }, () => [value, value]);
  else if (Array.isArray(value) && value.length === rank) pairs = value.map((v) => (isInt(v) ? [v, v] : v));
  else if (Array.isArray(value) && rank === 1 && value.length === 2 && value.every(isInt)) pairs = [value];
  else return fail(what);
  if (!pairs.every((p) => Array.isArray(p) && p.length === 2 && p.every((v) => isInt(v) && (v as number) >= 0))) fail(what);
  return pairs as number[][];
}

/** Argument types whose numbers are integers, used in shape, parameter and MAC arithmetic. */
const INTEGER_TYPES: ReadonlySet<ArgSpec['type']> = new Set(['int', 'tuple', 'ints', 'padding', 'axis']);

/** An integer-valued number beyond ±(2^53 − 1) inside `value`: arithmetic on it would round. */
function firstInexactInteger(value: ArgValue): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && !Number.isSafeInteger(value) ? value : undefined;
  if (!Array.isArray(value)) return undefined;
  for (const item of value) {
    const found = firstInexactInteger(item);
    if (found !== undefined) return found;
  }
  return undefined;
}

function isInt(v: ArgValue): boolean {
  return typeof v === 'number' && Number.isSafeInteger(v);
}

function show(v: ArgValue): string {
  if (v === null) return 'None';
  if (typeof v === 'string') return `'${v}'`;
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (Array.isArray(v)) return `(${v.map(show).join(', ')})`;
  if (isKerasObject(v)) return formatKerasObject(v);
  if (isLayerArg(v)) return `${v.class_name}(…)`;
  return numberText(v);
}
