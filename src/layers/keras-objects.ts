// Keras 3's argument objects — initializers, regularizers and constraints — as layer arguments take
// them: a name (`"he_normal"`) or a constructed object (`keras.initializers.HeNormal(seed=1)`). They
// change no shape or count; netspec checks them as Keras's `get()` would, shows them in `explain`, and
// compile hands them to TensorFlow.js where it has the same object (src/layers/tfjs-objects.ts).
// The tables follow Keras 3.15's source; test/layers/keras-objects.test.ts checks them against the
// names and constructor keywords Keras itself reports (scripts/keras/argument_objects_fixture.py).
import { didYouMean } from '../diagnostics/format.js';
import type { ArgSpec, ArgValue, KerasObjectModule, KerasObjectValue } from './types.js';

/** A constructor's keywords in Keras's positional order, with Keras's defaults. */
type Keywords = Readonly<Record<string, ArgValue>>;

interface ModuleTable {
  /** What one object is called in messages. */
  noun: string;
  classes: Readonly<Record<string, Keywords>>;
  /** Names `get()` resolves besides the class names (snake_case, Keras's aliases) → class. */
  aliases: Readonly<Record<string, string>>;
  /** Names `get()` refuses although they name a class (Constant needs its value), with the reason. */
  refusedByName?: Readonly<Record<string, string>>;
  /** Public constructors that are not names for `get()` (keras.regularizers.l1_l2). */
  constructorsOnly?: Readonly<Record<string, string>>;
}

const SEEDED_FAN = { seed: null, input_axes: null, output_axes: null };

export const KERAS_OBJECTS: Readonly<Record<KerasObjectModule, ModuleTable>> = {
  initializers: {
    noun: 'initializer',
    classes: {
      Constant: { value: 0.0 },
      Zeros: {},
      Ones: {},
      Identity: { gain: 1.0 },
      RandomNormal: { mean: 0.0, stddev: 0.05, seed: null },
      RandomUniform: { minval: -0.05, maxval: 0.05, seed: null },
      TruncatedNormal: { mean: 0.0, stddev: 0.05, seed: null },
      VarianceScaling: { scale: 1.0, mode: 'fan_in', distribution: 'truncated_normal', ...SEEDED_FAN },
      GlorotNormal: SEEDED_FAN,
      GlorotUniform: SEEDED_FAN,
      HeNormal: SEEDED_FAN,
      HeUniform: SEEDED_FAN,
      LecunNormal: SEEDED_FAN,
      LecunUniform: SEEDED_FAN,
      Orthogonal: { gain: 1.0, seed: null },
      STFT: { window: 'hann', scaling: 'density', periodic: false, side: 'real' },
    },
    aliases: {
      constant: 'Constant',
      zeros: 'Zeros',
      zero: 'Zeros',
      ones: 'Ones',
      one: 'Ones',
      identity: 'Identity',
      IdentityInitializer: 'Identity',
      random_normal: 'RandomNormal',
      normal: 'RandomNormal',
      random_uniform: 'RandomUniform',
      uniform: 'RandomUniform',
      truncated_normal: 'TruncatedNormal',
      variance_scaling: 'VarianceScaling',
      glorot_normal: 'GlorotNormal',
      glorot_uniform: 'GlorotUniform',
      he_normal: 'HeNormal',
      he_uniform: 'HeUniform',
      lecun_normal: 'LecunNormal',
      lecun_uniform: 'LecunUniform',
      orthogonal: 'Orthogonal',
      OrthogonalInitializer: 'Orthogonal',
      stft: 'STFT',
      STFTInitializer: 'STFT',
    },
    refusedByName: {
      Constant: 'a Constant initializer needs its value: write keras.initializers.Constant(0.1)',
      constant: 'a Constant initializer needs its value: write keras.initializers.Constant(0.1)',
    },
  },
  regularizers: {
    noun: 'regularizer',
    classes: {
      L1: { l1: 0.01 },
      L2: { l2: 0.01 },
      L1L2: { l1: 0.0, l2: 0.0 },
      OrthogonalRegularizer: { factor: 0.01, mode: 'rows' },
    },
    aliases: { l1: 'L1', l2: 'L2', l1l2: 'L1L2', orthogonal_regularizer: 'OrthogonalRegularizer' },
    constructorsOnly: { l1_l2: 'L1L2' },
  },
  constraints: {
    noun: 'constraint',
    classes: {
      MaxNorm: { max_value: 2, axis: 0 },
      MinMaxNorm: { min_value: 0.0, max_value: 1.0, rate: 1.0, axis: 0 },
      NonNeg: {},
      UnitNorm: { axis: 0 },
    },
    aliases: { max_norm: 'MaxNorm', min_max_norm: 'MinMaxNorm', non_neg: 'NonNeg', unit_norm: 'UnitNorm' },
  },
};

const EXAMPLES: Readonly<Record<KerasObjectModule, string>> = { initializers: 'HeNormal(seed=1)', regularizers: 'l2(1e-4)', constraints: 'MaxNorm(3)' };
const article = (noun: string): string => (/^[aeiou]/.test(noun) ? 'an' : 'a');

/** Why a value is not an argument object of the module, and a did-you-mean. */
export class KerasObjectError extends Error {
  constructor(
    message: string,
    readonly suggestion?: string,
  ) {
    super(message);
  }
}

/** Every name `get()` resolves in the module: class names and aliases. */
export function kerasObjectNames(module: KerasObjectModule): string[] {
  const table = KERAS_OBJECTS[module];
  return [...Object.keys(table.classes), ...Object.keys(table.aliases)];
}

/** The class a name resolves to (`he_normal` → HeNormal), or undefined. */
export function kerasObjectClass(module: KerasObjectModule, name: string): string | undefined {
  const table = KERAS_OBJECTS[module];
  return Object.hasOwn(table.classes, name) ? name : Object.hasOwn(table.aliases, name) ? table.aliases[name] : undefined;
}

/** The class a constructor builds (`keras.regularizers.l1_l2` → L1L2), or undefined. */
export function kerasObjectConstructor(module: KerasObjectModule, name: string): string | undefined {
  const only = KERAS_OBJECTS[module].constructorsOnly;
  return kerasObjectClass(module, name) ?? (only && Object.hasOwn(only, name) ? only[name] : undefined);
}

function unknownName(module: KerasObjectModule, name: string): KerasObjectError {
  const { noun } = KERAS_OBJECTS[module];
  const suggestion = didYouMean(name, kerasObjectNames(module));
  return new KerasObjectError(
    `unknown ${noun} '${name}'${suggestion ? ` (${suggestion})` : ''}`,
    suggestion ?? `the ${noun}s are ${Object.keys(KERAS_OBJECTS[module].classes).join(', ')}`,
  );
}

/**
 * Checks an argument that takes an object of `module`: a name Keras's get() resolves, or a
 * constructed object of that module with known keywords. A constructed object comes back with its
 * class name resolved and its positional arguments bound to their keywords, so
 * `keras.regularizers.l2(1e-4)` and `keras.regularizers.L2(l2=0.0001)` are the same value.
 */
export function normalizeKerasObject(module: KerasObjectModule, value: ArgValue): string | KerasObjectValue {
  const { noun } = KERAS_OBJECTS[module];
  if (typeof value === 'string') {
    const refused = KERAS_OBJECTS[module].refusedByName?.[value];
    if (refused) throw new KerasObjectError(refused);
    if (kerasObjectClass(module, value) === undefined) {
      // `params: {reg: "keras.regularizers.l2(1e-4)"}`: YAML quotes make it a string, not a call.
      if (/\(.*\)\s*$/.test(value))
        throw new KerasObjectError(`'${value}' is a quoted string, not a call: write it without quotes (params: {reg: keras.regularizers.l2(1e-4)})`);
      throw unknownName(module, value);
    }
    return value;
  }
  if (!isKerasObject(value))
    throw new KerasObjectError(
      `expects the name of ${article(noun)} ${noun} or one built like keras.${module}.${EXAMPLES[module]}, got ${JSON.stringify(value)}`,
    );
  if (value.module !== module) {
    throw new KerasObjectError(
      `expects ${article(noun)} ${noun}, got ${article(KERAS_OBJECTS[value.module].noun)} ${KERAS_OBJECTS[value.module].noun} (keras.${value.module}.${value.className})`,
    );
  }
  const className = kerasObjectConstructor(module, value.className);
  if (className === undefined) throw unknownName(module, value.className);
  const keywords = KERAS_OBJECTS[module].classes[className]!;
  const names = Object.keys(keywords);
  if (value.args.length > names.length) {
    throw new KerasObjectError(
      `keras.${module}.${value.className}() takes at most ${names.length} positional argument${names.length === 1 ? '' : 's'} (${value.args.length} given)`,
    );
  }
  const config: Record<string, ArgValue> = {};
  value.args.forEach((arg, i) => define(config, names[i]!, arg));
  for (const [key, arg] of Object.entries(value.config)) {
    if (!names.includes(key)) {
      const suggestion = didYouMean(key, names);
      throw new KerasObjectError(
        `keras.${module}.${className}() got an unexpected keyword argument '${key}'`,
        suggestion ?? (names.length ? `its keywords are ${names.join(', ')}` : 'it takes no arguments'),
      );
    }
    if (Object.hasOwn(config, key)) throw new KerasObjectError(`keras.${module}.${className}() got multiple values for argument '${key}'`);
    define(config, key, arg);
  }
  return { module, className, args: [], config };
}

/** Arguments that take a Keras initializer, regularizer or constraint (None is Keras's default for each). */
export function isKerasObjectArg(spec: ArgSpec | undefined): spec is ArgSpec & { type: 'initializer' | 'regularizer' | 'constraint' } {
  return spec !== undefined && (spec.type === 'initializer' || spec.type === 'regularizer' || spec.type === 'constraint');
}

export function isKerasObject(value: ArgValue | undefined): value is KerasObjectValue {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'module' in value && 'className' in value;
}

/** `HeNormal(seed=1)`, `L2(l2=0.0001)`, `'he_normal'`: how explain and diagnostics show the value. */
export function formatKerasObject(value: string | KerasObjectValue): string {
  if (typeof value === 'string') return `'${value}'`;
  const args = [...value.args.map(formatPlain), ...Object.entries(value.config).map(([k, v]) => `${k}=${formatPlain(v)}`)];
  return `${value.className}(${args.join(', ')})`;
}

function formatPlain(value: ArgValue): string {
  if (value === null) return 'None';
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (Array.isArray(value)) return `(${value.map(formatPlain).join(', ')})`;
  if (isKerasObject(value)) return formatKerasObject(value);
  return String(value);
}

const ROLE: Readonly<Record<KerasObjectModule, string>> = {
  initializers: 'starting values',
  regularizers: 'adds a penalty to the training loss',
  constraints: 'applied to the weights after each training update',
};

/**
 * explain's lines for the argument objects a step sets (those that differ from Keras's default),
 * e.g. `kernel_initializer = HeNormal(seed=1): starting values; no effect on shapes or counts`.
 */
export function kerasObjectLines(specs: Readonly<Record<string, ArgSpec>>, args: Readonly<Record<string, ArgValue>>): string[] {
  const lines: string[] = [];
  for (const [name, spec] of Object.entries(specs)) {
    const value = args[name];
    if (!isKerasObjectArg(spec) || value === undefined || value === null || value === spec.default) continue;
    if (typeof value !== 'string' && !isKerasObject(value)) continue;
    lines.push(`${name} = ${formatKerasObject(value)}: ${ROLE[`${spec.type}s`]}; no effect on shapes or counts`);
  }
  return lines;
}

/** A keyword's value with Keras's default filled in. */
export function kerasObjectConfig(value: string | KerasObjectValue, module: KerasObjectModule): { className: string; config: Record<string, ArgValue> } {
  const className = (typeof value === 'string' ? kerasObjectClass(module, value) : kerasObjectConstructor(module, value.className))!;
  const config: Record<string, ArgValue> = { ...KERAS_OBJECTS[module].classes[className] };
  if (typeof value !== 'string') for (const [k, v] of Object.entries(value.config)) define(config, k, v);
  return { className, config };
}

function define(target: Record<string, ArgValue>, key: string, value: ArgValue): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
