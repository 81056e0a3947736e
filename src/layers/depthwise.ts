// Depthwise and separable convolutions: each input channel convolved on its own (× depth_multiplier),
// then, for separable convs, a 1×1 pointwise conv to `filters`. Unlike Conv, Keras 3 allows strides > 1
// together with dilation_rate > 1 here (tfjs does not).
import { activationArg, biasCompatArgs, dataFormatArg, useBiasArg, weightCompatArgs } from './common-args.js';
import { tfjsActivation } from './activations.js';
import { customWindowConfig, explainWindow, filtersLabel, tfWindowConfig, windowArgs, windowLabel, windowOutput, windowReceptive } from './conv.js';
import { argBool, argInt, argInts, knownProduct, requirePositive, requireRank } from './shape-math.js';
import type { ConvConfig } from './custom-configs.js';
import { applyOne, compilerOnly, customLayer, helperName, noTfjsEquivalent } from './tfjs-util.js';
import { kerasObjectConfig } from './keras-objects.js';
import type { Args, BuildContext, KerasObjectValue, LayerKind, Shape, SymbolicTensor } from './types.js';
import { withChannelsFirst } from './data-format.js';
import { tfjsWeightOptions } from './tfjs-objects.js';

const depthMultiplierArg = { type: 'int', min: 1, default: 1, doc: 'Output channels per input channel of the depthwise step.' } as const;

function spatialOutput(input: Shape | undefined, rank: number, args: Args, className: string, channels: number | null): Shape {
  const x = requireRank(input, rank + 1, className);
  return requirePositive(
    [...windowOutput(x, rank, args), channels],
    `kernel ${JSON.stringify(argInts(args, 'kernel_size'))} does not fit input ${JSON.stringify(x)}`,
  );
}

/**
 * A depthwise convolution as netspec's grouped NetspecConv (groups = channels, filters = channels ·
 * depth_multiplier; its kernel (k…, 1, C·m) is Keras's (k…, C, m) in the same element order), for
 * what tfjs's layers cannot do: rank 1, dilation (tfjs ignores it), strides with dilation.
 */
function groupedDepthwise(rank: number, args: Args, ctx: BuildContext, extra: Partial<ConvConfig> & { name?: string }, why: string) {
  const channels = ctx.inputShapes[0]![rank] as number;
  return customLayer(
    ctx,
    'NetspecConv',
    { ...customWindowConfig(rank, args, ctx), filters: channels * argInt(args, 'depth_multiplier'), groups: channels, ...extra },
    why,
  );
}

const dilated = (args: Args) => argInts(args, 'dilation_rate').some((v) => v > 1);

function makeDepthwise(rank: 1 | 2): LayerKind {
  const className = `DepthwiseConv${rank}D`;
  return {
    className,
    aliases: [`depthwise_conv${rank}d`, `dwconv${rank}d`],
    family: 'conv',
    doc: `${rank}D depthwise convolution: each input channel gets its own depth_multiplier kernels; output channels = C·depth_multiplier.`,
    args: {
      ...windowArgs(rank, ['valid', 'same']),
      depth_multiplier: depthMultiplierArg,
      activation: activationArg,
      use_bias: useBiasArg,
      ...weightCompatArgs('depthwise', 'glorot_uniform'),
      ...biasCompatArgs,
      data_format: dataFormatArg,
    },
    positional: ['kernel_size', 'strides', 'padding', 'depth_multiplier', 'data_format', 'dilation_rate', 'activation', 'use_bias'],
    inputs: { min: 1, max: 1 },
    outputShape([input], args) {
      const cin = input?.[rank] ?? null;
      return spatialOutput(input, rank, args, className, cin === null ? null : cin * argInt(args, 'depth_multiplier'));
    },
    params([input], args) {
      const cout = (input![rank] ?? 0) * argInt(args, 'depth_multiplier');
      return { trainable: knownProduct(argInts(args, 'kernel_size')) * cout + (argBool(args, 'use_bias') ? cout : 0), nonTrainable: 0 };
    },
    macs(_inputs, args, output) {
      return knownProduct(output) * knownProduct(argInts(args, 'kernel_size'));
    },
    receptive: windowReceptive,
    explain([input], args, output) {
      const k = argInts(args, 'kernel_size');
      const cin = input![rank];
      const dm = argInt(args, 'depth_multiplier');
      const params = this.params([input!], args, output).trainable;
      const bias = argBool(args, 'use_bias');
      return [
        ...explainWindow(input!, rank, args),
        `C = ${cin}·${dm} = ${output[rank]}  (input channels · depth_multiplier)`,
        bias ? `params = (${k.join('·')} + 1)·${cin}·${dm} = ${params}` : `params = ${k.join('·')}·${cin}·${dm} = ${params}  (use_bias=False)`,
        `MACs = ${output.join('·')} · ${k.join('·')} = ${this.macs([input!], args, output)}`,
      ];
    },
    build(tf, args, ctx) {
      // tfjs's DepthwiseConv2D layer silently ignores dilation_rate, and has no 1D form.
      if (rank === 1 || dilated(args)) {
        const why = rank === 1 ? 'DepthwiseConv1D' : `${className} with dilation_rate > 1`;
        return applyOne(groupedDepthwise(rank, args, ctx, {}, why));
      }
      // tfjs's DepthwiseConv2D saves its depthwise regularizer where the constraint belongs: a
      // model.json with either would lose the constraint or fail to load.
      for (const key of ['depthwise_regularizer', 'depthwise_constraint'])
        if (args[key] !== null && args[key] !== undefined) noTfjsEquivalent(`${key} on DepthwiseConv2D (TensorFlow.js's model.json would not keep it)`);
      const layer = tf.layers.depthwiseConv2d({
        ...tfWindowConfig(args, ctx),
        ...tfjsWeightOptions(tf, args),
        depthMultiplier: argInt(args, 'depth_multiplier'),
        dilationRate: argInts(args, 'dilation_rate') as [number, number],
      });
      return applyOne(layer);
    },
    label(args) {
      const dm = argInt(args, 'depth_multiplier');
      return `${className} ${windowLabel(args)}${dm > 1 ? ` ×${dm}` : ''}`;
    },
  };
}

function makeSeparable(rank: 1 | 2): LayerKind {
  const className = `SeparableConv${rank}D`;
  return {
    className,
    aliases: [`separable_conv${rank}d`, `sepconv${rank}d`, `SeparableConvolution${rank}D`],
    family: 'conv',
    doc: `${rank}D separable convolution: a depthwise conv (× depth_multiplier) then a 1×1 conv to \`filters\`.`,
    args: {
      filters: { type: 'int', min: 1, required: true, doc: 'Number of output channels.' },
      ...windowArgs(rank, ['valid', 'same']),
      depth_multiplier: depthMultiplierArg,
      activation: activationArg,
      use_bias: useBiasArg,
      ...weightCompatArgs('depthwise', 'glorot_uniform'),
      ...weightCompatArgs('pointwise', 'glorot_uniform'),
      ...biasCompatArgs,
      data_format: dataFormatArg,
    },
    positional: ['filters', 'kernel_size', 'strides', 'padding', 'data_format', 'dilation_rate', 'depth_multiplier', 'activation', 'use_bias'],
    inputs: { min: 1, max: 1 },
    outputShape([input], args) {
      return spatialOutput(input, rank, args, className, argInt(args, 'filters'));
    },
    params([input], args) {
      const mid = (input![rank] ?? 0) * argInt(args, 'depth_multiplier');
      const filters = argInt(args, 'filters');
      const depthwise = knownProduct(argInts(args, 'kernel_size')) * mid;
      return { trainable: depthwise + mid * filters + (argBool(args, 'use_bias') ? filters : 0), nonTrainable: 0 };
    },
    macs([input], args, output) {
      const mid = (input![rank] ?? 0) * argInt(args, 'depth_multiplier');
      const positions = knownProduct(output.slice(0, rank));
      return positions * mid * (knownProduct(argInts(args, 'kernel_size')) + argInt(args, 'filters'));
    },
    receptive: windowReceptive,
    explain([input], args, output) {
      const k = argInts(args, 'kernel_size');
      const cin = input![rank];
      const dm = argInt(args, 'depth_multiplier');
      const filters = argInt(args, 'filters');
      const mid = dm === 1 ? `${cin}` : `${cin}·${dm}`;
      const params = this.params([input!], args, output).trainable;
      const bias = argBool(args, 'use_bias') ? ` + ${filters}` : '  (use_bias=False)';
      return [
        ...explainWindow(input!, rank, args),
        `C = filters = ${filters}`,
        `params = ${k.join('·')}·${mid} (depthwise) + ${mid}·${filters} (pointwise)${bias} = ${params}`,
        `MACs = ${output.slice(0, rank).join('·')} · ${mid} · (${k.join('·')} + ${filters}) = ${this.macs([input!], args, output)}`,
      ];
    },
    build(tf, args, ctx) {
      if (rank === 1 || (dilated(args) && argInts(args, 'strides').some((v) => v > 1))) {
        // Depthwise step as a grouped conv, then tfjs's own pointwise 1×1 conv with the bias.
        const why = rank === 1 ? 'SeparableConv1D' : `${className} with strides > 1 and dilation_rate > 1`;
        compilerOnly(ctx, why);
        const depthwise = groupedDepthwise(rank, args, ctx, { name: helperName(ctx, 'depthwise'), activation: null, useBias: false }, why);
        const pointwise = tf.layers[rank === 1 ? 'conv1d' : 'conv2d']({
          name: ctx.name,
          filters: argInt(args, 'filters'),
          kernelSize: 1,
          activation: tfjsActivation(args.activation as string | null, ctx) as undefined,
          useBias: argBool(args, 'use_bias'),
          trainable: ctx.trainable,
          // Keras's glorot_uniform (tfjs's conv default is glorotNormal); other pointwise objects are refused by the compiler.
          kernelInitializer: tf.initializers.glorotUniform({}),
        });
        return (inputs) => pointwise.apply(depthwise.apply(inputs[0]!) as SymbolicTensor) as SymbolicTensor;
      }
      // tfjs's SeparableConv draws the pointwise kernel with the depthwise initializer.
      const [depthwise, pointwise] = (['depthwise_initializer', 'pointwise_initializer'] as const).map((key) =>
        JSON.stringify(kerasObjectConfig((args[key] ?? 'glorot_uniform') as string | KerasObjectValue, 'initializers')),
      );
      if (depthwise !== pointwise)
        noTfjsEquivalent(
          `${className} with a pointwise_initializer other than its depthwise_initializer (TensorFlow.js draws both kernels with the depthwise one)`,
        );
      const layer = tf.layers.separableConv2d({
        ...tfWindowConfig(args, ctx),
        ...tfjsWeightOptions(tf, args),
        filters: argInt(args, 'filters'),
        depthMultiplier: argInt(args, 'depth_multiplier'),
        dilationRate: argInts(args, 'dilation_rate') as [number, number],
      });
      return applyOne(layer);
    },
    label: filtersLabel(className),
  };
}

export const DepthwiseConv1D = withChannelsFirst(makeDepthwise(1), 1);
export const DepthwiseConv2D = withChannelsFirst(makeDepthwise(2), 2);
export const SeparableConv1D = withChannelsFirst(makeSeparable(1), 1);
export const SeparableConv2D = withChannelsFirst(makeSeparable(2), 2);
