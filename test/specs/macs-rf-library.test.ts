// The library specs' MACs and receptive fields against JAX (scripts/keras/macs_rf_fixture.py --apps
// writes test/fixtures/keras/macs-rf-apps.json from the same models built in Keras): total MACs of
// the convolutions and matmuls against XLA's cost analysis of the whole model, and the receptive
// field at every stage end (the last layer of each 2D or 3D output shape) against the support of
// the input gradient of its centre pixel: equal where that support does not reach the input's
// border, at least as wide (or none) where it does.
import { readdirSync, readFileSync } from 'node:fs';
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

/**
 * netspec's nodes with this output shape. Keras's stage end is the last layer with it in Keras's
 * order, which in a cell of parallel branches (NASNet, Inception) need not be the last in netspec's,
 * so the stage end is found among them by its field.
 */
function withShape(nodes: readonly IRNode[], shape: number[]): IRNode[] {
  return nodes.filter((n) => JSON.stringify(n.outputShape) === JSON.stringify(shape));
}

/**
 * Known differences, pinned so that a new one fails and a fixed one shows. netspec's field is a
 * (size, jump) pair, with no offset of the field's centre, so two layouts come out wrong:
 * - after an upsampling, a 2×2 'same' convolution reads one source pixel or two depending on the
 *   output pixel's phase; netspec gives the phases' average (r + j_src/2), the oracle the centre
 *   pixel's (U-Net's last decoder convolution: 215 against 204, its phases spanning 200–230);
 * - NASNet's factorised reduction crops one branch by a pixel on one side before a stride-2 pooling,
 *   so the two concatenated branches read grids one pixel apart: their union is wider than either
 *   (5 against 3 at NASNet-Mobile's activation_18), while netspec takes the widest input. The
 *   fixture now holds each model's first 10 stage ends, which come before it.
 * Each must be explained: an upsampling or a one-sided crop upstream in the Keras model.
 */
const KNOWN_RF_GAPS: Record<string, string[]> = {
  unet: ['conv2d_21', 'conv2d_18', 'conv2d_15', 'conv2d_12'],
};

interface KerasLayer {
  name: string;
  class: string;
  inbound?: string[];
  config: { cropping?: number[][] };
}

/** Whether an upsampling or a one-sided crop lies upstream of this layer (the Keras fixture's wiring). */
function shiftedOrUpsampled(layers: KerasLayer[], name: string): boolean {
  const byName = new Map(layers.map((l) => [l.name, l]));
  const seen = new Set<string>();
  const stack = [name];
  while (stack.length > 0) {
    const layer = byName.get(stack.pop()!);
    if (!layer || seen.has(layer.name)) continue;
    seen.add(layer.name);
    if (/^UpSampling|Transpose$/.test(layer.class)) return true;
    if (layer.class.startsWith('Cropping') && (layer.config.cropping ?? []).some(([a, b]) => a !== b)) return true;
    stack.push(...(layer.inbound ?? []));
  }
  return false;
}

it('has the oracle for every spec in specs/', () => {
  const specs = readdirSync(join(root, 'specs'))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.replace(/\.yaml$/, ''));
  expect(Object.keys(fixture.specs).sort()).toEqual(specs.sort());
});

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
  it('has a stage end whose field is measured whole', () => {
    expect(ends.filter(([, r]) => !r.clipped).length).toBeGreaterThan(0);
  });
  const exact = (r: (typeof ends)[number][1]) => {
    const nodes = withShape(graph.nodes, r.output_shape);
    expect(nodes.length, `a node with output ${JSON.stringify(r.output_shape)}`).toBeGreaterThan(0);
    expect(nodes.map((n) => n.receptiveField?.size ?? null)).toContainEqual(r.size);
  };
  const whole = ends.filter(([, r]) => !r.clipped);
  const gaps = KNOWN_RF_GAPS[name] ?? [];
  it.each(whole.filter(([layer]) => !gaps.includes(layer)))('receptive field at %s', (_layer, r) => exact(r));
  it('differs only at the known gaps, each explained by an upsampling or a one-sided crop upstream', () => {
    const differing = whole.filter(
      ([, r]) => !withShape(graph.nodes, r.output_shape).some((n) => JSON.stringify(n.receptiveField?.size ?? null) === JSON.stringify(r.size)),
    );
    expect(differing.map(([layer]) => layer)).toEqual(gaps);
    const kerasLayers = (JSON.parse(readFileSync(join(root, 'test/fixtures/keras/apps', `${name}.json`), 'utf8')) as { layers: KerasLayer[] }).layers;
    for (const layer of gaps) expect(shiftedOrUpsampled(kerasLayers, layer), layer).toBe(true);
  });
  // Where the support reaches the border the field is at least that wide (or, after global pooling, none).
  it.each(ends.filter(([, r]) => r.clipped))('receptive field at %s (support reaches the border)', (_layer, r) => {
    const nodes = withShape(graph.nodes, r.output_shape);
    expect(nodes.length, `a node with output ${JSON.stringify(r.output_shape)}`).toBeGreaterThan(0);
    const widest = nodes.at(-1)!.receptiveField;
    if (widest) widest.size.forEach((size, axis) => expect(size).toBeGreaterThanOrEqual(r.size![axis]!));
  });
});
