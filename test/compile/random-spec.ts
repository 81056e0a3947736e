// Random valid specs for the differential tests. fast-check draws a plan (input kind, sizes, and
// per step a row of choices); `planToSpec` turns it into a spec, appending one step at a time and
// keeping a step only if the real front end accepts it, so every spec is valid and every stage
// (YAML, schema, expansion, inference) is exercised. Steps cover every kind, odd sizes, strides,
// dilation, padding, groups and merges (residual and inception structures).
import fc from 'fast-check';
import { analyzeText } from '../../src/index.js';
import type { IRGraph } from '../../src/ir/types.js';
import type { Shape } from '../../src/layers/types.js';

export interface Plan {
  input: number;
  sizes: number[];
  steps: number[][];
}

type Step = Record<string, unknown>;
type Maker = (shape: number[], c: Chooser) => Step | null;

/** Reads choices from one row of numbers, round-robin. */
class Chooser {
  private i = 0;
  constructor(private readonly row: number[]) {}
  int(min: number, max: number): number {
    const v = this.row[this.i++ % this.row.length]!;
    return min + (v % (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)]!;
  }
  flag(): boolean {
    return this.int(0, 1) === 1;
  }
}

// No 'exponential': stacked after a scale it overflows to inf in Keras as in tfjs, and the forward-pass check wants finite outputs.
const ACTIVATIONS = [
  'relu',
  'relu6',
  'sigmoid',
  'tanh',
  'softmax',
  'elu',
  'selu',
  'swish',
  'silu',
  'gelu',
  'hard_sigmoid',
  'hard_swish',
  'leaky_relu',
  'softplus',
  'softsign',
  'mish',
  'log_softmax',
  'linear',
];
const divisors = (n: number) => Array.from({ length: n }, (_, i) => i + 1).filter((d) => n % d === 0);
const channels = (shape: number[]) => shape[shape.length - 1]!;
const rankOf = (shape: number[]) => shape.length - 1;

/** Keyword arguments shared by windowed convolutions of any rank. */
function windowArgs(rank: number, c: Chooser, transposed = false): Step {
  const strides = c.pick([1, 1, 2, 3]);
  const dilation = strides === 1 ? c.pick([1, 1, 2]) : 1;
  const args: Step = {
    kernel_size: rank === 1 ? c.int(1, 4) : Array.from({ length: rank }, () => c.int(1, 3)),
    strides,
    padding: c.pick(['valid', 'same']),
    dilation_rate: dilation,
  };
  if (transposed && c.flag()) args.output_padding = c.int(0, Math.max(0, (strides as number) - 1));
  return args;
}

function conv(shape: number[], c: Chooser): Step {
  const rank = rankOf(shape);
  const groups = c.pick(divisors(channels(shape)));
  const args: Step = { filters: groups * c.int(1, 3), ...windowArgs(rank, c), groups, use_bias: c.flag(), activation: c.pick([null, ...ACTIVATIONS]) };
  if (rank === 1 && c.int(0, 3) === 0) args.padding = 'causal';
  return { [`conv${rank}d`]: args };
}

const SPATIAL: Maker[] = [
  conv,
  conv,
  (s, c) => ({ [`conv${rankOf(s)}d_transpose`]: { filters: c.int(1, 4), ...windowArgs(rankOf(s), c, true) } }),
  (s, c) =>
    rankOf(s) < 3
      ? {
          [`depthwise_conv${rankOf(s)}d`]: {
            kernel_size: c.int(1, 3),
            strides: c.pick([1, 2]),
            padding: c.pick(['valid', 'same']),
            depth_multiplier: c.int(1, 2),
          },
        }
      : null,
  (s, c) =>
    rankOf(s) < 3
      ? {
          [`separable_conv${rankOf(s)}d`]: {
            filters: c.int(1, 5),
            kernel_size: c.int(1, 3),
            padding: c.pick(['valid', 'same']),
            depth_multiplier: c.int(1, 2),
          },
        }
      : null,
  (s, c) => ({
    [`${c.pick(['max', 'average'])}_pooling${rankOf(s)}d`]: { pool_size: c.int(1, 3), strides: c.pick([null, 1, 2]), padding: c.pick(['valid', 'same']) },
  }),
  (s, c) => ({ [`global_${c.pick(['max', 'average'])}_pooling${rankOf(s)}d`]: { keepdims: c.flag() } }),
  (s, c) => ({ [`zero_padding${rankOf(s)}d`]: { padding: c.int(0, 2) } }),
  (s, c) => ({ [`cropping${rankOf(s)}d`]: { cropping: c.int(0, 1) } }),
  (s, c) => ({ [`up_sampling${rankOf(s)}d`]: rankOf(s) === 2 ? { size: c.int(1, 2), interpolation: c.pick(['nearest', 'bilinear']) } : { size: c.int(1, 2) } }),
  (s) => ({ [`spatial_dropout${rankOf(s)}d`]: { rate: 0.5 } }),
  (s, c) =>
    rankOf(s) === 2
      ? {
          filter2d: {
            preset: c.pick(['mean', 'gaussian', 'blur', 'sharpen', 'outline', 'emboss', 'sobel_x', 'sobel_y', 'identity']),
            padding: c.pick(['valid', 'same']),
          },
        }
      : null,
  (s, c) =>
    rankOf(s) === 2
      ? { resizing: { height: c.int(2, 9), width: c.int(2, 9), interpolation: c.pick(['bilinear', 'nearest']), crop_to_aspect_ratio: c.flag() } }
      : null,
  (s, c) => (rankOf(s) === 2 ? { [c.pick(['center_crop', 'random_crop'])]: { height: c.int(2, 8), width: c.int(2, 8) } } : null),
  (s, c) =>
    rankOf(s) === 2
      ? c.pick([
          { random_flip: {} },
          { random_rotation: { factor: 0.1 } },
          { random_zoom: { height_factor: 0.2 } },
          { random_translation: { height_factor: 0.1, width_factor: 0.1 } },
          { random_contrast: { factor: 0.2 } },
          { random_brightness: { factor: 0.1 } },
        ])
      : null,
  (s, c) => residual(s, c),
  (s, c) => inception(s, c),
  (s, c) => (c.flag() ? convLstm(s, c) : convLstm3d(s, c)),
  () => ({ flatten: {} }),
];

const ANY_RANK: Maker[] = [
  (_s, c) => ({ batch_normalization: { center: c.flag(), scale: c.flag() } }),
  () => ({ layer_normalization: {} }),
  (_s, c) => ({ normalization: c.flag() ? {} : { mean: 0.5, variance: 2 } }),
  (_s, c) => ({ activation: { activation: c.pick(ACTIVATIONS) } }),
  (_s, c) => ({ re_lu: { max_value: c.pick([null, 6]), negative_slope: c.pick([0, 0.1]), threshold: c.pick([0, 0.5]) } }),
  () => ({ leaky_re_lu: {} }),
  () => ({ p_re_lu: {} }),
  (_s, c) => ({ elu: { alpha: c.pick([1, 0.5]) } }),
  // The class name: a bare `softmax` is the activation.
  (s, c) => ({ Softmax: { axis: s.length >= 2 && c.flag() ? [1, 2] : -1 } }),
  (_s, c) => ({ [c.pick(['dropout', 'gaussian_dropout', 'alpha_dropout'])]: { rate: 0.3 } }),
  () => ({ gaussian_noise: { stddev: 0.1 } }),
  (_s, c) => ({ rescaling: { scale: c.pick([1 / 255, 2]), offset: c.pick([0, -1]) } }),
  (s) => ({ reshape: { target_shape: [-1, channels(s)] } }),
  (s) => (s.length >= 2 ? { permute: { dims: [...s.map((_, i) => i + 1).slice(0, -2), s.length, s.length - 1] } } : null),
  (_s, c) => ({ dense: { units: c.int(1, 6), activation: c.pick([null, ...ACTIVATIONS]) } }),
  (s, c) => ({ group_normalization: { groups: c.pick([-1, ...divisors(channels(s))]), center: c.flag(), scale: c.flag() } }),
  (_s, c) => ({ unit_normalization: { axis: c.pick([-1, 1]) } }),
  (s, c) =>
    s.length >= 2
      ? {
          multi_head_attention: {
            num_heads: c.int(1, 3),
            key_dim: c.int(1, 4),
            value_dim: c.pick([null, 2]),
            use_bias: c.flag(),
            output_shape: c.pick([null, 3]),
            use_causal_mask: s.length === 2 && c.flag(),
          },
        }
      : null,
  // Two-input kinds: the previous output and the model's input (the front end drops shapes that do not fit).
  (s, c) =>
    s.length >= 2
      ? {
          ...c.pick([{ attention: { use_scale: c.flag(), score_mode: c.pick(['dot', 'concat']) } }, { additive_attention: { use_scale: c.flag() } }]),
          with: ['input_layer'],
        }
      : null,
  (_s, c) => ({ dot: { axes: c.pick([-1, 1]), normalize: c.flag() }, with: ['input_layer'] }),
  // A mask on any rank: recurrent layers use it, and compile refuses what Keras cannot run (a mask into ConvLSTM).
  (_s, c) => ({ masking: { mask_value: c.pick([0, -1]) } }),
  (s) => (s.length === 2 ? vitTokens() : null),
  (s, c) => ({ layer_scale: { init_values: c.pick([1e-6, 0.5]), projection_dim: channels(s) } }),
  // Sequences (the first axis is time), one maker so the other kinds keep their share of the draws.
  (s, c) =>
    s.length !== 2
      ? null
      : c.pick([
          recurrent(c),
          { bidirectional: { layer: recurrentCall(c), merge_mode: c.pick(['concat', 'sum', 'mul', 'ave']) } },
          { time_distributed: { layer: c.pick([`Dense(${c.int(1, 4)})`, 'Flatten()']) } },
        ]),
];

/** ConvLSTM over a spatial shape read as (timesteps, spatial…, channels); ConvLSTM3D after a reshape to one time step. */
function convLstm(shape: number[], c: Chooser): Step | null {
  const args = {
    filters: c.int(1, 2),
    kernel_size: c.int(1, 2),
    padding: c.pick(['valid', 'same']),
    return_sequences: c.flag(),
    go_backwards: c.flag(),
  };
  return shape.length === 3 || shape.length === 4 ? { [`conv_lstm${shape.length - 2}d`]: args } : null;
}

function convLstm3d(shape: number[], c: Chooser): Step | null {
  if (shape.length !== 4) return null;
  return {
    sequential: [
      { reshape: { target_shape: [1, ...shape] } },
      { conv_lstm3d: { filters: c.int(1, 2), kernel_size: c.int(1, 2), padding: c.pick(['valid', 'same']), return_sequences: c.flag() } },
    ],
  };
}

function recurrentCall(c: Chooser): string {
  const kind = c.pick(['SimpleRNN', 'LSTM', 'GRU']);
  const resetAfter = kind === 'GRU' && c.flag() ? ', reset_after=False' : '';
  return `${kind}(${c.int(1, 4)}, return_sequences=${c.flag() ? 'True' : 'False'}, go_backwards=${c.flag() ? 'True' : 'False'}${resetAfter})`;
}

function recurrent(c: Chooser): Step {
  const kind = c.pick(['simple_rnn', 'lstm', 'gru']);
  return {
    [kind]: { units: c.int(1, 4), return_sequences: c.flag(), activation: c.pick(['tanh', 'relu']), ...(kind === 'gru' ? { reset_after: c.flag() } : {}) },
  };
}

/** ViT's tokens on a sequence (N, D). */
function vitTokens(): Step {
  return { sequential: [{ class_token: {} }, { add_position_embedding: {} }] };
}

/** A residual block: a shape-preserving body added to an identity or 1×1 shortcut. */
function residual(shape: number[], c: Chooser): Step {
  const rank = rankOf(shape);
  const filters = channels(shape);
  const body = [{ [`conv${rank}d`]: { filters, kernel_size: c.int(1, 3), padding: 'same' } }, { batch_normalization: {} }];
  const shortcut = c.flag() ? [] : [{ [`conv${rank}d`]: { filters, kernel_size: 1 } }];
  // Half the blocks scale the body as InceptionResNet does (a CustomScaleLayer merge).
  const scale = c.flag() ? { scale: c.pick([0.1, 0.17, 1]) } : {};
  return { residual: { body, shortcut, activation: c.pick(['relu', 'linear']), ...scale } };
}

/** Parallel branches on the same input, merged by any merge kind. */
function inception(shape: number[], c: Chooser): Step {
  const rank = rankOf(shape);
  const merge = c.pick(['concat', 'add', 'multiply', 'average', 'maximum', 'minimum', 'subtract']);
  const filters = merge === 'concat' ? c.int(1, 4) : channels(shape);
  const branch = () => [{ [`conv${rank}d`]: { filters, kernel_size: c.int(1, 3), padding: 'same', dilation_rate: c.pick([1, 2]) } }];
  const count = merge === 'subtract' ? 2 : c.int(2, 3);
  return { inception: { branches: Array.from({ length: count }, branch), merge } };
}

const VECTOR: Maker[] = [
  (_s, c) => ({ dense: { units: c.int(1, 9), activation: c.pick([null, ...ACTIVATIONS]), use_bias: c.flag() } }),
  (s) => ({ reshape: { target_shape: [channels(s), 1] } }),
];

function makersFor(shape: number[]): Maker[] {
  if (shape.length === 1) return [...VECTOR, ...VECTOR, ...ANY_RANK];
  return [...SPATIAL, ...SPATIAL, ...ANY_RANK];
}

function inputShape(plan: Plan): number[] {
  const [a = 0, b = 0, c = 0, d = 0] = plan.sizes;
  switch (plan.input % 5) {
    case 0:
    case 1:
      return [5 + (a % 6), 5 + (b % 6), 1 + (c % 4)];
    case 2:
      return [6 + (a % 8), 1 + (c % 4)];
    case 3:
      return [3 + (a % 3), 3 + (b % 3), 3 + (d % 3), 1 + (c % 3)];
    default:
      return [2 + (a % 10)];
  }
}

export interface RandomSpec {
  text: string;
  graph: IRGraph;
  /** An Embedding first layer needs integer inputs below this. */
  embeddingInputDim?: number;
}

function specText(input: Shape, layers: Step[]): string {
  return JSON.stringify({ name: 'random', input, layers }, null, 1);
}

/** A spec built step by step from the plan; steps the front end rejects are left out. */
export function planToSpec(plan: Plan): RandomSpec {
  const layers: Step[] = [];
  let shape = inputShape(plan);
  const input = shape;
  let embeddingInputDim: number | undefined;
  if (shape.length === 1 && plan.sizes[4]! % 3 === 0) {
    embeddingInputDim = 3 + (plan.sizes[5]! % 5);
    layers.push({ embedding: { input_dim: embeddingInputDim, output_dim: 1 + (plan.sizes[6]! % 4) } });
  }
  let graph = analyzeText(specText(input, layers)).graph!;
  if (embeddingInputDim !== undefined) shape = graph.outputs[0]!.shape as number[];
  for (const row of plan.steps) {
    const c = new Chooser(row);
    for (let attempt = 0; attempt < 3; attempt++) {
      const step = c.pick(makersFor(shape))(shape, c);
      if (!step) continue;
      const next = analyzeText(specText(input, [...layers, step])).graph;
      const out = next?.outputs[0]!.shape;
      // Keep shapes small and known: the forward pass must stay cheap.
      if (!next || !out || out.includes(null) || out.reduce<number>((p, d) => p * (d ?? 0), 1) > 4096 || out.length === 0) continue;
      layers.push(step);
      graph = next;
      shape = out as number[];
      break;
    }
  }
  return { text: specText(input, layers), graph, embeddingInputDim };
}

export const planArbitrary: fc.Arbitrary<Plan> = fc.record({
  input: fc.nat(100),
  sizes: fc.array(fc.nat(1000), { minLength: 8, maxLength: 8 }),
  steps: fc.array(fc.array(fc.nat(1000), { minLength: 12, maxLength: 12 }), { minLength: 1, maxLength: 6 }),
});
