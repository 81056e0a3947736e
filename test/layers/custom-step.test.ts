// Lambda and Custom steps: shapes and counts as declared, explained as declared, refused by compile.
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/ir/analyze.js';
import { Custom, Lambda } from '../../src/layers/custom-step.js';
import type { BuildContext, Tf } from '../../src/layers/types.js';

const analyze = (layers: string, input = '[10, 10, 4]') => analyzeText(`input: ${input}\nlayers:\n${layers}`);

describe('Lambda and Custom steps', () => {
  it.each([
    ['an expression of the input shape', "  - Lambda(output_shape=in_shape[:-1] + [in_shape[-1] * 2], name='double')", [10, 10, 8]],
    ['an expression listing each size', '  - Lambda(output_shape=[in_shape[0], in_shape[1], in_shape[-1] * 2])', [10, 10, 8]],
    ['a tuple', '  - Lambda(output_shape=(5, 5, 4))', [5, 5, 4]],
    ['nothing: the input shape', '  - Lambda()', [10, 10, 4]],
    ['None sizes', "  - Custom('Squeeze', output_shape=(None, 4))", [null, 4]],
    ['the mapping form with an expression string', '  - {lambda: {output_shape: "[in_shape[0] * in_shape[1], in_channels]"}}', [100, 4]],
  ])('takes its output shape from %s', (_what, step, shape) => {
    const result = analyze(`${step}\n`);
    expect(result.diagnostics).toEqual([]);
    expect(result.graph!.nodes[1]!.outputShape).toEqual(shape);
  });

  it('counts the declared parameters, trainable and not, in the totals', () => {
    // The channel gate of the import fixture: 8 weights on a 30×30×8 map (Keras: 8 trainable).
    const result = analyze("  - Conv2D(8, 3)\n  - Custom('ChannelGate', output_shape=in_shape, params=8, non_trainable_params=2, name='gate')\n");
    const gate = result.graph!.nodes.find((n) => n.name === 'gate')!;
    expect(gate.params).toEqual({ trainable: 8, nonTrainable: 2 });
    expect(gate.label).toBe('ChannelGate');
    expect(result.graph!.totals.params).toBe(3 * 3 * 4 * 8 + 8 + 10);
  });

  it('refuses a negative or fractional parameter count and a non-positive size', () => {
    expect(analyze('  - Lambda(params=-1)\n').diagnostics[0]!.message).toMatch(/params' must be at least 0/);
    expect(analyze('  - Lambda(output_shape=(0, 4))\n').diagnostics[0]!.message).toMatch(/output_shape \(0, 4\) must hold positive sizes/);
    expect(analyze('  - Custom(output_shape=(4,))\n').diagnostics[0]!.message).toMatch(/requires argument 'class_name'/);
  });

  it('explains its figures as declared, not computed', () => {
    const node = analyze('  - Lambda(output_shape=(5, 5, 4), params=3)\n').graph!.nodes[1]!;
    expect(Lambda.explain(node.inputShapes, node.args, node.outputShape)).toEqual([
      'output (5, 5, 4) (declared with output_shape)',
      'params = 3 trainable + 0 non-trainable (declared, not computed)',
    ]);
  });

  it('is refused by compile with a message naming the step', () => {
    const ctx = { name: 'double', inputShapes: [[10, 10, 4]], outputShape: [10, 10, 8], trainable: true } as unknown as BuildContext;
    expect(() => Lambda.build({} as Tf, {}, ctx)).toThrow(/Lambda step 'double' runs Python code netspec cannot translate/);
    expect(() => Custom.build({} as Tf, { class_name: 'ChannelGate' }, ctx)).toThrow(/custom layer 'double' \(ChannelGate\)/);
  });
});
