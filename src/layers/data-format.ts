// data_format='channels_first': the kinds whose Keras layer takes it get it from one wrapper. The
// kind's own rules are written channels-last; the wrapper moves the channel axis of the shapes
// around them (rules, parameters, MACs, receptive field, explanation) and, in compiled models,
// transposes around the channels-last tfjs layer (the weights have the same layout either way).
import type { Args, ArgSpec, LayerKind, Shape, SymbolicTensor } from './types.js';
import { compilerOnly, helperName } from './tfjs-util.js';

export const dataFormatFirstArg: ArgSpec = {
  type: 'enum',
  values: ['channels_last', 'channels_first'],
  default: 'channels_last',
  nullable: true,
  doc: "'channels_last' (…, channels) or 'channels_first' (channels, …); None is channels_last.",
};

export function isChannelsFirst(args: Args): boolean {
  return args.data_format === 'channels_first';
}

/** Spatial axes; null: any rank (Flatten). */
type Rank = number | null;

/** A shape the kind's rules would take; others are left alone so the rules' own rank error speaks. */
const fits = (shape: Shape, rank: Rank) => (rank === null ? shape.length >= 2 : shape.length === rank + 1);

/** (C, S1, …, Sr) → (S1, …, Sr, C). */
function toLast(shape: Shape, rank: Rank): Shape {
  return fits(shape, rank) ? [...shape.slice(1), shape[0]!] : shape;
}

/** (S1, …, Sr, C) → (C, S1, …, Sr). */
function toFirst(shape: Shape, rank: Rank): Shape {
  return fits(shape, rank) ? [shape[shape.length - 1]!, ...shape.slice(0, -1)] : shape;
}

/** 1-based tfjs Permute dims that move the channel axis of a rank-(r + 1) tensor. */
const lastDims = (rank: number) => [...Array.from({ length: rank }, (_, i) => i + 2), 1];
const firstDims = (rank: number) => [rank + 1, ...Array.from({ length: rank }, (_, i) => i + 1)];

/** The kind with data_format accepting 'channels_first'; `rank` is its number of spatial axes. */
export function withChannelsFirst(kind: LayerKind, rank: Rank): LayerKind {
  const last = (inputs: Shape[]) => inputs.map((s) => toLast(s, rank));
  const lastOut = (inputs: Shape[], output: Shape) => (output.length === inputs[0]?.length ? toLast(output, rank) : output);
  return {
    ...kind,
    args: { ...kind.args, data_format: dataFormatFirstArg },
    outputShape(inputs, args) {
      if (!isChannelsFirst(args)) return kind.outputShape(inputs, args);
      const output = kind.outputShape(last(inputs), args);
      return output.length === inputs[0]?.length ? toFirst(output, rank) : output;
    },
    params(inputs, args, output) {
      return isChannelsFirst(args) ? kind.params(last(inputs), args, lastOut(inputs, output)) : kind.params(inputs, args, output);
    },
    macs(inputs, args, output) {
      return isChannelsFirst(args) ? kind.macs(last(inputs), args, lastOut(inputs, output)) : kind.macs(inputs, args, output);
    },
    receptive(args, inputs) {
      return kind.receptive(args, isChannelsFirst(args) ? last(inputs) : inputs);
    },
    explain(inputs, args, output) {
      if (!isChannelsFirst(args)) return kind.explain(inputs, args, output);
      return [
        ...kind.explain(last(inputs), args, lastOut(inputs, output)),
        "data_format='channels_first': channels on axis 1, the rules above read the spatial axes after it",
      ];
    },
    build(tf, args, ctx) {
      if (!isChannelsFirst(args) || !fits(ctx.inputShapes[0] ?? [], rank)) return kind.build(tf, args, ctx);
      // A subgraph with helper layers: the compiler's, like netspec's other multi-layer builds.
      compilerOnly(ctx, `${kind.className} with data_format='channels_first'`);
      const inputShapes = last(ctx.inputShapes);
      const keepsRank = ctx.outputShape.length === ctx.inputShapes[0]?.length;
      const outputShape = keepsRank ? toLast(ctx.outputShape, rank) : ctx.outputShape;
      const apply = kind.build(tf, { ...args, data_format: 'channels_last' }, { ...ctx, inputShapes, outputShape });
      const spatial = (ctx.inputShapes[0]?.length ?? 1) - 1;
      return (inputs: SymbolicTensor[]) => {
        const moved = inputs.map(
          (x, i) => tf.layers.permute({ name: helperName(ctx, `to_channels_last${i || ''}`), dims: lastDims(spatial) }).apply(x) as SymbolicTensor,
        );
        const y = apply(moved);
        return keepsRank ? (tf.layers.permute({ name: helperName(ctx, 'to_channels_first'), dims: firstDims(spatial) }).apply(y) as SymbolicTensor) : y;
      };
    },
  };
}
