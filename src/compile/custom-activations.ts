// Keras 3 activations TensorFlow.js lacks or defines differently, as tfjs activation classes
// (src/layers/activations.ts maps Keras names to these identifiers).
// Registering a class under a className makes that string usable as `activation:` in any tfjs layer,
// and in a saved model.json. The names carry a `netspec` prefix so that tfjs's own `hardSigmoid`
// (Keras 2's clip(0.2x + 0.5, 0, 1)) can never be picked up by mistake. tfjs camel-cases every
// string it loads, so the class names are camelCase and survive a save/load round trip.
import type { Tensor } from '@tensorflow/tfjs';
import type { Tf } from '../layers/types.js';
import type { CustomActivations } from './custom-types.js';

const registered = new WeakSet<object>();

export function registerCustomActivations(tf: Tf): void {
  if (registered.has(tf.serialization)) return;
  registered.add(tf.serialization);
  const define = (className: string, fn: (x: Tensor) => Tensor): void => {
    class KerasActivation extends tf.serialization.Serializable {
      static className = className;
      override getClassName(): string {
        return className;
      }
      apply(x: Tensor): Tensor {
        return tf.tidy(() => fn(x));
      }
      getConfig() {
        return {};
      }
    }
    tf.serialization.registerClass(KerasActivation);
  };
  // Keras 3: hard_sigmoid(x) = relu6(x + 3) / 6; hard_silu(x) = x · hard_sigmoid(x).
  const hardSigmoid = (x: Tensor): Tensor => tf.div(tf.relu6(tf.add(x, 3)), 6);
  const activations: CustomActivations = {
    netspecHardSigmoid: hardSigmoid,
    netspecHardSwish: (x) => tf.mul(x, hardSigmoid(x)),
    // Keras 3's leaky_relu activation uses negative_slope=0.2 (the LeakyReLU layer's default is 0.3).
    netspecLeakyRelu: (x) => tf.leakyRelu(x, 0.2),
    netspecExponential: (x) => tf.exp(x),
  };
  for (const [className, fn] of Object.entries(activations)) define(className, fn);
}

/** Applies a registered activation (or none) to a tensor inside a custom layer's call. */
export function applyActivation(tf: Tf, id: string | null, x: Tensor): Tensor {
  if (id === null || id === 'linear') return x;
  const cls = tf.serialization.SerializationMap.getMap().classNameMap[id];
  if (!cls) throw new Error(`unknown activation '${id}'`);
  const [ctor] = cls;
  const activation = new (ctor as unknown as new (config: object) => { apply(x: Tensor): Tensor })({});
  return activation.apply(x);
}
