// Keras argument objects (initializers, regularizers, constraints) as TensorFlow.js objects for a
// layer's config: `kernel_initializer=keras.initializers.HeNormal(seed=1)` → `kernelInitializer`.
// Where tfjs has no object that draws or penalises the same way, the build is refused, never
// silently changed. Nothing here imports tfjs at run time: the builders hand in `tf`.
import { formatKerasObject, isKerasObject, kerasObjectClass, kerasObjectConfig } from './keras-objects.js';
import { noTfjsEquivalent } from './tfjs-util.js';
import type { ArgValue, Args, KerasObjectModule, KerasObjectValue, Tf } from './types.js';

/**
 * Keras 3 draws a truncated normal "with stddev sqrt(scale)" by dividing by the truncated
 * distribution's own stddev (0.8796…, truncation at 2σ); tfjs's VarianceScaling('normal') does not,
 * so its scale is raised to match.
 */
const TRUNCATION_STDDEV = 0.87962566103423978;

const FAN_MODES: Readonly<Record<string, 'fanIn' | 'fanOut' | 'fanAvg'>> = { fan_in: 'fanIn', fan_out: 'fanOut', fan_avg: 'fanAvg' };

/** Keras's variance-scaling shorthands: scale, mode and distribution (keras/src/initializers/random_initializers.py). */
const VARIANCE_SCALING: Readonly<Record<string, [number, string, string]>> = {
  GlorotNormal: [1.0, 'fan_avg', 'truncated_normal'],
  GlorotUniform: [1.0, 'fan_avg', 'uniform'],
  HeNormal: [2.0, 'fan_in', 'truncated_normal'],
  HeUniform: [2.0, 'fan_in', 'uniform'],
  LecunNormal: [1.0, 'fan_in', 'truncated_normal'],
  LecunUniform: [1.0, 'fan_in', 'uniform'],
};

type TfInitializer = ReturnType<Tf['initializers']['zeros']>;
type TfRegularizer = ReturnType<Tf['regularizers']['l2']>;
type TfConstraint = ReturnType<Tf['constraints']['nonNeg']>;

const seedOf = (config: Record<string, ArgValue>): number | undefined => (typeof config.seed === 'number' ? config.seed : undefined);
const num = (config: Record<string, ArgValue>, key: string): number => config[key] as number;

function initializer(tf: Tf, value: string | KerasObjectValue): TfInitializer {
  const { className, config } = kerasObjectConfig(value, 'initializers');
  const refuse = (why: string): never => noTfjsEquivalent(`keras.initializers.${className}${why}`);
  if ((config.input_axes ?? null) !== null || (config.output_axes ?? null) !== null) refuse(' with input_axes/output_axes');
  const seed = seedOf(config);
  // The uniform shorthands are tfjs's own named initializers (Keras's default glorot_uniform stays tfjs's default).
  if (className === 'GlorotUniform') return tf.initializers.glorotUniform({ seed });
  if (className === 'HeUniform') return tf.initializers.heUniform({ seed });
  if (className === 'LecunUniform') return tf.initializers.leCunUniform({ seed });
  const scaling =
    VARIANCE_SCALING[className] ?? (className === 'VarianceScaling' ? [num(config, 'scale'), config.mode as string, config.distribution as string] : undefined);
  if (scaling) {
    const [scale, mode, distribution] = scaling;
    const fanMode = FAN_MODES[mode];
    if (!fanMode) return refuse(` with mode='${mode}'`);
    if (distribution === 'uniform') return tf.initializers.varianceScaling({ scale, mode: fanMode, distribution: 'uniform', seed });
    if (distribution === 'truncated_normal')
      return tf.initializers.varianceScaling({ scale: scale / TRUNCATION_STDDEV ** 2, mode: fanMode, distribution: 'normal', seed });
    return refuse(` with distribution='${distribution}' (tfjs's VarianceScaling draws uniform or truncated normal values only)`);
  }
  switch (className) {
    case 'Zeros':
      return tf.initializers.zeros();
    case 'Ones':
      return tf.initializers.ones();
    case 'Constant':
      if (typeof config.value !== 'number') return refuse(' with a value that is not one number');
      return tf.initializers.constant({ value: config.value });
    case 'RandomNormal':
      return tf.initializers.randomNormal({ mean: num(config, 'mean'), stddev: num(config, 'stddev'), seed });
    case 'RandomUniform':
      return tf.initializers.randomUniform({ minval: num(config, 'minval'), maxval: num(config, 'maxval'), seed });
    case 'TruncatedNormal':
      return tf.initializers.truncatedNormal({ mean: num(config, 'mean'), stddev: num(config, 'stddev'), seed });
    case 'Orthogonal':
      return tf.initializers.orthogonal({ gain: num(config, 'gain'), seed });
    default:
      // Identity (tfjs: square 2-D only) and STFT.
      return refuse('');
  }
}

function regularizer(tf: Tf, value: string | KerasObjectValue): TfRegularizer {
  const { className, config } = kerasObjectConfig(value, 'regularizers');
  switch (className) {
    case 'L1':
      return tf.regularizers.l1({ l1: num(config, 'l1') });
    case 'L2':
      return tf.regularizers.l2({ l2: num(config, 'l2') });
    case 'L1L2':
      return tf.regularizers.l1l2({ l1: num(config, 'l1'), l2: num(config, 'l2') });
    default:
      return noTfjsEquivalent(`keras.regularizers.${className}`);
  }
}

function constraint(tf: Tf, value: string | KerasObjectValue): TfConstraint {
  const { className, config } = kerasObjectConfig(value, 'constraints');
  const axis = config.axis as number;
  switch (className) {
    case 'MaxNorm':
      return tf.constraints.maxNorm({ maxValue: num(config, 'max_value'), axis });
    case 'MinMaxNorm':
      return tf.constraints.minMaxNorm({ minValue: num(config, 'min_value'), maxValue: num(config, 'max_value'), rate: num(config, 'rate'), axis });
    case 'NonNeg':
      return tf.constraints.nonNeg();
    case 'UnitNorm':
      return tf.constraints.unitNorm({ axis });
    default:
      return noTfjsEquivalent(`keras.constraints.${className}`);
  }
}

/**
 * Keras's default initializer per weight. All but the kernels' are tfjs's defaults too and are left
 * out of the tfjs config; tfjs's Dense, Conv and DepthwiseConv2D kernels default to glorotNormal,
 * so Keras's glorot_uniform kernels are always passed.
 */
const KERAS_DEFAULT_INITIALIZERS: Readonly<Record<string, string>> = {
  kernel: 'GlorotUniform',
  recurrent: 'Orthogonal',
  depthwise: 'GlorotUniform',
  pointwise: 'GlorotUniform',
  bias: 'Zeros',
  beta: 'Zeros',
  gamma: 'Ones',
  moving_mean: 'Zeros',
  moving_variance: 'Ones',
  alpha: 'Zeros',
  embeddings: 'RandomUniform',
};

/** A string naming Keras's default initializer of the weight (`'glorot_uniform'` for a kernel, `'zeros'` for a bias). */
function isDefaultInitializer(weight: string, value: ArgValue): boolean {
  return typeof value === 'string' && kerasObjectClass('initializers', value) === KERAS_DEFAULT_INITIALIZERS[weight];
}

/** Keras's default, and tfjs's too: nothing to pass. */
/** Keras's glorot_uniform kernels, where tfjs's Dense, Conv and DepthwiseConv2D default to glorotNormal: always passed. */
const KERNELS = new Set(['kernel', 'depthwise', 'pointwise']);
const isSharedDefault = (weight: string, value: ArgValue): boolean => !KERNELS.has(weight) && isDefaultInitializer(weight, value);

const MODULE_BY_SUFFIX: Readonly<Record<string, KerasObjectModule>> = { initializer: 'initializers', regularizer: 'regularizers', constraint: 'constraints' };
const camelCase = (name: string): string => name.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

/**
 * A layer's initializer, regularizer and constraint arguments that tfjs needs to be told: not the
 * defaults tfjs shares with Keras, and for netspec's own layers (`ownLayer`), which start from
 * Keras's defaults, none of Keras's defaults.
 */
export function weightObjectArgs(args: Args, ownLayer = false): Record<string, string | KerasObjectValue> {
  const objects: Record<string, string | KerasObjectValue> = {};
  for (const [key, value] of Object.entries(args)) {
    const match = /^(\w+?)_(initializer|regularizer|constraint)$/.exec(key);
    if (!match || value === null || (typeof value !== 'string' && !isKerasObject(value))) continue;
    if (ownLayer ? isDefaultInitializer(match[1]!, value) : isSharedDefault(match[1]!, value)) continue;
    // tfjs refuses to call a layer with one ("not supported yet"): say so before it does.
    if (key === 'activity_regularizer') noTfjsEquivalent('activity_regularizer (TensorFlow.js layers cannot be called with one)');
    Object.defineProperty(objects, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return objects;
}

/** One argument object as tfjs's (`kernel_initializer` → an initializer, `bias_regularizer` → a regularizer, …). */
export function tfjsWeightObject(tf: Tf, key: string, value: string | KerasObjectValue): TfInitializer | TfRegularizer | TfConstraint {
  const module = MODULE_BY_SUFFIX[/_(initializer|regularizer|constraint)$/.exec(key)![1]!]!;
  return module === 'initializers' ? initializer(tf, value) : module === 'regularizers' ? regularizer(tf, value) : constraint(tf, value);
}

/**
 * The tfjs config entries for every initializer, regularizer and constraint argument of a layer:
 * `kernel_initializer` → `kernelInitializer`, `moving_mean_initializer` → `movingMeanInitializer`
 * (tfjs names them the same way). Keras's defaults map to tfjs's own defaults.
 */
export function tfjsWeightOptions(tf: Tf, args: Args): Record<string, TfInitializer | TfRegularizer | TfConstraint> {
  const options: Record<string, TfInitializer | TfRegularizer | TfConstraint> = {};
  for (const [key, value] of Object.entries(weightObjectArgs(args))) {
    Object.defineProperty(options, camelCase(key), { value: tfjsWeightObject(tf, key, value), enumerable: true, writable: true, configurable: true });
  }
  return options;
}

/**
 * netspec's custom convolution layers start from Keras's default initializers and take no
 * regularizer or constraint: any other object is refused rather than dropped.
 */
export function requireKerasDefaultObjects(args: Args, layer: string): void {
  for (const [key, value] of Object.entries(args)) {
    const match = /^(\w+?)_(initializer|regularizer|constraint)$/.exec(key);
    if (!match || value === null || (typeof value !== 'string' && !isKerasObject(value))) continue;
    if (!isDefaultInitializer(match[1]!, value)) noTfjsEquivalent(`${key}=${formatKerasObject(value)} on ${layer}`);
  }
}
