// Keras's GRU with reset_after=True (the Keras 3 default), which tfjs's GRU refuses: one layer that
// runs the time loop itself with Keras's weights — kernel F×3u, recurrent_kernel u×3u and bias 2×3u
// (input bias, recurrent bias), gates in Keras's order z, r, h.
import type { LayerVariable, Tensor, Tensor2D, Tensor4D, Tensor5D } from '@tensorflow/tfjs';
import type { ConvLSTMConfig, GRUConfig, LayerIdentity } from '../layers/custom-configs.js';
import { weightObjectsFor, type WeightObjectsOf } from './custom-weight-objects.js';
import { convLength } from '../layers/shape-math.js';
import type { Tf } from '../layers/types.js';
import { applyActivation } from './custom-activations.js';
import { firstShape, firstTensor, type CustomLayerClasses, type LayerBase } from './custom-types.js';

type Shape = (number | null)[];

export type RecurrentLayerClasses = Pick<CustomLayerClasses, 'NetspecGRU' | 'NetspecConvLSTM2D' | 'NetspecConvLSTM3D'>;

type Objects = WeightObjectsOf;

export function defineRecurrentLayers(tf: Tf, NetspecLayer: LayerBase): RecurrentLayerClasses {
  class NetspecGRU extends NetspecLayer<GRUConfig> {
    static className = 'NetspecGRU';
    // Read by tfjs's Bidirectional, which clones this layer with goBackwards flipped.
    readonly returnSequences: boolean;
    readonly returnState: boolean;
    /** One state (h); tfjs's Bidirectional reads how many for its masks with return_state. */
    readonly states = [null];
    private kernel!: LayerVariable;
    private recurrentKernel!: LayerVariable;
    private bias: LayerVariable | null = null;
    constructor(config: GRUConfig & LayerIdentity) {
      // A copy: tfjs's Bidirectional flips goBackwards on the config object it built the forward copy from.
      super({ ...config });
      this.returnSequences = config.returnSequences;
      this.returnState = config.returnState;
      this.supportsMasking = true;
    }
    override build(inputShape: Shape | Shape[]): void {
      const features = firstShape(inputShape).at(-1) as number;
      const width = 3 * this.config.units;
      const [k, r, b] = ['kernel', 'recurrent', 'bias'].map((w) => weightObjectsFor(tf, this.config.weightObjects, w)) as [Objects, Objects, Objects];
      this.kernel = this.addWeight(
        'kernel',
        [features, width],
        'float32',
        k.initializer ?? tf.initializers.glorotUniform({}),
        k.regularizer,
        undefined,
        k.constraint,
      );
      this.recurrentKernel = this.addWeight(
        'recurrent_kernel',
        [this.config.units, width],
        'float32',
        r.initializer ?? tf.initializers.orthogonal({}),
        r.regularizer,
        undefined,
        r.constraint,
      );
      if (this.config.useBias)
        this.bias = this.addWeight('bias', [2, width], 'float32', b.initializer ?? tf.initializers.zeros(), b.regularizer, undefined, b.constraint);
      this.built = true;
    }
    override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
      const shape = firstShape(inputShape);
      const state = [shape[0]!, this.config.units];
      // Fresh arrays: tfjs's Bidirectional doubles the output's last axis in place for 'concat'.
      const output = this.config.returnSequences ? [shape[0]!, shape[1]!, this.config.units] : [...state];
      return this.returnState ? [output, state] : output;
    }
    // tfjs's own RNN returns null for "no mask" too; its declared type omits it.
    override computeMask(_inputs: Tensor | Tensor[], mask?: Tensor | Tensor[]): Tensor | Tensor[] {
      const m = Array.isArray(mask) ? mask[0] : mask;
      const output = (this.config.returnSequences && m ? m : null) as Tensor;
      return this.returnState ? [output, null as unknown as Tensor] : output;
    }
    /**
     * Keras's GRU cell with reset_after, over time, from the initial state (a second input) or
     * zeros; a masked step keeps the state and repeats the last output.
     */
    override call(inputs: Tensor | Tensor[], kwargs: { mask?: Tensor | Tensor[]; training?: boolean; initialState?: Tensor[] }): Tensor | Tensor[] {
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
        // tfjs's Bidirectional hands each direction its half of the initial states as kwargs.
        let h: Tensor = kwargs.initialState?.[0] ?? initialState(inputs, 1) ?? tf.zeros([x.shape[0]!, units]);
        const dropMask = (rate: number, width: number): Tensor | null =>
          kwargs.training && rate > 0 && rate < 1 ? tf.dropout(tf.ones([x.shape[0]!, width]), rate) : null;
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
        const output = this.config.returnSequences ? tf.stack(outputs, 1) : h;
        return this.returnState ? [output, h] : output;
      });
    }
  }

  /** One convolution of the gates: 2D on (batch, H, W, C), 3D on (batch, D, H, W, C). */
  const convolve = (rank: 2 | 3, x: Tensor, kernel: Tensor, strides: number[] | number, padding: 'valid' | 'same', dilation: number[] | number): Tensor =>
    rank === 3
      ? tf.conv3d(x as Tensor5D, kernel as Tensor5D, strides as [number, number, number], padding, 'NDHWC', dilation as [number, number, number])
      : tf.conv2d(x as Tensor4D, kernel as Tensor4D, strides as [number, number], padding, 'NHWC', dilation as [number, number]);

  /**
   * Keras's ConvLSTM2D/3D over (batch, time, spatial…, C): per step, the input convolution (strides,
   * padding, dilation) and the recurrent one (stride 1, 'same') for the gates i, f, c, o; kernel
   * k×C×4f, recurrent_kernel k×f×4f, bias 4f (forget gate starting at 1 with unit_forget_bias).
   * ConvLSTM3D, which tfjs lacks, and ConvLSTM2D started from initial states, which tfjs's throws on.
   */
  const convLstmClass = (rank: 2 | 3) =>
    class extends NetspecLayer<ConvLSTMConfig> {
      static className = `NetspecConvLSTM${rank}D`;
      readonly returnSequences: boolean;
      readonly returnState: boolean;
      /** Two states (h, c), as GRU's `states`. */
      readonly states = [null, null];
      private kernel!: LayerVariable;
      private recurrentKernel!: LayerVariable;
      private bias: LayerVariable | null = null;
      constructor(config: ConvLSTMConfig & LayerIdentity) {
        super({ ...config });
        this.returnSequences = config.returnSequences;
        this.returnState = config.returnState;
      }
      override build(inputShape: Shape | Shape[]): void {
        const channels = firstShape(inputShape).at(-1) as number;
        const { filters, kernelSize } = this.config;
        const [k, r, b] = ['kernel', 'recurrent', 'bias'].map((w) => weightObjectsFor(tf, this.config.weightObjects, w)) as [Objects, Objects, Objects];
        const kernelInit = k.initializer ?? tf.initializers.glorotUniform({});
        this.kernel = this.addWeight('kernel', [...kernelSize, channels, 4 * filters], 'float32', kernelInit, k.regularizer, undefined, k.constraint);
        const recurrentInit = r.initializer ?? tf.initializers.orthogonal({});
        this.recurrentKernel = this.addWeight(
          'recurrent_kernel',
          [...kernelSize, filters, 4 * filters],
          'float32',
          recurrentInit,
          r.regularizer,
          undefined,
          r.constraint,
        );
        if (this.config.useBias) {
          this.bias = this.addWeight('bias', [4 * filters], 'float32', tf.initializers.zeros(), b.regularizer, undefined, b.constraint);
          // Keras: bias_initializer for the i, c, o gates and ones for the forget gate with unit_forget_bias.
          const initial = tf.tidy(() => {
            const drawn = b.initializer ? b.initializer.apply([4 * filters]) : tf.zeros([4 * filters]);
            if (!this.config.unitForgetBias) return drawn;
            return tf.concat([drawn.slice(0, filters), tf.ones([filters]), drawn.slice(2 * filters)]);
          });
          this.bias.write(initial);
        }
        this.built = true;
      }
      override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
        const shape = firstShape(inputShape);
        const { kernelSize, strides, dilationRate, padding, filters } = this.config;
        const spatial = shape.slice(2, 2 + rank).map((n, i) => convLength(n, kernelSize[i]!, strides[i]!, dilationRate[i]!, padding));
        const state: Shape = [shape[0]!, ...spatial, filters];
        const output = this.config.returnSequences ? [shape[0]!, shape[1]!, ...spatial, filters] : [...state];
        return this.returnState ? [output, state, [...state]] : output;
      }
      override computeMask(): Tensor | Tensor[] {
        return (this.returnState ? [null, null, null] : null) as unknown as Tensor;
      }
      /** From the initial states h and c (inputs 2 and 3) or zeros. */
      override call(inputs: Tensor | Tensor[], kwargs: { initialState?: Tensor[] } = {}): Tensor | Tensor[] {
        return tf.tidy(() => {
          const x = firstTensor(inputs);
          const { filters, strides, padding, dilationRate } = this.config;
          const kernel = this.kernel.read();
          const recurrent = this.recurrentKernel.read();
          let steps = tf.unstack(x, 1);
          if (this.config.goBackwards) steps = steps.reverse();
          const act = (id: string | null, t: Tensor) => applyActivation(tf, id, t);
          let h = kwargs.initialState?.[0] ?? initialState(inputs, 1);
          let c = kwargs.initialState?.[1] ?? initialState(inputs, 2);
          const outputs: Tensor[] = [];
          for (const step of steps) {
            let gates = convolve(rank, step, kernel, strides, padding, dilationRate);
            if (this.bias) gates = tf.add(gates, this.bias.read());
            if (h === null) {
              h = tf.zeros([...gates.shape.slice(0, -1), filters]);
              c = tf.zerosLike(h);
            }
            gates = tf.add(gates, convolve(rank, h, recurrent, 1, 'same', 1));
            const [i, f, cc, o] = tf.split(gates, 4, -1);
            const input = act(this.config.recurrentActivation, i!);
            const forget = act(this.config.recurrentActivation, f!);
            c = tf.add(tf.mul(forget, c!), tf.mul(input, act(this.config.activation, cc!)));
            h = tf.mul(act(this.config.recurrentActivation, o!), act(this.config.activation, c));
            outputs.push(h);
          }
          const output = this.config.returnSequences ? tf.stack(outputs, 1) : h!;
          return this.returnState ? [output, h!, c!] : output;
        });
      }
    };

  return { NetspecGRU, NetspecConvLSTM2D: convLstmClass(2), NetspecConvLSTM3D: convLstmClass(3) };
}

/** Input `index` when the layer was called with initial states (Keras's initial_state, as further inputs). */
function initialState(inputs: Tensor | Tensor[], index: number): Tensor | null {
  return Array.isArray(inputs) && inputs.length > index ? inputs[index]! : null;
}
