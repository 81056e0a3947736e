// ConvNeXt's LayerScale: x times a learned per-channel gamma. tfjs has no such layer.
import type { LayerVariable, Tensor } from '@tensorflow/tfjs';
import type { LayerScaleConfig } from '../layers/custom-configs.js';
import type { Tf } from '../layers/types.js';
import { firstShape, firstTensor, type CustomLayerClasses, type LayerBase } from './custom-types.js';

type Shape = (number | null)[];

export type ScaleLayerClasses = Pick<CustomLayerClasses, 'NetspecLayerScale'>;

export function defineScaleLayers(tf: Tf, NetspecLayer: LayerBase): ScaleLayerClasses {
  class NetspecLayerScale extends NetspecLayer<LayerScaleConfig> {
    static className = 'NetspecLayerScale';
    private gamma!: LayerVariable;
    override build(): void {
      this.gamma = this.addWeight('gamma', [this.config.projectionDim], 'float32', tf.initializers.constant({ value: this.config.initValues }));
      this.built = true;
    }
    override computeOutputShape(inputShape: Shape | Shape[]): Shape {
      return [...firstShape(inputShape).slice(0, -1), this.config.projectionDim];
    }
    override call(inputs: Tensor | Tensor[]): Tensor {
      return tf.tidy(() => tf.mul(firstTensor(inputs), this.gamma.read()));
    }
  }
  return { NetspecLayerScale };
}
