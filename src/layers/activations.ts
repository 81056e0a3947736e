// Keras 3's activation names, and how each maps onto TensorFlow.js.
import type { CustomActivationName } from './custom-configs.js';
import { LayerError, type BuildContext } from './types.js';

/** Activation names Keras accepts as `activation=` and that netspec accepts as bare steps. */
export const ACTIVATIONS = [
  'linear',
  'relu',
  'relu6',
  'sigmoid',
  'softmax',
  'log_softmax',
  'softplus',
  'softsign',
  'tanh',
  'selu',
  'elu',
  'exponential',
  'leaky_relu',
  'silu',
  'swish',
  'gelu',
  'hard_sigmoid',
  'hard_silu',
  'hard_swish',
  'mish',
] as const;

export type ActivationName = (typeof ACTIVATIONS)[number];

/** tfjs's own activation identifiers that match Keras exactly. */
type TfjsActivation =
  'linear' | 'relu' | 'relu6' | 'sigmoid' | 'softmax' | 'softplus' | 'softsign' | 'tanh' | 'selu' | 'elu' | 'swish' | 'mish' | 'gelu' | 'logSoftmax';

/**
 * tfjs identifiers for the activations tfjs implements exactly as Keras does.
 * The `netspec…` ones are custom tfjs activations (Keras 3's hard_sigmoid differs from tfjs's).
 */
const TFJS_NAMES: Partial<Record<ActivationName, TfjsActivation | CustomActivationName>> = {
  linear: 'linear',
  relu: 'relu',
  relu6: 'relu6',
  sigmoid: 'sigmoid',
  softmax: 'softmax',
  softplus: 'softplus',
  softsign: 'softsign',
  tanh: 'tanh',
  selu: 'selu',
  elu: 'elu',
  swish: 'swish',
  silu: 'swish',
  mish: 'mish',
  // Keras 3's default gelu is the exact erf form, as tfjs's `gelu`.
  gelu: 'gelu',
  log_softmax: 'logSoftmax',
  // Registered by src/compile/custom-activations.ts before any model is built.
  exponential: 'netspecExponential',
  leaky_relu: 'netspecLeakyRelu',
  hard_sigmoid: 'netspecHardSigmoid',
  hard_silu: 'netspecHardSwish',
  hard_swish: 'netspecHardSwish',
};

/** The tfjs activation identifier, or a LayerError when tfjs has no exact equivalent. */
export function tfjsActivation(name: string | null, ctx?: BuildContext): string | undefined {
  if (name === null || name === 'linear') return undefined;
  const mapped = TFJS_NAMES[name as ActivationName];
  // The netspec… activations exist only once the compiler has registered them.
  if (!mapped || (mapped.startsWith('netspec') && !ctx?.customLayer))
    throw new LayerError(`activation '${name}': TensorFlow.js has no exact equivalent`, 'argument');
  return mapped;
}

export function isActivation(name: string): name is ActivationName {
  return (ACTIVATIONS as readonly string[]).includes(name);
}
