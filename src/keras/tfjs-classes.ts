// TensorFlow.js model.json files written by `netspec compile` hold netspec's own tfjs layer classes
// where tfjs lacks a Keras layer or gets it wrong (src/layers/custom-configs.ts). Each one is turned
// back into the Keras class and config it was built from, so importing a compiled model gives the
// spec's layers again. tfjs's camelCase activation names are Keras's snake_case ones.
import { isActivation } from '../layers/activations.js';

type Json = Record<string, unknown>;

export interface KerasLayerConfig {
  className: string;
  config: Json;
}

const CUSTOM_ACTIVATIONS: Record<string, string> = {
  netspecHardSigmoid: 'hard_sigmoid',
  netspecHardSwish: 'hard_swish',
  netspecLeakyRelu: 'leaky_relu',
  netspecExponential: 'exponential',
};

/** `hardSigmoid` (tfjs) → `hard_sigmoid` (Keras); names Keras already knows pass unchanged. */
export function kerasActivation(name: string): string {
  if (isActivation(name)) return name;
  const custom = CUSTOM_ACTIVATIONS[name];
  if (custom) return custom;
  if (name.startsWith('netspec_') && isActivation(name.slice(8))) return name.slice(8);
  const snake = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  return isActivation(snake) ? snake : name;
}

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** A config field under its camelCase name or the snake_case one tfjs writes to model.json. */
function field(config: Json, camel: string): unknown {
  const snake = camel.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  return Object.hasOwn(config, snake) ? config[snake] : config[camel];
}

/** The Keras layer a netspec custom tfjs layer stands for; undefined for any other class. */
export function fromNetspecClass(className: string, saved: Json): KerasLayerConfig | undefined {
  const config = new Proxy(saved, { get: (target, key) => (typeof key === 'string' ? field(target, key) : undefined) });
  const identity: Json = { name: config.name, ...(config.trainable === false ? { trainable: false } : {}) };
  const activation = typeof config.activation === 'string' ? kerasActivation(config.activation) : config.activation;
  /** The arguments a convolution and a transposed one share, in Keras's spelling. */
  const convolution = (c: typeof config): Json => ({
    ...identity,
    filters: c.filters,
    kernel_size: c.kernelSize,
    strides: c.strides,
    padding: c.padding,
    dilation_rate: c.dilationRate,
    activation,
    use_bias: c.useBias,
  });
  switch (className) {
    case 'NetspecSubtract':
      return { className: 'Subtract', config: identity };
    case 'NetspecConv':
      return { className: `Conv${String(config.rank)}D`, config: { ...convolution(config), groups: config.groups } };
    case 'NetspecConvTranspose':
      return { className: `Conv${String(config.rank)}DTranspose`, config: { ...convolution(config), output_padding: config.outputPadding } };
    case 'NetspecElementwise':
      if (config.op === 'relu')
        return { className: 'ReLU', config: { ...identity, max_value: config.maxValue, negative_slope: config.negativeSlope, threshold: config.threshold } };
      if (config.op === 'elu') return { className: 'ELU', config: { ...identity, alpha: config.alpha } };
      if (config.op === 'softmax') return { className: 'Softmax', config: { ...identity, axis: config.axes } };
      if (config.op === 'masking') return { className: 'Masking', config: { ...identity, mask_value: config.maskValue } };
      return undefined;
    case 'NetspecResample': {
      const amounts = list(config.amounts);
      const rank = amounts.length;
      if (config.op === 'pad') return { className: `ZeroPadding${rank}D`, config: { ...identity, padding: amounts } };
      if (config.op === 'crop') return { className: `Cropping${rank}D`, config: { ...identity, cropping: amounts } };
      const size = amounts.map((a) => list(a)[0]);
      if (config.op === 'nearest') return { className: `UpSampling${rank}D`, config: { ...identity, size } };
      if (config.op === 'bilinear') return { className: 'UpSampling2D', config: { ...identity, size, interpolation: 'bilinear' } };
      return undefined;
    }
    case 'NetspecFixedFilter':
      return { className: 'Filter2D', config: { ...identity, kernel: config.kernel, strides: config.strides, padding: config.padding } };
    case 'NetspecCropResize': {
      const size = { height: config.height, width: config.width };
      if (config.mode === 'center') return { className: 'CenterCrop', config: { ...identity, ...size } };
      const mode =
        config.mode === 'smart'
          ? { crop_to_aspect_ratio: true }
          : config.mode === 'pad'
            ? { pad_to_aspect_ratio: true, fill_value: config.fillValue ?? 0 }
            : {};
      return { className: 'Resizing', config: { ...identity, ...size, interpolation: config.interpolation, ...mode } };
    }
    case 'NetspecMultiHeadAttention': {
      const out = list(config.outputShape);
      return {
        className: 'MultiHeadAttention',
        config: {
          ...identity,
          num_heads: config.numHeads,
          key_dim: config.keyDim,
          value_dim: config.valueDim,
          use_bias: config.useBias,
          output_shape: out.length === 1 ? out[0] : out,
          attention_axes: config.attentionAxes,
          use_causal_mask: config.causal,
        },
      };
    }
    // Keras's GRU with reset_after=True (tfjs has only reset_after=False).
    case 'NetspecGRU':
      return {
        className: 'GRU',
        config: {
          ...identity,
          units: config.units,
          activation,
          recurrent_activation: typeof config.recurrentActivation === 'string' ? kerasActivation(config.recurrentActivation) : config.recurrentActivation,
          use_bias: config.useBias,
          dropout: config.dropout,
          recurrent_dropout: config.recurrentDropout,
          return_sequences: config.returnSequences,
          return_state: config.returnState ?? false,
          go_backwards: config.goBackwards,
          reset_after: true,
        },
      };
    // ConvLSTM3D, and ConvLSTM2D started from initial states.
    case 'NetspecConvLSTM2D':
    case 'NetspecConvLSTM3D':
      return {
        className: className.slice('Netspec'.length),
        config: {
          ...identity,
          filters: config.filters,
          kernel_size: config.kernelSize,
          strides: config.strides,
          padding: config.padding,
          dilation_rate: config.dilationRate,
          activation,
          recurrent_activation: typeof config.recurrentActivation === 'string' ? kerasActivation(config.recurrentActivation) : config.recurrentActivation,
          use_bias: config.useBias,
          unit_forget_bias: config.unitForgetBias,
          return_sequences: config.returnSequences,
          return_state: config.returnState ?? false,
          go_backwards: config.goBackwards,
        },
      };
    case 'NetspecAttention':
      if (config.score === 'additive')
        return { className: 'AdditiveAttention', config: { ...identity, use_scale: config.useScale, use_causal_mask: config.causal } };
      return { className: 'Attention', config: { ...identity, use_scale: config.useScale, score_mode: config.score, use_causal_mask: config.causal } };
    case 'NetspecGroupNormalization':
      return {
        className: 'GroupNormalization',
        config: { ...identity, groups: config.groups, axis: config.axis, epsilon: config.epsilon, center: config.center, scale: config.scale },
      };
    case 'NetspecUnitNormalization':
      return { className: 'UnitNormalization', config: { ...identity, axis: config.axes } };
    case 'NetspecDot':
      return { className: 'Dot', config: { ...identity, axes: config.axes, normalize: config.normalize } };
    case 'NetspecClassToken':
      return { className: 'ClassToken', config: identity };
    case 'NetspecAddPositionEmbedding':
      return { className: 'AddPositionEmbedding', config: identity };
    default:
      return undefined;
  }
}
