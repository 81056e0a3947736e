// Layers Keras has and TensorFlow.js lacks (or gets wrong), as tfjs custom layers registered for
// serialization, so a saved model.json loads again once `registerCustomLayers(tf)` has run.
// Each class is defined inside a function that receives `tf`: nothing here imports tfjs at run time.
// The contract with the builders (names and configs) is src/layers/custom-configs.ts.
import type { Tf } from '../layers/types.js';
import { registerCustomActivations } from './custom-activations.js';
import { defineAttentionLayers } from './custom-attention.js';
import { defineConvLayers } from './custom-conv.js';
import { defineImageLayers } from './custom-image.js';
import { defineMiscLayers } from './custom-misc.js';
import { defineRecurrentLayers } from './custom-recurrent.js';
import { defineScaleLayers } from './custom-scale.js';
import { defineShapeLayers } from './custom-shape.js';
import { defineLayerBase, type CustomLayerClasses, type SerializableClass } from './custom-types.js';

function defineCustomLayers(tf: Tf): CustomLayerClasses {
  const base = defineLayerBase(tf);
  return {
    ...defineConvLayers(tf, base),
    ...defineMiscLayers(tf, base),
    ...defineShapeLayers(tf, base),
    ...defineImageLayers(tf, base),
    ...defineRecurrentLayers(tf, base),
    ...defineScaleLayers(tf, base),
    ...defineAttentionLayers(tf, base),
  };
}

const cache = new WeakMap<object, CustomLayerClasses>();

/** Defines and registers netspec's custom layers and activations once per tfjs instance. */
export function registerCustomLayers(tf: Tf): CustomLayerClasses {
  let layers = cache.get(tf.serialization);
  if (!layers) {
    registerCustomActivations(tf);
    layers = defineCustomLayers(tf);
    for (const cls of Object.values(layers)) tf.serialization.registerClass(cls as unknown as SerializableClass);
    cache.set(tf.serialization, layers);
  }
  return layers;
}
