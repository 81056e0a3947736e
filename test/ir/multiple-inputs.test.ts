// Several inputs: no step reads one implicitly (it used to read the last declared input silently).
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/ir/analyze.js';

describe('a spec with several inputs', () => {
  it('refuses a first step without inputs:, naming the inputs and the fix', () => {
    const result = analyzeText('inputs: {image: [8, 8, 3], meta: [4]}\nlayers:\n  - Conv2D(4, 3)\n  - Flatten()\n', { file: 'two.yaml' });
    expect(result.graph).toBeUndefined();
    expect(result.diagnostics).toHaveLength(1); // the Flatten after it only follows from the first error
    const [d] = result.diagnostics;
    expect(d).toMatchObject({ code: 'ambiguous-input', line: 3, column: 5 });
    expect(d!.message).toBe('this step reads the previous output, but nothing precedes it and the spec has 2 inputs (image, meta)');
    expect(d!.suggestion).toMatch(/inputs: \[image\]/);
  });

  it('refuses a first merge with: only its extra inputs', () => {
    const result = analyzeText('inputs: {a: [4], b: [4]}\nlayers:\n  - {add: {}, with: b}\n');
    expect(result.diagnostics.map((d) => d.code)).toEqual(['ambiguous-input']);
  });

  it('accepts explicit inputs on the first step, then the flow as usual', () => {
    const result = analyzeText(
      'inputs: {image: [8, 8, 3], meta: [4]}\nlayers:\n  - {conv2d: {filters: 4, kernel_size: 3}, inputs: [image]}\n  - Flatten()\n  - {concatenate: {}, with: meta}\n',
    );
    expect(result.diagnostics).toEqual([]);
    expect(result.graph!.nodes.at(-1)!.outputShape).toEqual([6 * 6 * 4 + 4]);
  });

  it('one input under inputs: is still read implicitly', () => {
    expect(analyzeText('inputs: {image: [8, 8, 3]}\nlayers:\n  - Conv2D(4, 3)\n').diagnostics).toEqual([]);
  });
});
