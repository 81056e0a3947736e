// Keras tutorial idioms for the input: input_shape= on the first layer (Keras's Sequential took the
// model input from it), `input: (28, 28, 1)` as a Python tuple. Each gives the same model as the
// netspec spelling. Figures: Conv2D(32, (3, 3)) on 28×28×1 → 26×26×32, (3·3·1 + 1)·32 = 320.
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/index.js';
import { formatSummary } from '../../src/report/summary.js';

const CANONICAL = "input: [28, 28, 1]\nlayers:\n  - Conv2D(32, (3, 3), activation='relu')\n  - Flatten()\n";

function json(text: string): string {
  const result = analyzeText(text, { file: 'spec.yaml' });
  expect(result.diagnostics).toEqual([]);
  return formatSummary(result.graph!, 'json');
}

describe('Keras input idioms', () => {
  it.each([
    ['input_shape= on the first layer', "layers:\n  - Conv2D(32, (3, 3), activation='relu', input_shape=(28, 28, 1))\n  - Flatten()\n"],
    ['input_shape= agreeing with input:', "input: [28, 28, 1]\nlayers:\n  - Conv2D(32, (3, 3), activation='relu', input_shape=(28, 28, 1))\n  - Flatten()\n"],
    ['input: as a tuple', "input: (28, 28, 1)\nlayers:\n  - Conv2D(32, (3, 3), activation='relu')\n  - Flatten()\n"],
  ])('%s gives the same model as input: [28, 28, 1]', (_name, text) => {
    expect(json(text)).toBe(json(CANONICAL));
    const parsed = JSON.parse(json(text)) as { layers: { output_shape: unknown; params: number }[] };
    expect(parsed.layers[1]).toMatchObject({ output_shape: [null, 26, 26, 32], params: 320 });
  });

  it('a tuple input with a name and a one-axis tuple', () => {
    const result = analyzeText('params: {size: 28}\ninputs:\n  image: (size, size, 1)\n  meta: (10,)\nlayers:\n  - {flatten: {}, inputs: [image]}\n', {
      file: 'spec.yaml',
    });
    expect(result.diagnostics).toEqual([]);
    expect(result.graph!.inputs.map((i) => i.shape)).toEqual([[28, 28, 1], [10]]);
  });

  it('input_shape= on a later layer is ignored with a warning, as Keras does', () => {
    const result = analyzeText('input: [28, 28, 1]\nlayers:\n  - Flatten()\n  - Dense(3, input_shape=(784,))\n', { file: 'spec.yaml' });
    expect(result.diagnostics.map((d) => [d.severity, d.code, d.line])).toEqual([['warning', 'input-shape-ignored', 4]]);
    expect(result.graph!.totals.params).toBe(784 * 3 + 3);
  });

  it('None for an image of any size is not a batch axis', () => {
    const result = analyzeText('input: [None, None, 3]\nlayers:\n  - Conv2D(8, 3)\n', { file: 'spec.yaml' });
    expect(result.diagnostics).toEqual([]);
  });

  it('a batch axis in input_shape= is reported at input_shape, once', () => {
    const result = analyzeText('layers:\n  - Conv2D(8, 3, input_shape=(None, 28, 28, 1))\n', { file: 'spec.yaml' });
    expect(result.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['input-batch-axis', 2, 18]]);
    expect(result.diagnostics[0]!.suggestion).toContain('input_shape=(28, 28, 1)');
  });
});
