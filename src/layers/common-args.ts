// Argument groups that many Keras layers share.
import type { ArgSpec } from './types.js';

/** Accepted so that a line copied from Keras code works; they do not change shapes or counts. */
export const kerasCompatArgs: Record<string, ArgSpec> = {
  data_format: {
    type: 'enum',
    values: ['channels_last'],
    default: 'channels_last',
    nullable: true,
    doc: "Only 'channels_last' (netspec is channels-last throughout).",
  },
  kernel_initializer: { type: 'initializer', default: 'glorot_uniform', doc: 'Initializer for the kernel.' },
  bias_initializer: { type: 'initializer', default: 'zeros', doc: 'Initializer for the bias.' },
  kernel_regularizer: { type: 'regularizer', default: null, doc: 'Regularizer on the kernel (training only; no effect on counts).' },
  bias_regularizer: { type: 'regularizer', default: null, doc: 'Regularizer on the bias (training only; no effect on counts).' },
  activity_regularizer: { type: 'regularizer', default: null, doc: 'Regularizer on the output (training only; no effect on counts).' },
  kernel_constraint: { type: 'constraint', default: null, doc: 'Constraint applied to the kernel after each update.' },
  bias_constraint: { type: 'constraint', default: null, doc: 'Constraint applied to the bias after each update.' },
  dtype: { type: 'any', default: null, doc: 'Accepted; netspec computes in float32.' },
};

/** Arguments with no effect on shapes that almost every layer accepts. */
export const baseCompatArgs: Record<string, ArgSpec> = {
  dtype: kerasCompatArgs.dtype!,
};

export const activationArg: ArgSpec = {
  type: 'activation',
  default: null,
  nullable: true,
  doc: "Activation applied to the output (`'relu'`, `'softmax'`, …); None is linear.",
};

export const useBiasArg: ArgSpec = { type: 'bool', default: true, doc: 'Whether the layer adds a bias vector.' };

export const dataFormatArg: ArgSpec = kerasCompatArgs.data_format!;

/** Initializer/regularizer/constraint arguments named after a weight (`depthwise_`, `pointwise_`, `gamma_`, …). */
export function weightCompatArgs(prefix: string, initializer: string): Record<string, ArgSpec> {
  return {
    [`${prefix}_initializer`]: { type: 'initializer', default: initializer, doc: `Initializer for the ${prefix} weights.` },
    [`${prefix}_regularizer`]: { type: 'regularizer', default: null, doc: `Regularizer on the ${prefix} weights (training only).` },
    [`${prefix}_constraint`]: { type: 'constraint', default: null, doc: `Constraint on the ${prefix} weights.` },
  };
}

/** The bias and activity arguments of a layer with a bias (bias_initializer, bias_regularizer, …). */
export const biasCompatArgs: Record<string, ArgSpec> = {
  ...weightCompatArgs('bias', 'zeros'),
  activity_regularizer: kerasCompatArgs.activity_regularizer!,
  dtype: kerasCompatArgs.dtype!,
};

/** `seed` of the random layers; accepted, it does not change shapes. */
export const seedArg: ArgSpec = { type: 'int', default: null, nullable: true, doc: 'Random seed (accepted; no effect on shapes).' };
