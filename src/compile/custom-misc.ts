// Keras layers tfjs lacks: Normalization, global pooling with keepdims (and of rank 3), and the
// fixed (non-learned) image filter of the lecture's image-processing part.
import type { LayerVariable, Tensor, Tensor4D } from '@tensorflow/tfjs';
import { convLength } from '../layers/shape-math.js';
import type { Tf } from '../layers/types.js';
import type { LayerClass } from './custom-types.js';

type Shape = (number | null)[];

export interface NormalizationConfig {
  /** Kept axes, counted with the batch axis (Keras's `axis=-1` on rank-4 input is [3]). */
  axes: number[];
  invert: boolean;
  /** Fixed statistics (Keras's `mean=`/`variance=`): no weights then. Flat, one per kept element. */
  mean: number[] | null;
  variance: number[] | null;
  name?: string;
  trainable?: boolean;
}

export interface GlobalPoolingConfig {
  mode: 'avg' | 'max';
  keepdims: boolean;
  name?: string;
  trainable?: boolean;
}

export interface FixedFilterConfig {
  /** 2-D kernel applied to every channel on its own (cross-correlation, as Keras's convolutions). */
  kernel: number[][];
  strides: number[];
  padding: 'valid' | 'same';
  name?: string;
  trainable?: boolean;
}

export interface MiscLayerClasses {
  NetspecNormalization: LayerClass<NormalizationConfig>;
  NetspecGlobalPooling: LayerClass<GlobalPoolingConfig>;
  NetspecFixedFilter: LayerClass<FixedFilterConfig>;
}

const firstShape = (inputShape: Shape | Shape[]): Shape => (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
const firstTensor = (inputs: Tensor | Tensor[]): Tensor => (Array.isArray(inputs) ? inputs[0]! : inputs);
const KERAS_EPSILON = 1e-7;

export function defineMiscLayers(tf: Tf): MiscLayerClasses {
  const Layer = tf.layers.Layer;
  const ownConfig = <C extends { name?: string; trainable?: boolean }>(config: C) => {
    const { name: _name, trainable: _trainable, ...own } = config;
    return own;
  };

  /** Keras 3: (x − mean) / max(√variance, ε); with invert, mean + x · max(√variance, ε). */
  class NetspecNormalization extends Layer {
    static className = 'NetspecNormalization';
    private mean: LayerVariable | null = null;
    private variance: LayerVariable | null = null;
    private broadcast: number[] = [];
    constructor(readonly config: NormalizationConfig) {
      super({ name: config.name, trainable: config.trainable });
    }
    override build(inputShape: Shape | Shape[]): void {
      const shape = firstShape(inputShape);
      const kept = this.config.axes.map((a) => shape[a] as number);
      this.broadcast = shape.map((n, i) => (i > 0 && this.config.axes.includes(i) ? (n as number) : 1));
      if (this.config.mean === null) {
        // Keras's adapt() state: mean, variance and the sample count, all non-trainable.
        this.mean = this.addWeight('mean', kept, 'float32', tf.initializers.zeros(), undefined, false);
        this.variance = this.addWeight('variance', kept, 'float32', tf.initializers.ones(), undefined, false);
        this.addWeight('count', [], 'float32', tf.initializers.zeros(), undefined, false);
      }
      this.built = true;
    }
    override computeOutputShape(inputShape: Shape | Shape[]): Shape {
      return firstShape(inputShape);
    }
    override call(inputs: Tensor | Tensor[]): Tensor {
      return tf.tidy(() => {
        const x = firstTensor(inputs);
        const mean = this.statistic(this.mean, this.config.mean);
        const variance = this.statistic(this.variance, this.config.variance);
        const scale = tf.maximum(tf.sqrt(variance), KERAS_EPSILON);
        return this.config.invert ? tf.add(mean, tf.mul(x, scale)) : tf.div(tf.sub(x, mean), scale);
      });
    }
    /** A weight, or the given values (one number broadcasts to every kept element), shaped to broadcast. */
    private statistic(weight: LayerVariable | null, values: number[] | null): Tensor {
      if (weight) return tf.reshape(weight.read(), this.broadcast);
      return values!.length === 1 ? tf.scalar(values![0]!) : tf.reshape(tf.tensor(values!), this.broadcast);
    }
    override getConfig() {
      return { ...super.getConfig(), ...ownConfig(this.config) };
    }
  }

  /** Mean or max over every spatial axis, any rank, optionally keeping them as size-1 axes. */
  class NetspecGlobalPooling extends Layer {
    static className = 'NetspecGlobalPooling';
    constructor(readonly config: GlobalPoolingConfig) {
      super({ name: config.name, trainable: config.trainable });
    }
    override computeOutputShape(inputShape: Shape | Shape[]): Shape {
      const shape = firstShape(inputShape);
      const spatial = shape.slice(1, -1).map(() => 1);
      return [shape[0]!, ...(this.config.keepdims ? spatial : []), shape[shape.length - 1]!];
    }
    override call(inputs: Tensor | Tensor[]): Tensor {
      return tf.tidy(() => {
        const x = firstTensor(inputs);
        const axes = x.shape.slice(1, -1).map((_, i) => i + 1);
        return this.config.mode === 'avg' ? tf.mean(x, axes, this.config.keepdims) : tf.max(x, axes, this.config.keepdims);
      });
    }
    override getConfig() {
      return { ...super.getConfig(), ...ownConfig(this.config) };
    }
  }

  /**
   * A fixed 2-D kernel slid over each channel separately (depthwise, multiplier 1, no bias). The
   * kernel, one copy per channel, is a non-trainable weight initialised from the config, so it counts
   * as parameters and is saved with the model as netspec's Filter2D reports it.
   */
  class NetspecFixedFilter extends Layer {
    static className = 'NetspecFixedFilter';
    private weight!: LayerVariable;
    constructor(readonly config: FixedFilterConfig) {
      super({ name: config.name, trainable: false });
    }
    override build(inputShape: Shape | Shape[]): void {
      const shape = firstShape(inputShape);
      const channels = shape[shape.length - 1] as number;
      const { kernel } = this.config;
      const [kh, kw] = [kernel.length, kernel[0]!.length];
      this.weight = this.addWeight('kernel', [kh, kw, channels, 1], 'float32', tf.initializers.zeros(), undefined, false);
      this.weight.write(tf.tidy(() => tf.tile(tf.reshape(tf.tensor2d(kernel), [kh, kw, 1, 1]), [1, 1, channels, 1])));
      this.built = true;
    }
    override computeOutputShape(inputShape: Shape | Shape[]): Shape {
      const shape = firstShape(inputShape);
      const k = [this.config.kernel.length, this.config.kernel[0]!.length];
      const spatial = shape.slice(1, 3).map((n, i) => convLength(n, k[i]!, this.config.strides[i]!, 1, this.config.padding));
      return [shape[0]!, ...spatial, shape[3]!];
    }
    override call(inputs: Tensor | Tensor[]): Tensor {
      return tf.tidy(() => {
        const x = firstTensor(inputs) as Tensor4D;
        return tf.depthwiseConv2d(x, this.weight.read() as Tensor4D, this.config.strides as [number, number], this.config.padding);
      });
    }
    override getConfig() {
      return { ...super.getConfig(), ...ownConfig(this.config) };
    }
  }

  return { NetspecNormalization, NetspecGlobalPooling, NetspecFixedFilter };
}
