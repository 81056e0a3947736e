// Keras layers tfjs lacks: Normalization, global pooling with keepdims (and of rank 3), and the
// fixed (non-learned) image filter of the lecture's image-processing part.
import type { LayerVariable, Tensor, Tensor4D } from '@tensorflow/tfjs';
import { convLength } from '../layers/shape-math.js';
import type { Tf } from '../layers/types.js';
import type { FixedFilterConfig, GlobalPoolingConfig, LayerIdentity, NormalizationConfig } from '../layers/custom-configs.js';
import { firstShape, firstTensor, type CustomLayerClasses, type LayerBase } from './custom-types.js';

type Shape = (number | null)[];

export type MiscLayerClasses = Pick<CustomLayerClasses, 'NetspecNormalization' | 'NetspecGlobalPooling' | 'NetspecFixedFilter'>;

const KERAS_EPSILON = 1e-7;

export function defineMiscLayers(tf: Tf, NetspecLayer: LayerBase): MiscLayerClasses {
  /** Keras 3: (x − mean) / max(√variance, ε); with invert, mean + x · max(√variance, ε). */
  class NetspecNormalization extends NetspecLayer<NormalizationConfig> {
    static className = 'NetspecNormalization';
    private mean: LayerVariable | null = null;
    private variance: LayerVariable | null = null;
    private broadcast: number[] = [];
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
  }

  /** Mean or max over every spatial axis, any rank, optionally keeping them as size-1 axes. */
  class NetspecGlobalPooling extends NetspecLayer<GlobalPoolingConfig> {
    static className = 'NetspecGlobalPooling';
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
  }

  /**
   * A fixed 2-D kernel slid over each channel separately (depthwise, multiplier 1, no bias). The
   * kernel, one copy per channel, is a non-trainable weight initialised from the config, so it counts
   * as parameters and is saved with the model as netspec's Filter2D reports it.
   */
  class NetspecFixedFilter extends NetspecLayer<FixedFilterConfig> {
    static className = 'NetspecFixedFilter';
    private weight!: LayerVariable;
    constructor(config: FixedFilterConfig & LayerIdentity) {
      super({ ...config, trainable: false });
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
  }

  return { NetspecNormalization, NetspecGlobalPooling, NetspecFixedFilter };
}
