// LayerScale (Touvron et al. 2021, "Going deeper with Image Transformers"), as keras.applications'
// ConvNeXt builds it: the input times a learned per-channel vector gamma, initialised to a small
// constant so a residual branch starts close to zero.
import { formatTuple } from '../format/format.js';
import { kerasCompatArgs } from './common-args.js';
import { defineKind } from './define-kind.js';
import { argInt, argNum, knownProduct } from './shape-math.js';
import { applyOne, customLayer } from './tfjs-util.js';
import { LayerError } from './types.js';

export const LayerScale = defineKind({
  className: 'LayerScale',
  family: 'norm',
  doc: "Multiplies each channel by a learned scale gamma (ConvNeXt's layer scale); gamma starts at `init_values`.",
  args: {
    init_values: { type: 'float', required: true, doc: 'Initial value of every gamma entry (ConvNeXt: 1e-6).' },
    projection_dim: { type: 'int', min: 1, required: true, doc: 'Length of gamma: the channels of the input.' },
    dtype: kerasCompatArgs.dtype!,
  },
  positional: ['init_values', 'projection_dim'],
  outputShape([input], args) {
    const channels = input![input!.length - 1];
    const dim = argInt(args, 'projection_dim');
    // x * gamma broadcasts gamma (projection_dim,) over the last axis.
    if (input!.length === 0 || (channels !== null && channels !== dim && channels !== 1)) {
      throw new LayerError(
        `LayerScale: gamma of length ${dim} does not broadcast over an input of shape ${formatTuple(input!)} (its last axis must be ${dim})`,
      );
    }
    return channels === 1 ? [...input!.slice(0, -1), dim] : input!;
  },
  params: (_inputs, args) => ({ trainable: argInt(args, 'projection_dim'), nonTrainable: 0 }),
  macs: (_inputs, _args, output) => knownProduct(output),
  receptive: () => ({ kind: 'identity' }),
  explain: (_inputs, args, output) => [
    `x · gamma, gamma of ${argInt(args, 'projection_dim')} starting at ${argNum(args, 'init_values')} → ${formatTuple(output)}`,
    `params = ${argInt(args, 'projection_dim')} (gamma)`,
  ],
  build: (_tf, args, ctx) =>
    applyOne(customLayer(ctx, 'NetspecLayerScale', { initValues: argNum(args, 'init_values'), projectionDim: argInt(args, 'projection_dim') }, 'LayerScale')),
  label: (args) => `LayerScale ${argInt(args, 'projection_dim')}`,
});
