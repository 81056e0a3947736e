// The image layers of Keras's preprocessing family that change height and width (Resizing,
// CenterCrop, RandomCrop at inference), as one tfjs custom layer that crops and resizes as Keras does.
import type { Tensor, Tensor4D } from '@tensorflow/tfjs';
import type { CropResizeConfig } from '../layers/custom-configs.js';
import type { Tf } from '../layers/types.js';
import { firstShape, firstTensor, type CustomLayerClasses, type LayerBase } from './custom-types.js';

type Shape = (number | null)[];

export type ImageLayerClasses = Pick<CustomLayerClasses, 'NetspecCropResize'>;

/** Keras's smart_resize window: [top, left, height, width] of the largest centred box of the target's aspect ratio. */
export function aspectWindow(height: number, width: number, targetHeight: number, targetWidth: number): [number, number, number, number] {
  const cropHeight = Math.max(Math.min(height, Math.trunc((width * targetHeight) / targetWidth)), 1);
  const cropWidth = Math.max(Math.min(width, Math.trunc((height * targetWidth) / targetHeight)), 1);
  return [Math.trunc((height - cropHeight) / 2), Math.trunc((width - cropWidth) / 2), cropHeight, cropWidth];
}

export function defineImageLayers(tf: Tf, NetspecLayer: LayerBase): ImageLayerClasses {
  class NetspecCropResize extends NetspecLayer<CropResizeConfig> {
    static className = 'NetspecCropResize';
    override computeOutputShape(inputShape: Shape | Shape[]): Shape {
      const shape = firstShape(inputShape);
      return [shape[0]!, this.config.height, this.config.width, shape[3]!];
    }
    override call(inputs: Tensor | Tensor[]): Tensor {
      return tf.tidy(() => {
        const x = firstTensor(inputs) as Tensor4D;
        const [, h, w] = x.shape;
        const { height, width, mode } = this.config;
        if (mode === 'center' && h >= height && w >= width) {
          return tf.slice(x, [0, Math.floor((h - height) / 2), Math.floor((w - width) / 2), 0], [-1, height, width, -1]);
        }
        if (mode === 'resize') return this.resize(x);
        if (mode === 'pad') return this.resize(this.padToAspect(x));
        const [top, left, ch, cw] = aspectWindow(h, w, height, width);
        return this.resize(tf.slice(x, [0, top, left, 0], [-1, ch, cw, -1]));
      });
    }
    /** Keras's pad_to_aspect_ratio: the same number of fill rows (or else columns) on both sides. */
    private padToAspect(x: Tensor4D): Tensor4D {
      const [, h, w] = x.shape;
      const { height, width } = this.config;
      const rows = Math.trunc((Math.max(h, Math.trunc((w * height) / width)) - h) / 2);
      const cols = Math.trunc((Math.max(w, Math.trunc((h * width) / height)) - w) / 2);
      const fill = this.config.fillValue ?? 0;
      if (rows > 0)
        return tf.pad(
          x,
          [
            [0, 0],
            [rows, rows],
            [0, 0],
            [0, 0],
          ],
          fill,
        );
      if (cols > 0)
        return tf.pad(
          x,
          [
            [0, 0],
            [0, 0],
            [cols, cols],
            [0, 0],
          ],
          fill,
        );
      return x;
    }
    /** Half-pixel centres, no antialiasing: what Keras's resize computes without antialias. */
    private resize(x: Tensor4D): Tensor4D {
      const size: [number, number] = [this.config.height, this.config.width];
      if (x.shape[1] === size[0] && x.shape[2] === size[1]) return x;
      return this.config.interpolation === 'nearest' ? tf.image.resizeNearestNeighbor(x, size, false, true) : tf.image.resizeBilinear(x, size, false, true);
    }
  }
  return { NetspecCropResize };
}
