// A Keras line works inside a YAML flow list `[...]` exactly as in a block list: YAML splits
// `[Conv2D(8, 3), Dense(10)]` at the commas inside the parentheses, and the located tree joins
// the pieces back from the source text.
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/index.js';
import { formatSummary } from '../../src/report/summary.js';

function summaryOf(text: string): string {
  const result = analyzeText(text, { file: 'spec.yaml' });
  expect(result.diagnostics).toEqual([]);
  return formatSummary(result.graph!, 'json');
}

const CASES: { name: string; flow: string; block: string }[] = [
  {
    name: 'top-level layers',
    flow: "input: [28, 28, 1]\nlayers: [Conv2D(8, 3, padding='same', activation='relu'), MaxPooling2D((2, 2)), Flatten(), Dense(10)]\n",
    block: "input: [28, 28, 1]\nlayers:\n  - Conv2D(8, 3, padding='same', activation='relu')\n  - MaxPooling2D((2, 2))\n  - Flatten()\n  - Dense(10)\n",
  },
  {
    name: 'inception branches, one call per branch and several',
    flow: "input: [28, 28, 16]\nlayers:\n  - inception:\n      branches: [[Conv2D(64, 1, activation='relu')], [Conv2D(32, 1), Conv2D(16, (3, 3), padding='same')], []]\n",
    block:
      "input: [28, 28, 16]\nlayers:\n  - inception:\n      branches:\n        - - Conv2D(64, 1, activation='relu')\n        - - Conv2D(32, 1)\n          - Conv2D(16, (3, 3), padding='same')\n        - []\n",
  },
  {
    name: 'a tuple argument, a string and a name',
    flow: "input: [8, 8, 3]\nlayers: [Conv2D(4, kernel_size=(3, 3), padding='same', name='first'), Flatten()]\n",
    block: "input: [8, 8, 3]\nlayers:\n  - Conv2D(4, kernel_size=(3, 3), padding='same', name='first')\n  - Flatten()\n",
  },
  {
    name: "a quoted positional argument YAML alone cannot read ([MaxPooling2D((3, 3), 1, 'same')])",
    flow: "input: [28, 28, 16]\nlayers:\n  - inception:\n      branches: [[Conv2D(64, 1, activation='relu')], [MaxPooling2D((3, 3), 1, 'same'), Activation('relu')]]\n",
    block:
      "input: [28, 28, 16]\nlayers:\n  - inception:\n      branches:\n        - - Conv2D(64, 1, activation='relu')\n        - - MaxPooling2D((3, 3), 1, 'same')\n          - Activation('relu')\n",
  },
  {
    name: 'a mapping step beside call strings',
    flow: 'input: [8, 8, 3]\nlayers: [Conv2D(4, 3, strides=2), {dense: {units: 5}}, Dense(2)]\n',
    block: 'input: [8, 8, 3]\nlayers:\n  - Conv2D(4, 3, strides=2)\n  - dense: {units: 5}\n  - Dense(2)\n',
  },
];

describe('call strings in flow lists', () => {
  it.each(CASES)('$name: same model as the block list', ({ flow, block }) => {
    expect(summaryOf(flow)).toBe(summaryOf(block));
  });

  it('Conv2D(8, 3) on 28×28×1 then Dense(10): Keras counts 80 and 54,090 parameters', () => {
    const json = JSON.parse(summaryOf('input: [28, 28, 1]\nlayers: [Conv2D(8, 3), Flatten(), Dense(10)]\n')) as { layers: { params: number }[] };
    // (3·3·1 + 1)·8 = 80; 26·26·8 = 5,408 inputs → (5,408 + 1)·10 = 54,090.
    expect(json.layers.map((l) => l.params)).toEqual([0, 80, 0, 54090]);
  });

  it('points diagnostics inside the joined call at the right column', () => {
    const text = "input: [28, 28, 1]\nlayers: [Conv2D(8, 3, paddin='same'), Dense(10)]\n";
    const [d] = analyzeText(text, { file: 'spec.yaml' }).diagnostics;
    expect(d).toMatchObject({ code: 'unknown-argument', line: 2, column: 23, suggestion: "did you mean 'padding'?" });
  });

  it('leaves plain lists alone: shapes and names with parentheses only when balanced', () => {
    const result = analyzeText('input: [28, 28, 1]\nlayers: [relu, Flatten(), Dense(3)]\n', { file: 'spec.yaml' });
    expect(result.diagnostics).toEqual([]);
    expect(result.graph!.nodes.map((n) => n.kind).slice(2)).toEqual(['Flatten', 'Dense']);
    expect(result.graph!.nodes).toHaveLength(4);
  });
});
