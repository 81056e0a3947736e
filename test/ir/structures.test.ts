// Structures (residual, inception, dense_block, blocks with repeat/when, skips, several inputs and
// outputs) against the same networks built in Keras (scripts/keras/structures_fixture.py).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFile } from '../../src/index.js';

interface KerasLayer {
  class: string;
  output_shape: (number | null)[];
  params: number;
  trainable: number;
}
interface KerasWire {
  name: string;
  class: string;
  output_shape: (number | null)[];
  inbound: string[];
}
interface KerasModel {
  layers: KerasLayer[];
  /** Every layer, inputs included, with the names of the layers it reads. */
  wiring: KerasWire[];
  total_params: number;
  trainable_params: number;
  non_trainable_params: number;
}

const dir = join(import.meta.dirname, '../fixtures/structures');
const oracle = JSON.parse(readFileSync(join(dir, 'keras.json'), 'utf8')) as { models: Record<string, KerasModel> };
const key = (l: { class: string; output_shape: unknown; params: number }): string => `${l.class} ${JSON.stringify(l.output_shape)} ${l.params}`;

interface Wired {
  name: string;
  label: string;
  inputs: string[];
}

/** Each layer with the layers it reads, in order, each by class and output shape (names differ between the two). */
function reads(layers: Wired[]): { label: string; sources: string[] }[] {
  const byName = new Map(layers.map((l) => [l.name, l]));
  return layers.map((l) => ({
    label: l.label,
    sources: l.inputs.map((input) => {
      const source = byName.get(input);
      if (!source) throw new Error(`'${input}' is an input of ${l.name} but not a layer`);
      return source.label;
    }),
  }));
}

/** Every connection as "producer → consumer". */
const connections = (layers: Wired[]): string[] =>
  reads(layers)
    .flatMap((r) => r.sources.map((s) => `${s} → ${r.label}`))
    .sort();

/** Merges whose result does not depend on the order of their inputs. */
const ORDER_FREE = new Set(['Add', 'Multiply', 'Average', 'Maximum', 'Minimum']);

/** Every layer reading several inputs where their order matters (Concatenate's channels), as "consumer ← first, second, …". */
const inputOrders = (layers: Wired[]): string[] =>
  reads(layers)
    .filter((r) => r.sources.length > 1 && !ORDER_FREE.has(r.label.split(' ')[0]!))
    .map((r) => `${r.label} ← ${r.sources.join(', ')}`)
    .sort();

describe.each(Object.entries(oracle.models))('%s matches Keras', (name, keras) => {
  const result = analyzeFile(join(dir, `${name}.yaml`));

  it('analyses without diagnostics', () => {
    expect(result.diagnostics).toEqual([]);
  });

  it('has the same totals', () => {
    const t = result.graph!.totals;
    expect([t.params, t.trainable, t.nonTrainable]).toEqual([keras.total_params, keras.trainable_params, keras.non_trainable_params]);
  });

  it('has the same layers (class, output shape, params), in any topological order', () => {
    const ours = result
      .graph!.nodes.filter((n) => n.kind !== 'InputLayer')
      .map((n) => key({ class: n.kind, output_shape: n.outputShape, params: n.params.trainable + n.params.nonTrainable }));
    expect(ours.sort()).toEqual(keras.layers.map(key).sort());
  });

  const ours = (): Wired[] => result.graph!.nodes.map((n) => ({ name: n.name, label: `${n.kind} ${JSON.stringify(n.outputShape)}`, inputs: n.inputs }));
  const theirs = (): Wired[] => keras.wiring.map((l) => ({ name: l.name, label: `${l.class} ${JSON.stringify(l.output_shape)}`, inputs: l.inbound }));

  it('is wired as Keras is: every connection, by class and output shape at both ends', () => {
    expect(connections(ours())).toEqual(connections(theirs()));
  });

  it("reads its inputs in Keras's order (a concatenation's channels)", () => {
    expect(inputOrders(ours())).toEqual(inputOrders(theirs()));
  });
});

describe('names', () => {
  it('gives hierarchical Keras-style names under block paths', () => {
    const graph = analyzeFile(join(dir, 'bottleneck-stage.yaml')).graph!;
    const names = graph.nodes.map((n) => n.name);
    expect(names).toContain('block1.residual.conv2d');
    expect(names).toContain('block3.residual.activation_2');
    expect(names).toContain('bottleneck.residual.conv2d_3');
    expect(names).not.toContain('bottleneck_1.residual.conv2d_3');
    expect(graph.groups.map((g) => g.id)).toContain('block2.residual');
  });
});
