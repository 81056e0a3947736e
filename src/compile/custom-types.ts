// Types of the custom layer classes, which are defined at run time inside functions that receive `tf`.
import type { Tf } from '../layers/types.js';

export type LayerInstance = InstanceType<Tf['layers']['Layer']>;

/** A custom layer class: constructed from its config, registered under its className. */
export type LayerClass<C> = (new (config: C) => LayerInstance) & { className: string };

export type SerializableClass = Parameters<Tf['serialization']['registerClass']>[0];
