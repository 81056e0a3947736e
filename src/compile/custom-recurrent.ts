// Keras's GRU with reset_after=True (the Keras 3 default), which tfjs's GRU refuses: one layer that
// runs the time loop itself with Keras's weights — kernel F×3u, recurrent_kernel u×3u and bias 2×3u
// (input bias, recurrent bias), gates in Keras's order z, r, h.
import type { LayerVariable, Tensor, Tensor2D } from '@tensorflow/tfjs';
import type { GRUConfig, LayerIdentity } from '../layers/custom-configs.js';
import type { Tf } from '../layers/types.js';
import { applyActivation } from './custom-activations.js';
import { firstShape, firstTensor, type CustomLayerClasses, type LayerBase } from './custom-types.js';

type Shape = (number | null)[];

export type RecurrentLayerClasses = Pick<CustomLayerClasses, 'NetspecGRU'>;

export function defineRecurrentLayers(tf: Tf, NetspecLayer: LayerBase): RecurrentLayerClasses {
  class NetspecGRU extends NetspecLayer<GRUConfig> {
    static className = 'NetspecGRU';
    // Read by tfjs's Bidirectional, which clones this layer with goBackwards flipped.
    readonly returnSequences: boolean;
    readonly returnState = false;
    private kernel!: LayerVariable;
    private recurrentKernel!: LayerVariable;
    private bias: LayerVariable | null = null;
    constructor(config: GRUConfig & LayerIdentity) {
      // A copy: tfjs's Bidirectional flips goBackwards on the config object it built the forward copy from.
      super({ ...config });
      this.returnSequences = config.returnSequences;
      this.supportsMasking = true;
    }
    override build(inputShape: Shape | Shape[]): void {
      const features = firstShape(inputShape).at(-1) as number;
      const width = 3 * this.config.units;
      this.kernel = this.addWeight('kernel', [features, width], 'float32', tf.initializers.glorotUniform({}));
      this.recurrentKernel = this.addWeight('recurrent_kernel', [this.config.units, width], 'float32', tf.initializers.orthogonal({}));
      if (this.config.useBias) this.bias = this.addWeight('bias', [2, width], 'float32', tf.initializers.zeros());
      this.built = true;
    }
    override computeOutputShape(inputShape: Shape | Shape[]): Shape {
      const shape = firstShape(inputShape);
      return this.config.returnSequences ? [shape[0]!, shape[1]!, this.config.units] : [shape[0]!, this.config.units];
    }
    // tfjs's own RNN returns null for "no mask" too; its declared type omits it.
    override computeMask(_inputs: Tensor | Tensor[], mask?: Tensor | Tensor[]): Tensor {
      const m = Array.isArray(mask) ? mask[0] : mask;
      return (this.config.returnSequences && m ? m : null) as Tensor;
    }
    /** Keras's GRU cell with reset_after, over time; a masked step keeps the state and repeats the last output. */
    override call(inputs: Tensor | Tensor[], kwargs: { mask?: Tensor | Tensor[]; training?: boolean }): Tensor {
      return tf.tidy(() => {
        const x = firstTensor(inputs);
        const maskArg = Array.isArray(kwargs.mask) ? kwargs.mask[0] : kwargs.mask;
        const { units } = this.config;
        const kernel = this.kernel.read() as Tensor2D;
        const recurrent = this.recurrentKernel.read() as Tensor2D;
        const [inputBias, recurrentBias] = this.bias ? tf.unstack(this.bias.read()) : [null, null];
        let steps = tf.unstack(x, 1) as Tensor2D[];
        let masks = maskArg ? tf.unstack(tf.cast(maskArg, 'bool'), 1) : null;
        if (this.config.goBackwards) {
          steps = steps.reverse();
          masks = masks?.reverse() ?? null;
        }
        let h: Tensor = tf.zeros([x.shape[0]!, units]);
        const dropMask = (rate: number, width: number): Tensor | null => (kwargs.training && rate > 0 && rate < 1 ? tf.dropout(tf.ones([x.shape[0]!, width]), rate) : null);
        const inputDrop = dropMask(this.config.dropout, x.shape[2]!);
        const stateDrop = dropMask(this.config.recurrentDropout, units);
        const outputs: Tensor[] = [];
        steps.forEach((step, t) => {
          const xt = (inputDrop ? tf.mul(step, inputDrop) : step) as Tensor2D;
          const ht = (stateDrop ? tf.mul(h, stateDrop) : h) as Tensor2D;
          const mx = inputBias ? tf.add(tf.matMul(xt, kernel), inputBias) : tf.matMul(xt, kernel);
          const mh = recurrentBias ? tf.add(tf.matMul(ht, recurrent), recurrentBias) : tf.matMul(ht, recurrent);
          const [xz, xr, xh] = tf.split(mx, 3, 1);
          const [hz, hr, hh] = tf.split(mh, 3, 1);
          const z = applyActivation(tf, this.config.recurrentActivation, tf.add(xz!, hz!));
          const r = applyActivation(tf, this.config.recurrentActivation, tf.add(xr!, hr!));
          const candidate = applyActivation(tf, this.config.activation, tf.add(xh!, tf.mul(r, hh!)));
          const next = tf.add(tf.mul(z, h), tf.mul(tf.sub(1, z), candidate));
          const keep = masks ? tf.expandDims(masks[t]!, 1) : null;
          h = keep ? tf.where(tf.broadcastTo(keep, next.shape), next, h) : next;
          outputs.push(h);
        });
        return this.config.returnSequences ? tf.stack(outputs, 1) : h;
      });
    }
  }

  return { NetspecGRU };
}
