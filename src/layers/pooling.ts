// Pooling: Max/AveragePooling1D/2D/3D (windowed) and GlobalMax/GlobalAveragePooling1D/2D/3D.
// Pooling has no weights and, by our MAC convention, no multiply-accumulates.
import { AXIS_NAMES } from './conv.js';
import { dataFormatArg, kerasCompatArgs } from './common-args.js';
import { argBool, argInts, argStr, convLength, explainConvLength, requirePositive, requireRank, type Padding } from './shape-math.js';
import { applyOne, type RankedFactory, customLayer } from './tfjs-util.js';
import type { Args, LayerKind } from './types.js';
import { withChannelsFirst } from './data-format.js';
import { formatTuple } from '../format/format.js';

type Op = 'Max' | 'Average';
const short: Record<Op, string> = { Max: 'max', Average: 'avg' };

const tfjsPool = {
  Max: { 1: 'maxPooling1d', 2: 'maxPooling2d', 3: 'maxPooling3d' },
  Average: { 1: 'averagePooling1d', 2: 'averagePooling2d', 3: 'averagePooling3d' },
} as const;

function makePool(op: Op, rank: 1 | 2 | 3): LayerKind {
  const className = `${op}Pooling${rank}D`;
  // Keras: MaxPooling defaults pool_size to 2 per axis; AveragePooling requires it.
  const poolDefault = op === 'Max' ? { default: 2 } : { required: true };
  return {
    className,
    aliases: [`${short[op]}pool${rank}d`, `${op}Pool${rank}D`],
    family: 'pool',
    doc: `${rank}D ${op.toLowerCase()} pooling over a window; channels unchanged.`,
    args: {
      pool_size: { type: 'tuple', rank, min: 1, ...poolDefault, doc: 'Window size: an int or one per axis.' },
      strides: { type: 'tuple', rank, min: 1, default: null, nullable: true, doc: 'Step of the window; None means pool_size.' },
      padding: { type: 'enum', values: ['valid', 'same'], default: 'valid', doc: "'valid' or 'same'." },
      data_format: dataFormatArg,
      dtype: kerasCompatArgs.dtype!,
    },
    positional: ['pool_size', 'strides', 'padding', 'data_format'],
    inputs: { min: 1, max: 1 },
    derive(args) {
      if (args.strides === null) args.strides = args.pool_size!;
    },
    outputShape([input], args) {
      const x = requireRank(input, rank + 1, className);
      const p = argInts(args, 'pool_size');
      const s = argInts(args, 'strides');
      const padding = argStr(args, 'padding') as Padding;
      const spatial = x.slice(0, rank).map((n, i) => convLength(n, p[i]!, s[i]!, 1, padding));
      return requirePositive([...spatial, x[rank]!], `pool_size ${JSON.stringify(p)} does not fit input ${formatTuple(x)}`);
    },
    params: () => ({ trainable: 0, nonTrainable: 0 }),
    macs: () => 0,
    receptive(args) {
      return { kind: 'window', kernel: argInts(args, 'pool_size'), stride: argInts(args, 'strides') };
    },
    explain([input], args, output) {
      const p = argInts(args, 'pool_size');
      const s = argInts(args, 'strides');
      const padding = argStr(args, 'padding') as Padding;
      return [
        ...AXIS_NAMES[rank]!.map((axis, i) => `${axis} = ${explainConvLength(input![i] ?? null, p[i]!, s[i]!, 1, padding)}`),
        `C = ${output[rank]} (unchanged)`,
        'params = 0',
      ];
    },
    build(tf, args, ctx) {
      const factory = tf.layers[tfjsPool[op][rank]] as RankedFactory;
      const layer = factory({
        name: ctx.name,
        poolSize: argInts(args, 'pool_size'),
        strides: argInts(args, 'strides'),
        padding: argStr(args, 'padding') as 'valid' | 'same',
        trainable: ctx.trainable,
      });
      return applyOne(layer);
    },
    label(args) {
      const p = argInts(args, 'pool_size');
      const s = argInts(args, 'strides');
      const same = (v: number[]) => v.every((x) => x === v[0]);
      const stride = s.join() === p.join() ? '' : ` /${same(s) ? s[0] : s.join('×')}`;
      return `${op === 'Max' ? 'MaxPool' : 'AvgPool'} ${p.join('×')}${stride}`;
    },
  };
}

const tfjsGlobal = {
  Max: { 1: 'globalMaxPooling1d', 2: 'globalMaxPooling2d' },
  Average: { 1: 'globalAveragePooling1d', 2: 'globalAveragePooling2d' },
} as const;

function makeGlobalPool(op: Op, rank: 1 | 2 | 3): LayerKind {
  const className = `Global${op}Pooling${rank}D`;
  const aliasPrefix = op === 'Max' ? 'gmp' : 'gap';
  return {
    className,
    aliases: [`${aliasPrefix}${rank}d`, `Global${op === 'Max' ? 'Max' : 'Avg'}Pool${rank}D`],
    family: 'pool',
    doc: `Global ${op.toLowerCase()} pooling over all ${rank === 1 ? 'steps' : 'spatial axes'}: one value per channel.`,
    args: {
      data_format: dataFormatArg,
      keepdims: { type: 'bool', default: false, doc: 'Keep the pooled axes with length 1.' },
      dtype: kerasCompatArgs.dtype!,
    },
    positional: ['data_format', 'keepdims'],
    inputs: { min: 1, max: 1 },
    outputShape([input], args) {
      const x = requireRank(input, rank + 1, className);
      const c = x[rank]!;
      return argBool(args, 'keepdims') ? [...Array.from({ length: rank }, () => 1), c] : [c];
    },
    params: () => ({ trainable: 0, nonTrainable: 0 }),
    macs: () => 0,
    receptive: () => ({ kind: 'global' }),
    explain([input], args, output) {
      const axes = AXIS_NAMES[rank]!.join('×');
      return [
        `${op.toLowerCase()} over ${axes} = ${input!
          .slice(0, rank)
          .map((d) => d ?? 'None')
          .join('×')} → ${formatTuple(output)}${argBool(args, 'keepdims') ? ' (keepdims)' : ''}`,
        'params = 0',
      ];
    },
    build(tf, args: Args, ctx) {
      // tfjs has no 3D global pooling and no keepdims.
      if (rank === 3 || argBool(args, 'keepdims')) {
        return applyOne(
          customLayer(
            ctx,
            'NetspecGlobalPooling',
            { mode: op === 'Max' ? 'max' : 'avg', keepdims: argBool(args, 'keepdims') },
            rank === 3 ? className : `${className} with keepdims=True`,
          ),
        );
      }
      return applyOne(tf.layers[tfjsGlobal[op][rank]]({ name: ctx.name, trainable: ctx.trainable }));
    },
    label: () => (op === 'Max' ? 'GlobalMaxPool' : 'GlobalAvgPool'),
  };
}

export const MaxPooling1D = withChannelsFirst(makePool('Max', 1), 1);
export const MaxPooling2D = withChannelsFirst(makePool('Max', 2), 2);
export const MaxPooling3D = withChannelsFirst(makePool('Max', 3), 3);
export const AveragePooling1D = withChannelsFirst(makePool('Average', 1), 1);
export const AveragePooling2D = withChannelsFirst(makePool('Average', 2), 2);
export const AveragePooling3D = withChannelsFirst(makePool('Average', 3), 3);
export const GlobalMaxPooling1D = withChannelsFirst(makeGlobalPool('Max', 1), 1);
export const GlobalMaxPooling2D = withChannelsFirst(makeGlobalPool('Max', 2), 2);
export const GlobalMaxPooling3D = withChannelsFirst(makeGlobalPool('Max', 3), 3);
export const GlobalAveragePooling1D = withChannelsFirst(makeGlobalPool('Average', 1), 1);
export const GlobalAveragePooling2D = withChannelsFirst(makeGlobalPool('Average', 2), 2);
export const GlobalAveragePooling3D = withChannelsFirst(makeGlobalPool('Average', 3), 3);
