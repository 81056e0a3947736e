// The spec's initializer, regularizer and constraint objects for one weight of a netspec custom
// layer (its config's `weightObjects`, plain data saved in model.json), as tfjs's objects.
import type { WeightObjects } from '../layers/custom-configs.js';
import { tfjsWeightObject } from '../layers/tfjs-objects.js';
import type { Tf } from '../layers/types.js';

type Initializer = ReturnType<Tf['initializers']['zeros']>;
type Regularizer = ReturnType<Tf['regularizers']['l2']>;
type Constraint = ReturnType<Tf['constraints']['nonNeg']>;

export interface WeightObjectsOf {
  initializer?: Initializer;
  regularizer?: Regularizer;
  constraint?: Constraint;
}

/** `weight`'s objects (`kernel` → kernel_initializer, kernel_regularizer, kernel_constraint); undefined where the spec sets none. */
export function weightObjectsFor(tf: Tf, objects: WeightObjects | undefined, weight: string): WeightObjectsOf {
  const get = (suffix: string) => {
    const value = objects?.[`${weight}_${suffix}`];
    return value === undefined ? undefined : tfjsWeightObject(tf, `${weight}_${suffix}`, value);
  };
  return {
    initializer: get('initializer') as Initializer | undefined,
    regularizer: get('regularizer') as Regularizer | undefined,
    constraint: get('constraint') as Constraint | undefined,
  };
}
