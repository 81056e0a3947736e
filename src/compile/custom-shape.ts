// Spatial and elementwise layers tfjs lacks for some ranks or arguments: padding, cropping and
// upsampling of any rank (bilinear with Keras 3's half-pixel centres), Keras's full ReLU, ELU with
// any alpha, softmax over several axes, and Subtract.
import type { Tensor, Tensor4D } from '@tensorflow/tfjs';
import type { Tf } from '../layers/types.js';
import type { ElementwiseConfig, ResampleConfig, SubtractConfig } from '../layers/custom-configs.js';
import { firstShape, firstTensor, type CustomLayerClasses, type LayerBase } from './custom-types.js';

type Shape = (number | null)[];

export type ShapeLayerClasses = Pick<CustomLayerClasses, 'NetspecResample' | 'NetspecElementwise' | 'NetspecSubtract'>;

export function defineShapeLayers(tf: Tf, NetspecLayer: LayerBase): ShapeLayerClasses {
  class NetspecResample extends NetspecLayer<ResampleConfig> {
    static className = 'NetspecResample';
    override computeOutputShape(inputShape: Shape | Shape[]): Shape {
      const shape = firstShape(inputShape);
      const { op, amounts } = this.config;
      const spatial = shape.slice(1, -1).map((n, i) => {
        if (n === null) return null;
        const [a, b] = amounts[i]!;
        return op === 'pad' ? n + a! + b! : op === 'crop' ? n - a! - b! : n * a!;
      });
      return [shape[0]!, ...spatial, shape[shape.length - 1]!];
    }
    override call(inputs: Tensor | Tensor[]): Tensor {
      return tf.tidy(() => {
        const x = firstTensor(inputs);
        const { op, amounts } = this.config;
        if (op === 'pad') return tf.pad(x, [[0, 0], ...(amounts as [number, number][]), [0, 0]]);
        if (op === 'crop') {
          const begin = [0, ...amounts.map(([a]) => a!), 0];
          const size = x.shape.map((n, i) => (i === 0 || i === x.rank - 1 ? -1 : n - amounts[i - 1]![0]! - amounts[i - 1]![1]!));
          return tf.slice(x, begin, size);
        }
        if (op === 'bilinear') {
          const [h, w] = x.shape.slice(1, 3) as [number, number];
          return tf.image.resizeBilinear(x as Tensor4D, [h * amounts[0]![0]!, w * amounts[1]![0]!], false, true);
        }
        // Nearest: repeat each element `factor` times along every spatial axis.
        let y = x;
        amounts.forEach(([factor], i) => {
          if (factor === 1) return;
          const axis = i + 1;
          const expanded = tf.expandDims(y, axis + 1);
          const reps = expanded.shape.map((_, j) => (j === axis + 1 ? factor! : 1));
          y = tf.reshape(
            tf.tile(expanded, reps),
            y.shape.map((n, j) => (j === axis ? n * factor! : n)),
          );
        });
        return y;
      });
    }
  }

  class NetspecElementwise extends NetspecLayer<ElementwiseConfig> {
    static className = 'NetspecElementwise';
    override computeOutputShape(inputShape: Shape | Shape[]): Shape {
      return firstShape(inputShape);
    }
    override call(inputs: Tensor | Tensor[]): Tensor {
      return tf.tidy(() => {
        const x = firstTensor(inputs);
        const c = this.config;
        if (c.op === 'elu') return tf.where(tf.greater(x, 0), x, tf.mul(c.alpha ?? 1, tf.sub(tf.exp(x), 1)));
        if (c.op === 'masking') return tf.where(tf.any(tf.notEqual(x, c.maskValue), -1, true), x, tf.zerosLike(x));
        if (c.op === 'softmax') {
          const axes = c.axes ?? [-1];
          return tf.exp(tf.sub(x, tf.logSumExp(x, axes, true)));
        }
        // Keras ReLU: negative_slope·(x − threshold) below the threshold, x up to max_value, then max_value.
        const threshold = c.threshold ?? 0;
        const slope = c.negativeSlope ?? 0;
        const below = slope === 0 ? tf.zerosLike(x) : tf.mul(slope, tf.sub(x, threshold));
        const y = tf.where(tf.greaterEqual(x, threshold), x, below);
        return c.maxValue === null || c.maxValue === undefined ? y : tf.minimum(y, c.maxValue);
      });
    }
  }

  class NetspecSubtract extends NetspecLayer<SubtractConfig> {
    static className = 'NetspecSubtract';
    override computeOutputShape(inputShape: Shape | Shape[]): Shape {
      return firstShape(inputShape);
    }
    override call(inputs: Tensor | Tensor[]): Tensor {
      const [a, b] = inputs as Tensor[];
      return tf.sub(a!, b!);
    }
  }

  return { NetspecResample, NetspecElementwise, NetspecSubtract };
}
