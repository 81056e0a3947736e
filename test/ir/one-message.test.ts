// One mistake, one message: a problem inside a block is reported once with how many uses found it,
// and errors that only follow from an earlier failure (a reference to the failed step's name,
// in_shape where the failed step left no input) are not reported at all.
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/index.js';

const messages = (text: string) => analyzeText(text, { file: 'spec.yaml' }).diagnostics.map((d) => [d.code, d.line, d.message]);

describe('one mistake, one message', () => {
  it('an error inside a block used 4 times: once, "in 4 uses of block unit"', () => {
    const text =
      "input: [32, 32, 3]\nblocks:\n  unit:\n    layers:\n      - Conv2D(8, 3, paddin='same')\n      - relu\nlayers:\n  - unit: {}\n  - unit: {}\n  - unit: {}\n  - unit: {}\n";
    expect(messages(text)).toEqual([['unknown-argument', 5, "Conv2D has no argument 'paddin' (in 4 uses of block 'unit')"]]);
  });

  it('a failed expect: in every use of a block, with the same figures: once', () => {
    // Conv2D 3×3, 8 → 8 channels: (3·3·8 + 1)·8 = 584 in each of the three uses.
    const text =
      'input: [32, 32, 8]\nblocks:\n  unit:\n    layers:\n      - conv2d: {filters: 8, kernel_size: 3, padding: same}\n        expect: {params: 200}\nlayers:\n  - unit: {}\n  - unit: {}\n  - unit: {}\n';
    expect(messages(text)).toEqual([['expect', 6, "expected params 200, but step 'conv2d' has 584 (in 3 uses of block 'unit')"]]);
  });

  it('a reference to a step that failed is not a second error', () => {
    const text = "input: [32, 32, 3]\nlayers:\n  - Conv2D(8, 3, paddin='same', name='feat_T')\n  - {flatten: {}, inputs: feat_T}\n";
    expect(messages(text)).toEqual([['unknown-argument', 3, "Conv2D has no argument 'paddin'"]]);
  });

  it('in_shape after a failed step is not a second error; a later real mistake still is', () => {
    const text = [
      'input: [32, 32, 3]',
      'layers:',
      '  - conv2d: {filters: 8, kernel_size: 40}',
      '    name: feat_T',
      "  - conv2d: {filters: 'in_shape[2] * 2', kernel_size: 1}",
      '  - {concatenate: {}, with: feat_T}',
      '  - {concatenate: {}, with: feat_X}',
      '',
    ].join('\n');
    expect(messages(text).map(([code, line]) => [code, line])).toEqual([
      ['shape', 3],
      ['unknown-name', 7],
    ]);
  });

  it('a name that was never defined is still reported', () => {
    expect(messages('input: [8]\nlayers:\n  - {dense: {units: 2}, inputs: nothing}\n').map(([code]) => code)).toEqual(['unknown-name']);
  });
});
