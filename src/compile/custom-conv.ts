// Convolutions tfjs cannot express as Keras defines them: grouped convolution (tfjs silently ignores
// `groups`) and transposed convolution with dilation or output_padding (tfjs ignores both) or of
// rank 1 or 3. Kernels have Keras's shapes, so parameter counts and weight layouts match Keras.
import type { LayerVariable, Tensor } from '@tensorflow/tfjs';
import { convLength, effectiveKernel, transposeLength } from '../layers/shape-math.js';
import type { Tf } from '../layers/types.js';
import { applyActivation } from './custom-activations.js';
import type { ConvConfig, ConvTransposeConfig } from '../layers/custom-configs.js';
import { firstShape, firstTensor, type CustomLayerClasses, type LayerBase } from './custom-types.js';

type Shape = (number | null)[];

/** conv1d/2d/3d of one group, channels last; `padding` is 'valid' or 'same' here. */
function convOp(tf: Tf, x: Tensor, kernel: Tensor, strides: number[], padding: 'valid' | 'same', dilation: number[]): Tensor {
  switch (x.rank) {
    case 3:
      return tf.conv1d(x as never, kernel as never, strides[0]!, padding, 'NWC', dilation[0]!);
    case 4:
      return tf.conv2d(x as never, kernel as never, strides as [number, number], padding, 'NHWC', dilation as [number, number]);
    default:
      return tf.conv3d(x as never, kernel as never, strides as [number, number, number], padding, 'NDHWC', dilation as [number, number, number]);
  }
}

/** Pads (or, for negative amounts, crops) the spatial axes of a channels-last tensor. */
function padSpatial(tf: Tf, x: Tensor, pads: [number, number][]): Tensor {
  const grow = [[0, 0], ...pads.map(([a, b]) => [Math.max(a, 0), Math.max(b, 0)]), [0, 0]] as [number, number][];
  let y = grow.some(([a, b]) => a > 0 || b > 0) ? tf.pad(x, grow) : x;
  if (pads.some(([a, b]) => a < 0 || b < 0)) {
    const begin = [0, ...pads.map(([a]) => Math.max(-a, 0)), 0];
    const size = y.shape.map((n, i) => (i === 0 || i === y.rank - 1 ? -1 : n - begin[i]! - Math.max(-pads[i - 1]![1], 0)));
    y = tf.slice(y, begin, size);
  }
  return y;
}

/** TensorFlow's 'same' padding for one axis: total max((⌈n/s⌉ − 1)·s + k' − n, 0), the smaller half first. */
function samePadding(n: number, k: number, s: number, d: number): [number, number] {
  const total = Math.max((Math.ceil(n / s) - 1) * s + effectiveKernel(k, d) - n, 0);
  return [Math.floor(total / 2), total - Math.floor(total / 2)];
}

/** Inserts `s − 1` zeros between neighbours along each spatial axis (the "lhs dilation" of a transposed conv). */
function dilateInput(tf: Tf, x: Tensor, strides: number[]): Tensor {
  let y = x;
  strides.forEach((s, i) => {
    if (s === 1) return;
    const axis = i + 1;
    const n = y.shape[axis]!;
    const expanded = tf.expandDims(y, axis + 1);
    const padding = expanded.shape.map((_, j) => (j === axis + 1 ? [0, s - 1] : [0, 0])) as [number, number][];
    const merged = tf.reshape(tf.pad(expanded, padding), [...y.shape.slice(0, axis), n * s, ...y.shape.slice(axis + 1)]);
    y = tf.slice(
      merged,
      merged.shape.map(() => 0),
      merged.shape.map((m, j) => (j === axis ? (n - 1) * s + 1 : m)),
    );
  });
  return y;
}

/** Keras 3's padding of the dilated input for a transposed conv (its JAX backend's rule). */
function transposePadding(k: number, s: number, d: number, padding: 'valid' | 'same', outputPadding: number | null): [number, number] {
  const ke = effectiveKernel(k, d);
  if (padding === 'valid') {
    const extra = outputPadding ?? Math.max(ke, s) - ke;
    return [ke - 1, ke - 1 + extra];
  }
  const padLen = outputPadding === null ? s + ke - 2 : ke + (ke % 2) - 2 + outputPadding;
  const left = Math.min(Math.floor(padLen / 2) + (((padLen % 2) + 2) % 2), ke - 1);
  return [left, padLen - left];
}

export type ConvLayerClasses = Pick<CustomLayerClasses, 'NetspecConv' | 'NetspecConvTranspose'>;

export function defineConvLayers(tf: Tf, NetspecLayer: LayerBase): ConvLayerClasses {
  abstract class KernelLayer<C extends ConvConfig | ConvTransposeConfig> extends NetspecLayer<C> {
    protected kernel!: LayerVariable;
    protected bias: LayerVariable | null = null;
    protected abstract kernelShape(channels: number): number[];
    override build(inputShape: Shape | Shape[]): void {
      const shape = firstShape(inputShape);
      const channels = shape[shape.length - 1]!;
      this.kernel = this.addWeight('kernel', this.kernelShape(channels), 'float32', tf.initializers.glorotUniform({}));
      if (this.config.useBias) this.bias = this.addWeight('bias', [this.config.filters], 'float32', tf.initializers.zeros());
      this.built = true;
    }
    protected finish(y: Tensor): Tensor {
      const biased = this.bias ? tf.add(y, this.bias.read()) : y;
      return applyActivation(tf, this.config.activation, biased);
    }
  }

  /** Keras's Conv1D/2D/3D with `groups` (and causal padding): kernel (k…, C/groups, filters). */
  class NetspecConv extends KernelLayer<ConvConfig> {
    static className = 'NetspecConv';
    protected kernelShape(channels: number): number[] {
      return [...this.config.kernelSize, channels / this.config.groups, this.config.filters];
    }
    override computeOutputShape(inputShape: Shape | Shape[]): Shape {
      const shape = firstShape(inputShape);
      const { kernelSize, strides, dilationRate, padding, filters } = this.config;
      const spatial = shape.slice(1, -1).map((n, i) => convLength(n, kernelSize[i]!, strides[i]!, dilationRate[i]!, padding));
      return [shape[0]!, ...spatial, filters];
    }
    override call(inputs: Tensor | Tensor[]): Tensor {
      return tf.tidy(() => {
        const { kernelSize, strides, dilationRate, groups } = this.config;
        let x = firstTensor(inputs);
        let padding = this.config.padding;
        if (padding === 'causal') {
          x = padSpatial(tf, x, [[effectiveKernel(kernelSize[0]!, dilationRate[0]!) - 1, 0]]);
          padding = 'valid';
        }
        // tfjs refuses strides > 1 together with dilation > 1 (Keras allows it for depthwise
        // convolutions): pad as Keras does for the stride, convolve densely, then subsample.
        const subsample = strides.some((v) => v > 1) && dilationRate.some((v) => v > 1);
        if (subsample && padding === 'same') {
          x = padSpatial(
            tf,
            x,
            x.shape.slice(1, -1).map((n, i) => samePadding(n, kernelSize[i]!, strides[i]!, dilationRate[i]!)),
          );
        }
        const convPadding = subsample ? 'valid' : (padding as 'valid' | 'same');
        const convStrides = subsample ? strides.map(() => 1) : strides;
        const xs = groups === 1 ? [x] : tf.split(x, groups, -1);
        const ks = groups === 1 ? [this.kernel.read()] : tf.split(this.kernel.read(), groups, -1);
        const outs = xs.map((xi, g) => convOp(tf, xi, ks[g]!, convStrides, convPadding, dilationRate));
        let y = outs.length === 1 ? outs[0]! : tf.concat(outs, -1);
        if (subsample)
          y = tf.stridedSlice(
            y,
            y.shape.map(() => 0),
            y.shape,
            [1, ...strides, 1],
          );
        return this.finish(y);
      });
    }
  }

  /**
   * Keras's Conv1D/2D/3DTranspose, any dilation and output_padding: the input is dilated by the
   * stride, padded as Keras pads it, and convolved with the flipped kernel. Kernel (k…, filters, C).
   */
  class NetspecConvTranspose extends KernelLayer<ConvTransposeConfig> {
    static className = 'NetspecConvTranspose';
    protected kernelShape(channels: number): number[] {
      return [...this.config.kernelSize, this.config.filters, channels];
    }
    override computeOutputShape(inputShape: Shape | Shape[]): Shape {
      const shape = firstShape(inputShape);
      const { kernelSize, strides, dilationRate, padding, filters, outputPadding } = this.config;
      const spatial = shape.slice(1, -1).map((n, i) => transposeLength(n, kernelSize[i]!, strides[i]!, dilationRate[i]!, padding, outputPadding?.[i] ?? null));
      return [shape[0]!, ...spatial, filters];
    }
    override call(inputs: Tensor | Tensor[]): Tensor {
      return tf.tidy(() => {
        const { kernelSize, strides, dilationRate, padding, outputPadding } = this.config;
        const x = firstTensor(inputs);
        const pads = kernelSize.map((k, i) => transposePadding(k, strides[i]!, dilationRate[i]!, padding, outputPadding?.[i] ?? null));
        const spatialAxes = kernelSize.map((_, i) => i);
        const rank = kernelSize.length;
        // (k…, filters, C) → flipped spatially, (k…, C, filters).
        const perm = [...spatialAxes, rank + 1, rank];
        const kernel = tf.transpose(tf.reverse(this.kernel.read(), spatialAxes), perm);
        const y = convOp(
          tf,
          padSpatial(tf, dilateInput(tf, x, strides), pads),
          kernel,
          kernelSize.map(() => 1),
          'valid',
          dilationRate,
        );
        return this.finish(y);
      });
    }
  }

  return { NetspecConv, NetspecConvTranspose };
}
