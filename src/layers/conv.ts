// Convolutions: Conv1D/2D/3D with strides, padding, dilation and groups.
import { activationArg, kerasCompatArgs, useBiasArg } from './common-args.js';
import { tfjsActivation } from './activations.js';
import {
  argBool,
  argInt,
  argInts,
  argStr,
  convLength,
  dimsText,
  explainConvLength,
  knownProduct,
  requirePositive,
  requireRank,
  type Padding,
} from './shape-math.js';
import type { ConvConfig } from './custom-configs.js';
import { applyOne, customLayer } from './tfjs-util.js';
import { LayerError, type Args, type ArgSpec, type BuildContext, type LayerKind, type ReceptiveRule, type Shape } from './types.js';
import { withChannelsFirst } from './data-format.js';
import { requireKerasDefaultObjects, tfjsWeightOptions } from './tfjs-objects.js';

export const AXIS_NAMES: Record<number, string[]> = { 1: ['L'], 2: ['H', 'W'], 3: ['D', 'H', 'W'] };

/** kernel_size, strides, padding and dilation_rate, as every conv of a given rank takes them. */
export function windowArgs(rank: number, paddings: readonly Padding[]): Record<string, ArgSpec> {
  return {
    kernel_size: { type: 'tuple', rank, min: 1, required: true, doc: `Window size: an int or ${rank} ints.` },
    strides: { type: 'tuple', rank, min: 1, default: 1, doc: 'Step of the window: an int or one per axis.' },
    padding: { type: 'enum', values: paddings, default: 'valid', doc: `One of ${paddings.map((p) => `'${p}'`).join(', ')}.` },
    dilation_rate: { type: 'tuple', rank, min: 1, default: 1, doc: 'Spacing between kernel taps (atrous convolution).' },
  };
}

/** Keras: "strides > 1 not supported in conjunction with dilation_rate > 1". */
export function checkStridesWithDilation(args: Args): void {
  const strides = argInts(args, 'strides');
  const dilation = argInts(args, 'dilation_rate');
  if (strides.some((s) => s > 1) && dilation.some((d) => d > 1)) {
    throw new LayerError(
      `strides > 1 not supported in conjunction with dilation_rate > 1 (got strides=${JSON.stringify(strides)}, dilation_rate=${JSON.stringify(dilation)})`,
      'argument',
    );
  }
}

/** Spatial output dims of a windowed op over the leading `rank` axes of `input`. */
export function windowOutput(input: Shape, rank: number, args: Args): Shape {
  const k = argInts(args, 'kernel_size');
  const s = argInts(args, 'strides');
  const d = argInts(args, 'dilation_rate');
  const padding = argStr(args, 'padding') as Padding;
  return input.slice(0, rank).map((n, i) => convLength(n, k[i]!, s[i]!, d[i]!, padding));
}

export function explainWindow(input: Shape, rank: number, args: Args): string[] {
  const k = argInts(args, 'kernel_size');
  const s = argInts(args, 'strides');
  const d = argInts(args, 'dilation_rate');
  const padding = argStr(args, 'padding') as Padding;
  return AXIS_NAMES[rank]!.map((axis, i) => `${axis} = ${explainConvLength(input[i] ?? null, k[i]!, s[i]!, d[i]!, padding)}`);
}

export function windowLabel(args: Args): string {
  const k = argInts(args, 'kernel_size');
  const s = argInts(args, 'strides');
  const stride = s.some((v) => v > 1) ? ` /${s.every((v) => v === s[0]) ? s[0] : s.join('×')}` : '';
  return `${dimsText(k)}${stride}`;
}

/** `Conv2D 32 3×3 /2`: the diagram label of every kind with filters and a window. */
export function filtersLabel(className: string): (args: Args) => string {
  return (args) => `${className} ${argInt(args, 'filters')} ${windowLabel(args)}`;
}

const tfjsConv = { 1: 'conv1d', 2: 'conv2d', 3: 'conv3d' } as const;

/**
 * The window part of the config of netspec's own conv layers (NetspecConv, NetspecConvTranspose in
 * src/compile/custom-conv.ts); callers add filters, groups or output_padding.
 */
export function customWindowConfig(rank: number, args: Args, ctx: BuildContext): Omit<ConvConfig, 'filters' | 'groups'> {
  requireKerasDefaultObjects(args, "netspec's own convolution layer (grouped, causal, dilated depthwise or transposed forms)");
  return {
    rank,
    kernelSize: argInts(args, 'kernel_size'),
    strides: argInts(args, 'strides'),
    padding: argStr(args, 'padding') as Padding,
    dilationRate: argInts(args, 'dilation_rate'),
    activation: tfjsActivation(args.activation as string | null, ctx) ?? null,
    useBias: argBool(args, 'use_bias'),
  };
}

/** Every windowed kind moves the receptive field by its kernel, stride and dilation. */
export function windowReceptive(args: Args): ReceptiveRule {
  return { kind: 'window', kernel: argInts(args, 'kernel_size'), stride: argInts(args, 'strides'), dilation: argInts(args, 'dilation_rate') };
}

/** The tfjs config every windowed layer shares (the caller adds filters, depthMultiplier, …). */
export function tfWindowConfig(args: Args, ctx: BuildContext) {
  return {
    name: ctx.name,
    kernelSize: argInts(args, 'kernel_size') as [number, number],
    strides: argInts(args, 'strides') as [number, number],
    padding: argStr(args, 'padding') as 'valid' | 'same',
    activation: tfjsActivation(args.activation as string | null, ctx) as undefined,
    useBias: argBool(args, 'use_bias'),
    trainable: ctx.trainable,
  };
}

function makeConv(rank: 1 | 2 | 3): LayerKind {
  const className = `Conv${rank}D`;
  const paddings: Padding[] = rank === 1 ? ['valid', 'same', 'causal'] : ['valid', 'same'];
  return {
    className,
    aliases: [`conv${rank}d`, `Convolution${rank}D`],
    family: 'conv',
    doc: `${rank}D convolution: \`filters\` kernels slid over the input; output channels = filters.`,
    args: {
      filters: { type: 'int', min: 1, required: true, doc: 'Number of output channels.' },
      ...windowArgs(rank, paddings),
      groups: { type: 'int', min: 1, default: 1, doc: 'Split input channels into groups convolved separately.' },
      activation: activationArg,
      use_bias: useBiasArg,
      ...kerasCompatArgs,
    },
    positional: ['filters', 'kernel_size', 'strides', 'padding', 'data_format', 'dilation_rate', 'groups', 'activation', 'use_bias'],
    inputs: { min: 1, max: 1 },
    check: checkStridesWithDilation,
    outputShape([input], args) {
      const x = requireRank(input, rank + 1, className);
      const cin = x[rank]!;
      const groups = argInt(args, 'groups');
      const filters = argInt(args, 'filters');
      if (cin !== null && cin % groups !== 0) {
        throw new LayerError(`the number of input channels (${cin}) must be divisible by groups (${groups})`, 'argument');
      }
      if (filters % groups !== 0) {
        throw new LayerError(`filters (${filters}) must be divisible by groups (${groups})`, 'argument');
      }
      return requirePositive(
        [...windowOutput(x, rank, args), filters],
        `kernel ${JSON.stringify(argInts(args, 'kernel_size'))} does not fit input ${JSON.stringify(x)}`,
      );
    },
    params([input], args) {
      const cin = input![rank] ?? 0;
      const filters = argInt(args, 'filters');
      const kernel = knownProduct(argInts(args, 'kernel_size')) * (cin / argInt(args, 'groups')) * filters;
      return { trainable: kernel + (argBool(args, 'use_bias') ? filters : 0), nonTrainable: 0 };
    },
    macs([input], args, output) {
      const cin = input![rank] ?? 0;
      return knownProduct(output) * knownProduct(argInts(args, 'kernel_size')) * (cin / argInt(args, 'groups'));
    },
    receptive: windowReceptive,
    explain([input], args, output) {
      const k = argInts(args, 'kernel_size');
      const cin = input![rank];
      const groups = argInt(args, 'groups');
      const filters = argInt(args, 'filters');
      const perFilter = `${k.join('·')}·${groups === 1 ? cin : `(${cin}/${groups})`}`;
      const bias = argBool(args, 'use_bias');
      const params = this.params([input!], args, output).trainable;
      return [
        ...explainWindow(input!, rank, args),
        `C = filters = ${filters}`,
        bias ? `params = (${perFilter} + 1)·${filters} = ${params}` : `params = ${perFilter}·${filters} = ${params}  (use_bias=False)`,
        `MACs = ${output.join('·')} · ${perFilter} = ${this.macs([input!], args, output)}`,
      ];
    },
    build(tf, args, ctx) {
      // tfjs silently ignores groups, and its causal padding is not Keras's: netspec's own layer.
      if (argInt(args, 'groups') !== 1 || argStr(args, 'padding') === 'causal') {
        const why =
          argInt(args, 'groups') !== 1
            ? `${className} with groups=${argInt(args, 'groups')} (TensorFlow.js ignores groups)`
            : `${className} with padding='causal'`;
        return applyOne(
          customLayer(ctx, 'NetspecConv', { ...customWindowConfig(rank, args, ctx), filters: argInt(args, 'filters'), groups: argInt(args, 'groups') }, why),
        );
      }
      const layer = tf.layers[tfjsConv[rank]]({
        ...tfWindowConfig(args, ctx),
        ...tfjsWeightOptions(tf, args),
        filters: argInt(args, 'filters'),
        dilationRate: argInts(args, 'dilation_rate') as [number, number],
      });
      return applyOne(layer);
    },
    label: filtersLabel(className),
  };
}

export const Conv1D = withChannelsFirst(makeConv(1), 1);
export const Conv2D = withChannelsFirst(makeConv(2), 2);
export const Conv3D = withChannelsFirst(makeConv(3), 3);
