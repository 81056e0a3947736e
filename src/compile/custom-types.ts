// The base of netspec's custom tfjs layers, and the types of their classes. The classes are defined
// at run time inside functions that receive `tf`, so nothing here imports tfjs at run time.
import type { Tensor } from '@tensorflow/tfjs';
import type { CustomActivationName, CustomConfigs, CustomLayerName, LayerIdentity } from '../layers/custom-configs.js';
import type { Tf } from '../layers/types.js';

export type LayerInstance = InstanceType<Tf['layers']['Layer']>;

/** A custom layer class: constructed from its config, registered under its className. */
export type LayerClass<C> = (new (config: C & LayerIdentity) => LayerInstance) & { className: string };

/** One implementation per custom layer of the contract: a missing one is a compile error. */
export type CustomLayerClasses = { [K in CustomLayerName]: LayerClass<CustomConfigs[K]> };

/** One implementation per custom activation of the contract. */
export type CustomActivations = Record<CustomActivationName, (x: Tensor) => Tensor>;

export type SerializableClass = Parameters<Tf['serialization']['registerClass']>[0];

type Shape = (number | null)[];

/** The base class's type, spelled out: declaration files cannot name the class built inside a function. */
export type LayerBase = abstract new <C extends object>(config: C & LayerIdentity) => LayerInstance & { readonly config: C & LayerIdentity };

/**
 * The base every custom layer extends: keeps the config, names the layer, and saves the config
 * (without name and trainable, which tfjs's own config carries) so model.json loads it back.
 */
export function defineLayerBase(tf: Tf): LayerBase {
  abstract class NetspecLayer<C extends object> extends tf.layers.Layer {
    constructor(readonly config: C & LayerIdentity) {
      super({ name: config.name, trainable: config.trainable });
    }
    override getConfig() {
      const { name: _name, trainable: _trainable, ...own } = this.config;
      return { ...super.getConfig(), ...own };
    }
  }
  return NetspecLayer;
}

/** The first input's shape (tfjs passes one shape or a list of them). */
export const firstShape = (inputShape: Shape | Shape[]): Shape => (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;

/** The first input tensor. */
export const firstTensor = (inputs: Tensor | Tensor[]): Tensor => (Array.isArray(inputs) ? inputs[0]! : inputs);
