// Keras's weights (from a fixture script's get_weights()) written into a compiled model, layer by
// layer, for the tests that compare compiled outputs with Keras's on fixed weights.
import { expect } from 'vitest';
import type { CompiledModel } from '../../src/compile/build-model.js';
import type { IRGraph } from '../../src/ir/types.js';
import type { Tf } from '../../src/layers/types.js';

export interface KerasWeight {
  shape: number[];
  values: number[];
}

/** `weights[i]` belongs to the i-th non-input node; Keras's get_weights() order is the tfjs layers' weight order. */
export function writeKerasWeights(tf: Tf, graph: IRGraph, { model, layerMap }: CompiledModel, weights: KerasWeight[][]): void {
  graph.nodes
    .filter((n) => n.kind !== 'InputLayer')
    .forEach((node, i) => {
      const names = layerMap.find((entry) => entry.node === node.name)!.layers;
      const variables = names.flatMap((name) => model.getLayer(name).weights);
      const keras = weights[i]!;
      // A weight's shape is fully known once built; a lifted layer (ConvLSTM1D as 2D) has extra size-1 axes, so sizes are compared.
      const shapes = variables.map((v) => v.shape as number[]);
      expect(shapes.map((shape) => shape.reduce((a, b) => a * b, 1))).toEqual(keras.map((w) => w.values.length));
      variables.forEach((v, j) => v.write(tf.tensor(keras[j]!.values, shapes[j])));
    });
}
