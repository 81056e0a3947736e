// Attention layers: MultiHeadAttention (Keras's einsum projections per head), Attention (Luong,
// dot-product or concat scores) and AdditiveAttention (Bahdanau). Compiled through netspec's custom
// tfjs layers, which compute what Keras computes at inference (dropout off).
// MACs: the projections count one per weight use and position; the attention itself counts the score
// products (query·key) and the weighted sum of the values.
import { kerasCompatArgs } from './common-args.js';
import { defineKind } from './define-kind.js';
import { argBool, argInt, argStr, knownProduct } from './shape-math.js';
import { formatTuple } from '../format/format.js';
import { applyAll, customLayer } from './tfjs-util.js';
import { weightObjectArgs } from './tfjs-objects.js';
import { LayerError, type ArgSpec, type Args, type BuildContext, type Dim, type Shape, type SymbolicTensor } from './types.js';

const callArgs: Record<string, ArgSpec> = {
  use_causal_mask: { type: 'bool', default: false, doc: 'Call argument: each query position attends only to keys at or before it.' },
  return_attention_scores: { type: 'bool', default: false, doc: 'Call argument: netspec steps have one output, so only False is accepted.' },
};

function refuseScores(args: Args, layer: string): void {
  if (argBool(args, 'return_attention_scores')) {
    throw new LayerError(
      `${layer}: return_attention_scores=True gives a second output (the scores); a netspec step has one output, so it is not supported`,
      'argument',
    );
  }
}

function lastDim(shape: Shape, what: string, layer: string): number {
  const d = shape[shape.length - 1];
  if (d === null || d === undefined) throw new LayerError(`${layer}: the last axis of ${what} must be known, got ${formatTuple([null, ...shape])}`);
  return d;
}

/** Keras's MultiHeadAttention inputs: [query], [query, value] or [query, value, key]; one input is self-attention. */
function qvk(inputs: Shape[]): { query: Shape; value: Shape; key: Shape } {
  const query = inputs[0]!;
  const value = inputs[1] ?? query;
  return { query, value, key: inputs[2] ?? value };
}

/** Batch-less indices of the attended axes of a query of this rank (default: every axis but the last). */
export function attentionAxes(args: Args, rank: number): number[] {
  const given = args.attention_axes;
  if (given === null || given === undefined) return Array.from({ length: rank - 1 }, (_, i) => i);
  const list = Array.isArray(given) ? (given as number[]) : [given as number];
  return list.map((a) => {
    const index = a < 0 ? rank + 1 + a - 1 : a - 1;
    if (index < 0 || index >= rank - 1) {
      throw new LayerError(
        `MultiHeadAttention: attention_axes ${JSON.stringify(given)} must name axes between the batch axis and the last (feature) axis of a rank-${rank + 1} query`,
        'argument',
      );
    }
    return index;
  });
}

const outputDims = (args: Args, queryLast: number): number[] => {
  const out = args.output_shape;
  if (out === null || out === undefined) return [queryLast];
  return Array.isArray(out) ? (out as number[]) : [out as number];
};

const valueDim = (args: Args): number => (args.value_dim as number | null) ?? argInt(args, 'key_dim');

function mhaParams(inputs: Shape[], args: Args): { q: number; k: number; v: number; o: number; bias: number; total: number } {
  const { query, value, key } = qvk(inputs);
  const heads = argInt(args, 'num_heads');
  const kd = argInt(args, 'key_dim');
  const vd = valueDim(args);
  const outProduct = outputDims(args, lastDim(query, 'the query', 'MultiHeadAttention')).reduce((p, d) => p * d, 1);
  const q = lastDim(query, 'the query', 'MultiHeadAttention') * heads * kd;
  const k = lastDim(key, 'the key', 'MultiHeadAttention') * heads * kd;
  const v = lastDim(value, 'the value', 'MultiHeadAttention') * heads * vd;
  const o = heads * vd * outProduct;
  const bias = argBool(args, 'use_bias') ? 2 * heads * kd + heads * vd + outProduct : 0;
  return { q, k, v, o, bias, total: q + k + v + o + bias };
}

const positions = (shape: Shape): number => knownProduct(shape.slice(0, -1));

export const MultiHeadAttention = defineKind({
  className: 'MultiHeadAttention',
  aliases: ['mha'],
  family: 'attention',
  doc: "Multi-head attention (Vaswani et al.): inputs query, value and key (one input: self-attention); output query's shape with output_shape as its last axes.",
  args: {
    num_heads: { type: 'int', min: 1, required: true, doc: 'Number of attention heads.' },
    key_dim: { type: 'int', min: 1, required: true, doc: 'Size of each head for query and key.' },
    value_dim: { type: 'int', min: 1, default: null, nullable: true, doc: 'Size of each head for value; None: key_dim.' },
    dropout: { type: 'float', min: 0, max: 1, default: 0, doc: 'Dropout on the attention scores while training.' },
    use_bias: { type: 'bool', default: true, doc: 'Whether the four projections add biases.' },
    output_shape: { type: 'ints', default: null, nullable: true, doc: "The output's last axes; None: the query's last axis." },
    attention_axes: {
      type: 'axis',
      default: null,
      nullable: true,
      doc: 'Axes attention runs over (batch counted as 0); None: every axis but the batch and the last.',
    },
    flash_attention: { type: 'any', default: null, doc: 'Accepted; no effect on shapes or counts.' },
    seed: { type: 'int', default: null, nullable: true, doc: 'Dropout seed (accepted).' },
    kernel_initializer: kerasCompatArgs.kernel_initializer!,
    bias_initializer: kerasCompatArgs.bias_initializer!,
    kernel_regularizer: kerasCompatArgs.kernel_regularizer!,
    bias_regularizer: kerasCompatArgs.bias_regularizer!,
    activity_regularizer: kerasCompatArgs.activity_regularizer!,
    kernel_constraint: kerasCompatArgs.kernel_constraint!,
    bias_constraint: kerasCompatArgs.bias_constraint!,
    dtype: kerasCompatArgs.dtype!,
    ...callArgs,
  },
  positional: ['num_heads', 'key_dim', 'value_dim', 'dropout', 'use_bias', 'output_shape', 'attention_axes'],
  inputs: { min: 1, max: 3 },
  check: (args) => refuseScores(args, 'MultiHeadAttention'),
  outputShape(inputs, args) {
    const { query, value, key } = qvk(inputs);
    const rest = (s: Shape) => JSON.stringify(s.slice(0, -1));
    if (value.length !== key.length || rest(value) !== rest(key)) {
      throw new LayerError(
        `all dimensions of \`value\` and \`key\`, except the last one, must be equal; got value ${formatTuple([null, ...value])} and key ${formatTuple([null, ...key])}`,
      );
    }
    // Keras builds such a model but fails when it runs it (its einsum needs equal ranks).
    if (query.length !== key.length) {
      throw new LayerError(
        `MultiHeadAttention: the query and the key must have the same rank, got ${formatTuple([null, ...query])} and ${formatTuple([null, ...key])}`,
      );
    }
    if (query.length < 2)
      throw new LayerError(`MultiHeadAttention expects a query of rank at least 3 (batch, positions…, features), got ${formatTuple([null, ...query])}`);
    attentionAxes(args, query.length);
    return [...query.slice(0, -1), ...outputDims(args, lastDim(query, 'the query', 'MultiHeadAttention'))];
  },
  params: (inputs, args) => ({ trainable: mhaParams(inputs, args).total, nonTrainable: 0 }),
  macs(inputs, args) {
    const { query, value, key } = qvk(inputs);
    const p = mhaParams(inputs, args);
    const [tq, tk] = [positions(query), positions(key)];
    const axes = attentionAxes(args, query.length);
    const groups = knownProduct(query.slice(0, -1).filter((_, i) => !axes.includes(i)));
    const pairs = groups === 0 ? 0 : (tq / groups) * tk;
    const heads = argInt(args, 'num_heads');
    const attention = pairs * heads * (argInt(args, 'key_dim') + valueDim(args));
    return tq * (p.q + p.o) + tk * p.k + positions(value) * p.v + attention;
  },
  receptive: () => ({ kind: 'global' }),
  explain(inputs, args) {
    const { query, value, key } = qvk(inputs);
    const p = mhaParams(inputs, args);
    const [h, kd, vd] = [argInt(args, 'num_heads'), argInt(args, 'key_dim'), valueDim(args)];
    const [dq, dk, dv] = [query, key, value].map((s) => s[s.length - 1]);
    const out = outputDims(args, dq!).join('·');
    const b = argBool(args, 'use_bias');
    return [
      `query ${dq}·${h}·${kd}${b ? ` + ${h}·${kd}` : ''}, key ${dk}·${h}·${kd}${b ? ` + ${h}·${kd}` : ''}, value ${dv}·${h}·${vd}${b ? ` + ${h}·${vd}` : ''}`,
      `output ${h}·${vd}·${out}${b ? ` + ${out}` : ''}`,
      `params = ${p.q} + ${p.k} + ${p.v} + ${p.o} + ${p.bias} (biases) = ${p.total}`,
    ];
  },
  build(_tf, args, ctx) {
    const { query } = qvk(ctx.inputShapes);
    const axes = attentionAxes(args, query.length);
    const layer = customLayer(
      ctx,
      'NetspecMultiHeadAttention',
      {
        numHeads: argInt(args, 'num_heads'),
        keyDim: argInt(args, 'key_dim'),
        valueDim: valueDim(args),
        useBias: argBool(args, 'use_bias'),
        outputShape: outputDims(args, query[query.length - 1] as number),
        attentionAxes: axes.map((a) => a + 1),
        causal: argBool(args, 'use_causal_mask'),
        weightObjects: weightObjectArgs(args, true),
      },
      'MultiHeadAttention',
    );
    // Keras's order is (query, value, key); one input attends to itself.
    return (inputs: SymbolicTensor[]) => layer.apply([inputs[0]!, inputs[1] ?? inputs[0]!, inputs[2] ?? inputs[1] ?? inputs[0]!]) as SymbolicTensor;
  },
  label: (args) => `MultiHeadAttention ${argInt(args, 'num_heads')}×${argInt(args, 'key_dim')}`,
});

/** Attention and AdditiveAttention: [query, value] or [query, value, key]; output query[:-1] + value[-1:]. */
function luongShape(inputs: Shape[], layer: string): Shape {
  if (inputs.length < 2) throw new LayerError(`${layer} should be called on a list of 2 or 3 inputs [query, value, key?], got ${inputs.length}`);
  const [query, value] = inputs as [Shape, Shape];
  const key = inputs[2] ?? value;
  if (query.length !== value.length || key.length !== value.length) {
    throw new LayerError(`${layer}: query, value and key must have the same rank, got ${inputs.map((s) => formatTuple([null, ...s])).join(', ')}`);
  }
  const [dq, dk] = [query[query.length - 1], key[key.length - 1]];
  // Keras accepts this when it builds the model and fails when it runs: the scores compare query and key features.
  if (dq !== null && dk !== null && dq !== dk) {
    throw new LayerError(`${layer}: the query and the key must have the same last axis (the scores compare them), got ${dq} and ${dk}`);
  }
  // Also only at run time: the weighted sum needs a value per key position, and on rank-4+ inputs the
  // axes before the positions pair up one to one (Keras broadcasts a size-1 axis there, giving a
  // tensor other than the shape it declares).
  const [tk, tv] = [key[key.length - 2], value[value.length - 2]];
  if (tk !== undefined && tk !== null && tv !== undefined && tv !== null && tk !== tv) {
    throw new LayerError(`${layer}: the key and the value must have the same number of positions (one value per key), got ${tk} and ${tv}`);
  }
  const lead = (s: Shape): Shape => s.slice(0, -2);
  const differs = (a: Shape, b: Shape): boolean => lead(a).some((d, i) => d !== null && lead(b)[i] !== null && d !== lead(b)[i]);
  if (differs(query, key) || differs(query, value) || differs(key, value)) {
    throw new LayerError(
      `${layer}: on inputs of rank ${query.length + 1} the axes before the positions must match in query, value and key, got ${inputs.map((s) => formatTuple([null, ...s])).join(', ')}`,
    );
  }
  return [...query.slice(0, -1), value[value.length - 1] as Dim];
}

/** Query × key positions scored: leading axes before the last two batch query and key alike (Keras's batched matmul). */
const pairCount = (inputs: Shape[]): number => positions(inputs[0]!) * ((inputs[2] ?? inputs[1]!).at(-2) ?? 0);

function buildLuong(ctx: BuildContext, config: { score: 'dot' | 'concat' | 'additive'; useScale: boolean; causal: boolean }, layer: string) {
  return applyAll(customLayer(ctx, 'NetspecAttention', config, layer));
}

export const Attention = defineKind({
  className: 'Attention',
  family: 'attention',
  doc: "Dot-product (Luong) attention of [query, value, key?]: softmax(query·keyᵀ) · value; `score_mode='concat'` scores with tanh(query + key).",
  args: {
    use_scale: { type: 'bool', default: false, doc: 'Learn a scalar that scales the scores.' },
    score_mode: { type: 'enum', values: ['dot', 'concat'], default: 'dot', doc: "'dot' or 'concat'." },
    dropout: { type: 'float', min: 0, max: 1, default: 0, doc: 'Dropout on the attention scores while training.' },
    seed: { type: 'int', default: null, nullable: true, doc: 'Dropout seed (accepted).' },
    dtype: kerasCompatArgs.dtype!,
    ...callArgs,
  },
  positional: ['use_scale', 'score_mode', 'dropout'],
  inputs: { min: 2, max: 3 },
  check: (args) => refuseScores(args, 'Attention'),
  outputShape: (inputs) => luongShape(inputs, 'Attention'),
  params: (_inputs, args) => ({ trainable: Number(argBool(args, 'use_scale')) + Number(argStr(args, 'score_mode') === 'concat'), nonTrainable: 0 }),
  macs: (inputs) => pairCount(inputs) * (lastDim(inputs[0]!, 'the query', 'Attention') + lastDim(inputs[1]!, 'the value', 'Attention')),
  receptive: () => ({ kind: 'global' }),
  explain: (_inputs, args) => [
    `params = ${argBool(args, 'use_scale') ? '1 (scale)' : '0'}${argStr(args, 'score_mode') === 'concat' ? ' + 1 (concat_score_weight)' : ''}`,
  ],
  build: (_tf, args, ctx) =>
    buildLuong(
      ctx,
      { score: argStr(args, 'score_mode') as 'dot' | 'concat', useScale: argBool(args, 'use_scale'), causal: argBool(args, 'use_causal_mask') },
      'Attention',
    ),
  label: (args) => `Attention ${argStr(args, 'score_mode')}`,
});

export const AdditiveAttention = defineKind({
  className: 'AdditiveAttention',
  family: 'attention',
  doc: 'Additive (Bahdanau) attention of [query, value, key?]: scores Σ scale·tanh(query + key), softmax, then · value.',
  args: {
    use_scale: { type: 'bool', default: true, doc: 'Learn one scale per feature of the query.' },
    dropout: { type: 'float', min: 0, max: 1, default: 0, doc: 'Dropout on the attention scores while training.' },
    dtype: kerasCompatArgs.dtype!,
    ...callArgs,
  },
  positional: ['use_scale', 'dropout'],
  inputs: { min: 2, max: 3 },
  check: (args) => refuseScores(args, 'AdditiveAttention'),
  outputShape: (inputs) => luongShape(inputs, 'AdditiveAttention'),
  params: (inputs, args) => ({ trainable: argBool(args, 'use_scale') ? lastDim(inputs[0]!, 'the query', 'AdditiveAttention') : 0, nonTrainable: 0 }),
  macs: (inputs) => pairCount(inputs) * (lastDim(inputs[0]!, 'the query', 'AdditiveAttention') + lastDim(inputs[1]!, 'the value', 'AdditiveAttention')),
  receptive: () => ({ kind: 'global' }),
  explain: (inputs, args) => [
    argBool(args, 'use_scale') ? `params = ${lastDim(inputs[0]!, 'the query', 'AdditiveAttention')} (scale, one per query feature)` : 'params = 0',
  ],
  build: (_tf, args, ctx) =>
    buildLuong(ctx, { score: 'additive', useScale: argBool(args, 'use_scale'), causal: argBool(args, 'use_causal_mask') }, 'AdditiveAttention'),
  label: () => 'AdditiveAttention',
});
