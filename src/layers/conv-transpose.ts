// Transposed convolutions (Conv1D/2D/3DTranspose), with output_padding and dilation as Keras 3 has them.
import { activationArg, kerasCompatArgs, useBiasArg } from './common-args.js';
import { AXIS_NAMES, checkStridesWithDilation, customWindowConfig, filtersLabel, tfWindowConfig, windowArgs } from './conv.js';
import {
  argBool,
  argInt,
  argInts,
  argStr,
  explainTransposeLength,
  knownProduct,
  requirePositive,
  requireRank,
  transposeLength,
  type Padding,
} from './shape-math.js';
import { applyOne, customLayer } from './tfjs-util.js';
import { LayerError, type Args, type LayerKind, type Shape } from './types.js';
import { withChannelsFirst } from './data-format.js';
import { tfjsWeightOptions } from './tfjs-objects.js';

function outputPadding(args: Args): number[] | null {
  return (args.output_padding ?? null) as number[] | null;
}

/** Keras: "`output_padding` must be strictly less than `strides` for all dimensions". */
function checkTransposeArgs(args: Args): void {
  checkStridesWithDilation(args);
  const op = outputPadding(args);
  const strides = argInts(args, 'strides');
  op?.forEach((p, i) => {
    if (p >= strides[i]!) {
      throw new LayerError(
        `\`output_padding\` must be strictly less than \`strides\` for all dimensions. At dimension ${i}, \`output_padding\` is ${p} but \`strides\` is ${strides[i]} (output_padding=${JSON.stringify(op)}, strides=${JSON.stringify(strides)})`,
        'argument',
      );
    }
  });
}

function lengths(input: Shape, rank: number, args: Args): Shape {
  const k = argInts(args, 'kernel_size');
  const s = argInts(args, 'strides');
  const d = argInts(args, 'dilation_rate');
  const op = outputPadding(args);
  const padding = argStr(args, 'padding') as Padding;
  return input.slice(0, rank).map((n, i) => transposeLength(n, k[i]!, s[i]!, d[i]!, padding, op?.[i] ?? null));
}

const tfjsTranspose = { 2: 'conv2dTranspose', 3: 'conv3dTranspose' } as const;

/**
 * Input pixels one output pixel of a transposed convolution reads, at most, along one axis: output
 * o takes input i through tap t where i·s = o + pad − t·d, so the taps that meet whole input pixels
 * are those with t·d ≡ o + pad (mod s); their spread, over every residue of o, gives the span.
 */
export function transposeSpan(k: number, s: number, d: number): number {
  let span = 1;
  for (let residue = 0; residue < s; residue++) {
    const taps = Array.from({ length: k }, (_, t) => t).filter((t) => (((residue - t * d) % s) + s) % s === 0);
    if (taps.length > 0) span = Math.max(span, ((taps[taps.length - 1]! - taps[0]!) * d) / s + 1);
  }
  return span;
}

function makeTranspose(rank: 1 | 2 | 3): LayerKind {
  const className = `Conv${rank}DTranspose`;
  const positional =
    rank === 3
      ? ['filters', 'kernel_size', 'strides', 'padding', 'data_format', 'output_padding', 'dilation_rate', 'activation', 'use_bias']
      : ['filters', 'kernel_size', 'strides', 'padding', 'output_padding', 'data_format', 'dilation_rate', 'activation', 'use_bias'];
  return {
    className,
    aliases: [`conv${rank}d_transpose`, `deconv${rank}d`, `Convolution${rank}DTranspose`],
    family: 'conv',
    doc: `${rank}D transposed convolution ("deconvolution"): upsamples by strides; output channels = filters.`,
    args: {
      filters: { type: 'int', min: 1, required: true, doc: 'Number of output channels.' },
      ...windowArgs(rank, ['valid', 'same']),
      output_padding: {
        type: 'tuple',
        rank,
        min: 0,
        default: null,
        nullable: true,
        doc: 'Extra length added on one side of each axis; each < strides. None infers it.',
      },
      activation: activationArg,
      use_bias: useBiasArg,
      ...kerasCompatArgs,
    },
    positional,
    inputs: { min: 1, max: 1 },
    check: checkTransposeArgs,
    outputShape([input], args) {
      const x = requireRank(input, rank + 1, className);
      return requirePositive(
        [...lengths(x, rank, args), argInt(args, 'filters')],
        `transposed kernel ${JSON.stringify(argInts(args, 'kernel_size'))} on input ${JSON.stringify(x)}`,
      );
    },
    params([input], args) {
      const cin = input![rank] ?? 0;
      const filters = argInt(args, 'filters');
      return { trainable: knownProduct(argInts(args, 'kernel_size')) * cin * filters + (argBool(args, 'use_bias') ? filters : 0), nonTrainable: 0 };
    },
    /** Every input value is multiplied into a k·filters patch of the output. */
    macs([input], args) {
      return knownProduct(input!) * knownProduct(argInts(args, 'kernel_size')) * argInt(args, 'filters');
    },
    receptive(args) {
      const [k, s, d] = [argInts(args, 'kernel_size'), argInts(args, 'strides'), argInts(args, 'dilation_rate')];
      return { kind: 'upsample', factor: s, span: k.map((ki, i) => transposeSpan(ki, s[i]!, d[i]!)) };
    },
    explain([input], args, output) {
      const k = argInts(args, 'kernel_size');
      const s = argInts(args, 'strides');
      const d = argInts(args, 'dilation_rate');
      const op = outputPadding(args);
      const padding = argStr(args, 'padding') as Padding;
      const cin = input![rank];
      const filters = argInt(args, 'filters');
      const params = this.params([input!], args, output).trainable;
      const perFilter = `${k.join('·')}·${cin}`;
      return [
        ...AXIS_NAMES[rank]!.map((axis, i) => `${axis} = ${explainTransposeLength(input![i] ?? null, k[i]!, s[i]!, d[i]!, padding, op?.[i] ?? null)}`),
        `C = filters = ${filters}`,
        argBool(args, 'use_bias') ? `params = (${perFilter} + 1)·${filters} = ${params}` : `params = ${perFilter}·${filters} = ${params}  (use_bias=False)`,
        `MACs = ${input!.join('·')} · ${k.join('·')} · ${filters} = ${this.macs([input!], args, output)}`,
      ];
    },
    build(tf, args, ctx) {
      // tfjs has no Conv1DTranspose and ignores dilation and output_padding, and its conv3dTranspose
      // on wasm returns non-finite values for some shapes (3 of 3,000 random specs): netspec's own layer.
      if (rank !== 2 || argInts(args, 'dilation_rate').some((d) => d > 1) || outputPadding(args) !== null) {
        const config = {
          ...customWindowConfig(rank, args, ctx),
          padding: argStr(args, 'padding') as 'valid' | 'same',
          filters: argInt(args, 'filters'),
          outputPadding: outputPadding(args),
        };
        return applyOne(customLayer(ctx, 'NetspecConvTranspose', config, ownLayerReason(rank, className, args)));
      }
      const layer = tf.layers[tfjsTranspose[rank]]({ ...tfWindowConfig(args, ctx), ...tfjsWeightOptions(tf, args), filters: argInt(args, 'filters') });
      return applyOne(layer);
    },
    label: filtersLabel(className),
  };
}

/** Why a transposed conv is built with netspec's own layer (shown when tfjs would be asked directly). */
function ownLayerReason(rank: number, className: string, args: Args): string {
  if (rank === 1) return 'Conv1DTranspose';
  if (rank === 3) return 'Conv3DTranspose (the tfjs kernel is unreliable)';
  return outputPadding(args) !== null ? `${className} with output_padding` : `${className} with dilation_rate > 1`;
}

export const Conv1DTranspose = withChannelsFirst(makeTranspose(1), 1);
export const Conv2DTranspose = withChannelsFirst(makeTranspose(2), 2);
export const Conv3DTranspose = withChannelsFirst(makeTranspose(3), 3);
