// TensorFlow.js whose Dense layers start with a zero kernel. Glorot-uniform initialisation draws
// every weight from a JavaScript random generator: 5–10 s for VGG's 25088 → 4096 Dense (102.8M
// weights), while tests that compare shapes and weight counts never read the values. The layer,
// its weights and their shapes are tfjs's own; only the starting values differ.
import type { Tf } from '../src/layers/types.js';

export function zeroInitTf<T extends Tf>(tf: T): T {
  const layers = new Proxy(tf.layers, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (property !== 'dense' || typeof value !== 'function') return value;
      return (args: Record<string, unknown>) => (value as (a: Record<string, unknown>) => unknown).call(target, { ...args, kernelInitializer: 'zeros' });
    },
  });
  return new Proxy(tf, { get: (target, property, receiver) => (property === 'layers' ? layers : Reflect.get(target, property, receiver)) });
}
