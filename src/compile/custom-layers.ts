// Layers Keras has and TensorFlow.js lacks (or gets wrong), as tfjs custom layers registered for
// serialization, so a saved model.json loads again once `registerCustomLayers(tf)` has run.
// Each class is defined inside a function that receives `tf`: nothing here imports tfjs at run time.
import type { Tf } from '../layers/types.js';
import { registerCustomActivations } from './custom-activations.js';
import { defineConvLayers, type ConvLayerClasses } from './custom-conv.js';
import { defineMiscLayers, type MiscLayerClasses } from './custom-misc.js';
import { defineShapeLayers, type ShapeLayerClasses } from './custom-shape.js';
import type { SerializableClass } from './custom-types.js';

export type CustomLayers = ConvLayerClasses & MiscLayerClasses & ShapeLayerClasses;

function defineCustomLayers(tf: Tf): CustomLayers {
  return { ...defineConvLayers(tf), ...defineMiscLayers(tf), ...defineShapeLayers(tf) };
}

const cache = new WeakMap<object, CustomLayers>();

/** Defines and registers netspec's custom layers and activations once per tfjs instance. */
export function registerCustomLayers(tf: Tf): CustomLayers {
  let layers = cache.get(tf.serialization);
  if (!layers) {
    registerCustomActivations(tf);
    layers = defineCustomLayers(tf);
    for (const cls of Object.values(layers)) tf.serialization.registerClass(cls as unknown as SerializableClass);
    cache.set(tf.serialization, layers);
  }
  return layers;
}

