// The library specs' MACs and receptive fields against JAX (scripts/keras/macs_rf_fixture.py --apps
// writes test/fixtures/keras/macs-rf-apps.json from the keras.applications models): total MACs of
// the convolutions and matmuls against XLA's cost analysis of the whole model, and the receptive
// field at every stage end (the last layer of each output shape) against the support of the input
// gradient of its centre pixel, where that support does not reach the input's border.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFile } from '../../src/index.js';
import type { IRNode } from '../../src/ir/types.js';
import { ELEMENTWISE_MACS } from '../layers/macs-conventions.js';

interface SpecOracle {
  keras_name: string;
  input_shape: number[];
  conv_dot_flops: number;
  dense_conv_dot_flops: number;
  /** size: the support's bounding box, null where the gradient vanished (an oracle failure); clipped: it reaches the input's border. */
  receptive: Record<string, { output_shape: number[]; size: number[] | null; clipped: boolean }>;
}

const root = join(import.meta.dirname, '../..');
const fixture = JSON.parse(readFileSync(join(root, 'test/fixtures/keras/macs-rf-apps.json'), 'utf8')) as { specs: Record<string, SpecOracle> };

/** The last node (in netspec's topological order) with this output shape: the same stage end as Keras's. */
function lastWithShape(nodes: readonly IRNode[], shape: number[]): IRNode | undefined {
  return [...nodes].reverse().find((n) => JSON.stringify(n.outputShape) === JSON.stringify(shape));
}

describe.each(Object.entries(fixture.specs))('specs/%s.yaml against JAX', (name, oracle) => {
  const result = analyzeFile(join(root, 'specs', `${name}.yaml`));
  const graph = result.graph!;

  it('analyses at the input the oracle used', () => {
    expect(graph.inputs[0]!.shape).toEqual(oracle.input_shape);
  });

  it('has the MACs of its convolutions and matmuls (2 XLA flops each, every tap counted)', () => {
    const weighted = graph.nodes.filter((n) => !ELEMENTWISE_MACS.has(n.kind)).reduce((sum, n) => sum + n.macs, 0);
    expect(2 * weighted).toBe(oracle.dense_conv_dot_flops);
    // As Keras runs them, taps on 'same' padding are skipped: never more than netspec's count.
    expect(oracle.conv_dot_flops).toBeLessThanOrEqual(oracle.dense_conv_dot_flops);
  });

  const ends = Object.entries(oracle.receptive);
  it.each(ends.filter(([, r]) => !r.clipped))('receptive field at %s', (_layer, r) => {
    const node = lastWithShape(graph.nodes, r.output_shape);
    expect(node, `a node with output ${JSON.stringify(r.output_shape)}`).toBeDefined();
    expect(node!.receptiveField?.size).toEqual(r.size);
  });
  // Where the support reaches the border the field is at least that wide (or, after global pooling, none).
  it.each(ends.filter(([, r]) => r.clipped))('receptive field at %s (support reaches the border)', (_layer, r) => {
    const node = lastWithShape(graph.nodes, r.output_shape);
    expect(node, `a node with output ${JSON.stringify(r.output_shape)}`).toBeDefined();
    const field = node!.receptiveField;
    if (field) field.size.forEach((size, axis) => expect(size).toBeGreaterThanOrEqual(r.size![axis]!));
  });
});
