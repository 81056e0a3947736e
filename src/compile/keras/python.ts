// Python source text for emitted Keras code: literals, identifiers, one layer constructor call.
import { normalizeArgs } from '../../layers/args.js';
import { formatKerasObject, isKerasObject } from '../../layers/keras-objects.js';
import { lookupKind } from '../../layers/registry.js';
import type { Args, ArgSpec, ArgValue, LayerArgValue, LayerKind } from '../../layers/types.js';

const PY_KEYWORDS = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield keras layers np build_model name'.split(
    ' ',
  ),
);

/** A string literal, double-quoted as Keras's own code writes them. */
export function pyString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/** A value as Python: tuples for shapes and window sizes (`(3, 3)`), None/True/False. */
export function pyValue(value: ArgValue, asList = false): string {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return Number.isInteger(value) || !Number.isFinite(value) ? String(value) : pyFloat(value);
  if (typeof value === 'string') return pyString(value);
  if (isKerasObject(value)) return `keras.${value.module}.${formatKerasObject(value)}`;
  if (!Array.isArray(value)) return layerValue(value);
  const items = value.map((v) => pyValue(v, asList));
  if (asList) return `[${items.join(', ')}]`;
  return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
}

/** A layer given as an argument (Bidirectional's `layer`): its constructor call. */
function layerValue(value: LayerArgValue): string {
  const kind = lookupKind(value.class_name);
  if (!kind) return `layers.${value.class_name}()`;
  return `layers.${kind.className}(${layerArguments(kind, value.config).join(', ')})`;
}

function pyFloat(value: number): string {
  const text = String(value);
  return /[.e]/.test(text) ? text : `${text}.0`;
}

/** A layer name → a readable Python identifier (`stage2.block1.conv2d` → `stage2_block1_conv2d`). */
export class Identifiers {
  private readonly taken = new Set<string>();
  private readonly byKey = new Map<string, string>();

  constructor(reserved: Iterable<string> = []) {
    for (const r of reserved) this.taken.add(r);
  }

  /** A new identifier every call (for functions that share a block's name). */
  fresh(base: string): string {
    return this.of(`${base}\u0000${this.taken.size}`, base);
  }

  of(key: string, text = key): string {
    const known = this.byKey.get(key);
    if (known) return known;
    let base = text.replace(/[^A-Za-z0-9_]/g, '_').replace(/^(?=\d)/, '_');
    if (PY_KEYWORDS.has(base)) base = `${base}_`;
    let name = base;
    for (let i = 2; this.taken.has(name); i++) name = `${base}_${i}`;
    this.taken.add(name);
    this.byKey.set(key, name);
    return name;
  }
}

/** Arguments that Keras's default already gives are left out; required ones come first, positionally. */
export function layerArguments(kind: LayerKind, args: Args, lifted: ReadonlyMap<string, string> = new Map()): string[] {
  const omit = defaultKeys(kind, args);
  const positional: string[] = [];
  for (const key of kind.positional) {
    if (!kind.args[key]?.required || !(key in args)) break;
    positional.push(lifted.get(key) ?? argText(kind.args[key], args[key]!));
  }
  const done = new Set(kind.positional.slice(0, positional.length));
  const keywords: string[] = [];
  for (const [key, spec] of Object.entries(kind.args)) {
    if (done.has(key) || !(key in args)) continue;
    const liftedName = lifted.get(key);
    if (liftedName) keywords.push(`${key}=${liftedName}`);
    else if (!omit.has(key)) keywords.push(`${key}=${argText(spec, args[key]!)}`);
  }
  return [...positional, ...keywords];
}

/** One argument's value as Keras code: a uniform window tuple as one int (`kernel_size=3`). */
export function argText(spec: ArgSpec, value: ArgValue): string {
  // Keras's 1D padding and cropping take one (before, after) pair, not a list of pairs.
  if (spec.type === 'padding' && spec.rank === 1 && Array.isArray(value) && value.length === 1) return pyValue(value[0]!);
  if (spec.type === 'tuple' && Array.isArray(value) && value.length > 0 && value.every((v) => v === value[0])) return pyValue(value[0]!);
  return pyValue(value, spec.type === 'matrix' || spec.type === 'any');
}

const omitted = new Map<string, Set<string>>();

/**
 * Arguments Keras would give the same value if left out, given the others (MaxPooling2D's strides
 * follow pool_size): the kind's own defaults and derivations decide. Leaving one in is never
 * wrong; leaving one out must be exact.
 */
function defaultKeys(kind: LayerKind, args: Args): Set<string> {
  const cacheKey = `${kind.className} ${JSON.stringify(args)}`;
  const cached = omitted.get(cacheKey);
  if (cached) return cached;
  const same = (a: ArgValue | undefined, b: ArgValue | undefined): boolean => JSON.stringify(a) === JSON.stringify(b);
  const required: Record<string, ArgValue> = {};
  for (const [key, spec] of Object.entries(kind.args)) if (spec.required && key in args) required[key] = args[key]!;
  const base = tryNormalize(kind, required);
  const keys = new Set<string>();
  for (const key of Object.keys(args)) {
    if (kind.args[key]?.required || !base) continue;
    const { [key]: _, ...rest } = args;
    if (same(tryNormalize(kind, rest)?.[key], args[key])) keys.add(key);
  }
  if (omitted.size > 5000) omitted.clear();
  omitted.set(cacheKey, keys);
  return keys;
}

function tryNormalize(kind: LayerKind, raw: Record<string, ArgValue>): Args | undefined {
  try {
    return normalizeArgs(kind, raw);
  } catch {
    return undefined;
  }
}
