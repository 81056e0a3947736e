// Library variants through --set (alpha, input size, classes) against Keras built with the same
// arguments (scripts/keras/variants_fixture.py), and EfficientNet-B0 scaled to B2's coefficients
// against Keras's B2.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFile } from '../../src/index.js';

interface Variant {
  spec: string;
  set: Record<string, string>;
  total_params: number;
  trainable_params: number;
  non_trainable_params: number;
  output_shape: (number | null)[];
}

const root = join(import.meta.dirname, '../..');
const { variants } = JSON.parse(readFileSync(join(root, 'test/fixtures/keras/variants/variants.json'), 'utf8')) as { variants: Variant[] };

describe.each(variants)('$spec with $set', (v) => {
  it('has Keras totals and output shape', () => {
    const r = analyzeFile(join(root, 'specs', `${v.spec}.yaml`), { set: v.set });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const t = r.graph!.totals;
    expect([t.params, t.trainable, t.nonTrainable]).toEqual([v.total_params, v.trainable_params, v.non_trainable_params]);
    expect(r.graph!.outputs[0]!.shape).toEqual(v.output_shape);
  });
});

describe('efficientnet_b0 scaled by --set', () => {
  it("equals Keras's EfficientNetB2 with B2's width, depth and resolution", () => {
    const b2 = JSON.parse(readFileSync(join(root, 'test/fixtures/keras/apps/efficientnet_b2.json'), 'utf8')) as { total_params: number };
    const r = analyzeFile(join(root, 'specs/efficientnet_b0.yaml'), { set: { width: '1.1', depth: '1.2', resolution: '260', dropout: '0.3' } });
    expect(r.graph!.totals.params).toBe(b2.total_params);
  });
});
