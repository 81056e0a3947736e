// Keras's attention layers and the ViT tokens, which tfjs lacks: MultiHeadAttention (projections as
// Keras's einsums, weights in Keras's shapes and order), Attention/AdditiveAttention, GroupNormalization,
// UnitNormalization, ClassToken and AddPositionEmbedding. Inference only: attention dropout is off.
import type { LayerVariable, Tensor } from '@tensorflow/tfjs';
import type {
  AttentionConfig,
  DotConfig,
  GroupNormalizationConfig,
  MultiHeadAttentionConfig,
  TokenConfig,
  UnitNormalizationConfig,
} from '../layers/custom-configs.js';
import type { Tf } from '../layers/types.js';
import { weightObjectsFor, type WeightObjectsOf } from './custom-weight-objects.js';
import { firstShape, firstTensor, type CustomLayerClasses, type LayerBase } from './custom-types.js';

type Shape = (number | null)[];

export type AttentionLayerClasses = Pick<
  CustomLayerClasses,
  | 'NetspecMultiHeadAttention'
  | 'NetspecAttention'
  | 'NetspecDot'
  | 'NetspecGroupNormalization'
  | 'NetspecUnitNormalization'
  | 'NetspecClassToken'
  | 'NetspecAddPositionEmbedding'
>;

/** Keras subtracts this from masked scores before the softmax. */
const MASKED = 1e9;

const product = (dims: number[]) => dims.reduce((p, d) => p * d, 1);
const shapesOf = (inputShape: Shape | Shape[]): Shape[] => (Array.isArray(inputShape[0]) ? (inputShape as Shape[]) : [inputShape as Shape]);
const tensorsOf = (inputs: Tensor | Tensor[]): Tensor[] => (Array.isArray(inputs) ? inputs : [inputs]);

export function defineAttentionLayers(tf: Tf, NetspecLayer: LayerBase): AttentionLayerClasses {
  const zeros = () => tf.initializers.zeros();
  const glorot = () => tf.initializers.glorotUniform({});

  /** The lower-triangular causal mask (1 where key j ≤ query i) as an additive term on the scores. */
  const causalPenalty = (tq: number, tk: number): Tensor => tf.tidy(() => tf.mul(tf.sub(1, tf.linalg.bandPart(tf.ones([tq, tk]), -1, 0)), -MASKED));

  class NetspecMultiHeadAttention extends NetspecLayer<MultiHeadAttentionConfig> {
    static className = 'NetspecMultiHeadAttention';
    private w: LayerVariable[] = [];
    override build(inputShape: Shape | Shape[]): void {
      const [q, v, k] = shapesOf(inputShape) as [Shape, Shape, Shape];
      const { numHeads: h, keyDim, valueDim, useBias, outputShape } = this.config;
      const last = (s: Shape) => s[s.length - 1] as number;
      // Keras gives every projection the same kernel_* and bias_* objects.
      const [kernel, biasObjects] = ['kernel', 'bias'].map((w) => weightObjectsFor(tf, this.config.weightObjects, w)) as [WeightObjectsOf, WeightObjectsOf];
      const add = (name: string, shape: number[], bias: boolean) => {
        const o = bias ? biasObjects : kernel;
        return this.addWeight(name, shape, 'float32', o.initializer ?? (bias ? zeros() : glorot()), o.regularizer, undefined, o.constraint);
      };
      // Keras's get_weights() order: query, key, value, output; each kernel then its bias.
      const parts: [string, number[], number[]][] = [
        ['query', [last(q), h, keyDim], [h, keyDim]],
        ['key', [last(k), h, keyDim], [h, keyDim]],
        ['value', [last(v), h, valueDim], [h, valueDim]],
        ['attention_output', [h, valueDim, ...outputShape], outputShape],
      ];
      this.w = parts.flatMap(([name, kernel, bias]) => [add(`${name}/kernel`, kernel, false), ...(useBias ? [add(`${name}/bias`, bias, true)] : [])]);
      this.built = true;
    }
    override computeOutputShape(inputShape: Shape | Shape[]): Shape {
      const q = shapesOf(inputShape)[0]!;
      return [...q.slice(0, -1), ...this.config.outputShape];
    }
    override call(inputs: Tensor | Tensor[]): Tensor {
      return tf.tidy(() => {
        const [query, value, key] = tensorsOf(inputs) as [Tensor, Tensor, Tensor];
        const { numHeads: h, keyDim, valueDim, useBias, outputShape, attentionAxes, causal } = this.config;
        const weight = (i: number) => this.w[i]!.read();
        const stride = useBias ? 2 : 1;
        /** x (B, S…, in…) · kernel (in…, out…) [+ bias] → (B, S…, out…), contracting the last `contract` axes. */
        const project = (x: Tensor, part: number, out: number[], contract = 1) => {
          const inner = product(x.shape.slice(-contract) as number[]);
          let y = tf.matMul(tf.reshape(x, [-1, inner]), tf.reshape(weight(part * stride), [inner, product(out)]));
          if (useBias) y = tf.add(y, tf.reshape(weight(part * stride + 1), [product(out)]));
          return tf.reshape(y, [...x.shape.slice(0, -contract), ...out]);
        };
        const rank = query.shape.length;
        const others = Array.from({ length: rank - 2 }, (_, i) => i + 1).filter((a) => !attentionAxes.includes(a));
        const order = [0, ...others, ...attentionAxes, rank - 1, rank];
        /** (B, S…, H, d) → (B, M, H, N, d): the non-attended axes as M, the attended ones as N. */
        const heads = (x: Tensor) => {
          const t = tf.transpose(x, order);
          const m = product(others.map((a) => x.shape[a]!));
          return tf.transpose(tf.reshape(t, [x.shape[0]!, m, -1, h, x.shape[rank]!]), [0, 1, 3, 2, 4]);
        };
        const q = project(query, 0, [h, keyDim]);
        const k = project(key, 1, [h, keyDim]);
        const v = project(value, 2, [h, valueDim]);
        let scores = tf.matMul(heads(tf.mul(q, 1 / Math.sqrt(keyDim))), heads(k), false, true);
        if (causal) scores = tf.add(scores, causalPenalty(scores.shape[3]!, scores.shape[4]!));
        const mixed = tf.matMul(tf.softmax(scores), heads(v)); // (B, M, H, Nq, V)
        // Back to (B, S…, H, V): undo the head split, the merges and the axis order.
        const permuted = order.map((a) => q.shape[a]!);
        const back = tf.reshape(tf.transpose(mixed, [0, 1, 3, 2, 4]), [...permuted.slice(0, -1), valueDim]);
        const inverse = order.map((_, i) => order.indexOf(i));
        return project(tf.transpose(back, inverse), 3, outputShape, 2);
      });
    }
  }

  /** Keras's Attention (dot / concat scores) and AdditiveAttention, on [query, value, key?]. */
  class NetspecAttention extends NetspecLayer<AttentionConfig> {
    static className = 'NetspecAttention';
    private scale: LayerVariable | null = null;
    private concatWeight: LayerVariable | null = null;
    override build(inputShape: Shape | Shape[]): void {
      const q = shapesOf(inputShape)[0]!;
      const { score, useScale } = this.config;
      if (useScale)
        this.scale = this.addWeight(
          'scale',
          score === 'additive' ? [q[q.length - 1] as number] : [],
          'float32',
          score === 'additive' ? glorot() : tf.initializers.ones(),
        );
      if (score === 'concat') this.concatWeight = this.addWeight('concat_score_weight', [], 'float32', tf.initializers.ones());
      this.built = true;
    }
    override computeOutputShape(inputShape: Shape | Shape[]): Shape {
      const [q, v] = shapesOf(inputShape) as [Shape, Shape];
      return [...q.slice(0, -1), v[v.length - 1]!];
    }
    override call(inputs: Tensor | Tensor[]): Tensor {
      return tf.tidy(() => {
        const [query, value, keyOrNone] = tensorsOf(inputs) as [Tensor, Tensor, Tensor | undefined];
        const key = keyOrNone ?? value;
        const { score, causal } = this.config;
        let scores: Tensor;
        if (score === 'dot') {
          scores = tf.matMul(query, key, false, true);
          if (this.scale) scores = tf.mul(scores, this.scale.read());
        } else {
          // (…, Tq, 1, d) + (…, 1, Tv, d) → tanh → summed over d.
          const sum = tf.add(tf.expandDims(query, -2), tf.expandDims(key, -3));
          if (score === 'concat') {
            scores = tf.mul(this.concatWeight!.read(), tf.sum(tf.tanh(this.scale ? tf.mul(this.scale.read(), sum) : sum), -1));
          } else {
            scores = tf.sum(this.scale ? tf.mul(this.scale.read(), tf.tanh(sum)) : tf.tanh(sum), -1);
          }
        }
        if (causal) {
          const [tq, tk] = scores.shape.slice(-2) as [number, number];
          scores = tf.add(scores, causalPenalty(tq, tk));
        }
        return tf.matMul(tf.softmax(scores), value);
      });
    }
  }

  /** Keras's Dot: (B, a…, K) · (B, K, b…) contracted over the chosen axes → (B, a…, b…), (B, 1) when nothing is left. */
  class NetspecDot extends NetspecLayer<DotConfig> {
    static className = 'NetspecDot';
    override computeOutputShape(inputShape: Shape | Shape[]): Shape {
      const [a, b] = shapesOf(inputShape) as [Shape, Shape];
      const [i, j] = this.config.axes;
      const out = [a[0]!, ...a.filter((_, k) => k > 0 && k !== i), ...b.filter((_, k) => k > 0 && k !== j)];
      return out.length === 1 ? [...out, 1] : out;
    }
    override call(inputs: Tensor | Tensor[]): Tensor {
      return tf.tidy(() => {
        let [a, b] = tensorsOf(inputs) as [Tensor, Tensor];
        const [i, j] = this.config.axes;
        // Keras's normalize: x / sqrt(max(Σx², 1e-12)) along the contracted axis.
        const unit = (x: Tensor, axis: number) => tf.mul(x, tf.rsqrt(tf.maximum(tf.sum(tf.square(x), axis, true), 1e-12)));
        if (this.config.normalize) [a, b] = [unit(a, i), unit(b, j)];
        const move = (x: Tensor, from: number, to: number) => {
          const order = x.shape.map((_, k) => k).filter((k) => k !== from);
          order.splice(to, 0, from);
          return tf.transpose(x, order);
        };
        const at = move(a, i, a.shape.length - 1);
        const bt = move(b, j, 1);
        const k = a.shape[i]!;
        const batch = a.shape[0]!;
        const product = tf.matMul(tf.reshape(at, [batch, -1, k]), tf.reshape(bt, [batch, k, -1]));
        const out = [...at.shape.slice(1, -1), ...bt.shape.slice(2)];
        return tf.reshape(product, [batch, ...(out.length === 0 ? [1] : out)]);
      });
    }
  }

  /** Keras 3's GroupNormalization: moments per sample and group, then gamma and beta per channel. */
  class NetspecGroupNormalization extends NetspecLayer<GroupNormalizationConfig> {
    static className = 'NetspecGroupNormalization';
    private gamma: LayerVariable | null = null;
    private beta: LayerVariable | null = null;
    override build(inputShape: Shape | Shape[]): void {
      const c = firstShape(inputShape)[this.config.axis] as number;
      const [g, b] = ['gamma', 'beta'].map((w) => weightObjectsFor(tf, this.config.weightObjects, w)) as [WeightObjectsOf, WeightObjectsOf];
      if (this.config.scale)
        this.gamma = this.addWeight('gamma', [c], 'float32', g.initializer ?? tf.initializers.ones(), g.regularizer, undefined, g.constraint);
      if (this.config.center) this.beta = this.addWeight('beta', [c], 'float32', b.initializer ?? zeros(), b.regularizer, undefined, b.constraint);
      this.built = true;
    }
    override computeOutputShape(inputShape: Shape | Shape[]): Shape {
      return firstShape(inputShape);
    }
    override call(inputs: Tensor | Tensor[]): Tensor {
      return tf.tidy(() => {
        const x = firstTensor(inputs);
        const { axis, groups, epsilon } = this.config;
        const rank = x.shape.length;
        // Channels last, split into (groups, channels per group); statistics over all but batch and group.
        const toLast = [...Array.from({ length: rank }, (_, i) => i).filter((i) => i !== axis), axis];
        const t = tf.transpose(x, toLast);
        const c = x.shape[axis]!;
        const grouped = tf.reshape(t, [...t.shape.slice(0, -1), groups, c / groups]);
        const reduce = Array.from({ length: rank + 1 }, (_, i) => i).filter((i) => i !== 0 && i !== rank - 1);
        const { mean, variance } = tf.moments(grouped, reduce, true);
        let y = tf.reshape(tf.mul(tf.sub(grouped, mean), tf.rsqrt(tf.add(variance, epsilon))), t.shape);
        if (this.gamma) y = tf.mul(y, this.gamma.read());
        if (this.beta) y = tf.add(y, this.beta.read());
        return tf.transpose(
          y,
          toLast.map((_, i) => toLast.indexOf(i)),
        );
      });
    }
  }

  /** Keras's UnitNormalization: x · rsqrt(max(Σx², 1e-12)) over the axes. */
  class NetspecUnitNormalization extends NetspecLayer<UnitNormalizationConfig> {
    static className = 'NetspecUnitNormalization';
    override computeOutputShape(inputShape: Shape | Shape[]): Shape {
      return firstShape(inputShape);
    }
    override call(inputs: Tensor | Tensor[]): Tensor {
      return tf.tidy(() => {
        const x = firstTensor(inputs);
        return tf.mul(x, tf.rsqrt(tf.maximum(tf.sum(tf.square(x), this.config.axes, true), 1e-12)));
      });
    }
  }

  /** A learned (1, 1, D) token put in front of the sequence. */
  class NetspecClassToken extends NetspecLayer<TokenConfig> {
    static className = 'NetspecClassToken';
    private token!: LayerVariable;
    override build(inputShape: Shape | Shape[]): void {
      const s = firstShape(inputShape);
      this.token = this.addWeight('token', [1, 1, s[2] as number], 'float32', zeros());
      this.built = true;
    }
    override computeOutputShape(inputShape: Shape | Shape[]): Shape {
      const [b, n, d] = firstShape(inputShape);
      return [b!, n === null || n === undefined ? null : n + 1, d!];
    }
    override call(inputs: Tensor | Tensor[]): Tensor {
      return tf.tidy(() => {
        const x = firstTensor(inputs);
        return tf.concat([tf.tile(this.token.read(), [x.shape[0]!, 1, 1]), x], 1);
      });
    }
  }

  /** A learned embedding with the input's (batch-less) shape, added to it. */
  class NetspecAddPositionEmbedding extends NetspecLayer<TokenConfig> {
    static className = 'NetspecAddPositionEmbedding';
    private embedding!: LayerVariable;
    override build(inputShape: Shape | Shape[]): void {
      this.embedding = this.addWeight('embedding', firstShape(inputShape).slice(1) as number[], 'float32', tf.initializers.randomNormal({ stddev: 0.05 }));
      this.built = true;
    }
    override computeOutputShape(inputShape: Shape | Shape[]): Shape {
      return firstShape(inputShape);
    }
    override call(inputs: Tensor | Tensor[]): Tensor {
      return tf.tidy(() => tf.add(firstTensor(inputs), this.embedding.read()));
    }
  }

  return {
    NetspecMultiHeadAttention,
    NetspecAttention,
    NetspecDot,
    NetspecGroupNormalization,
    NetspecUnitNormalization,
    NetspecClassToken,
    NetspecAddPositionEmbedding,
  };
}
