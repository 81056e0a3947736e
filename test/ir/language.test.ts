// Language features, each on a tiny network whose figures follow from Keras's formulas by hand.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFile, analyzeText } from '../../src/index.js';

const shapesOf = (text: string, set?: Record<string, string>) => {
  const r = analyzeText(text, set ? { set } : {});
  expect(r.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([]);
  return r.graph!;
};

describe.each([
  {
    what: 'call form with positional and keyword arguments, name=',
    spec: "input: [28, 28, 1]\nlayers:\n  - Conv2D(6, 5, activation='tanh', name='c1')\n",
    // (5·5·1 + 1)·6 = 156
    names: ['input_layer', 'c1'],
    params: 156,
    shape: [24, 24, 6],
  },
  {
    what: 'expressions over params, ** // and conditionals',
    spec: 'params: {w: 4, deep: true}\ninput: [16, 16, 2]\nlayers:\n  - conv2d: {filters: "w ** 2 // 2 if deep else 1", kernel_size: 3, padding: same}\n',
    // filters 8: (3·3·2 + 1)·8 = 152
    params: 152,
    shape: [16, 16, 8],
  },
  {
    what: 'in_channels and in_shape of the step input',
    spec: 'input: [8, 8, 3]\nlayers:\n  - conv2d: {filters: "in_channels * 2", kernel_size: "in_shape[0] // 8"}\n',
    // filters 3·2 = 6, kernel 8 // 8 = 1: (1·1·3 + 1)·6 = 24
    params: 24,
    shape: [8, 8, 6],
  },
  {
    what: 'repeat with i, when, and {i} in names',
    spec: 'input: [10]\nlayers:\n  - {dense: {units: "2 ** (i + 1)"}, repeat: 3, name: "fc{i}"}\n  - {dense: {units: 1}, when: false}\n',
    // 10·2+2 = 22, 2·4+4 = 12, 4·8+8 = 40 → 74
    names: ['input_layer', 'fc0', 'fc1', 'fc2'],
    params: 74,
    shape: [8],
  },
  {
    what: 'nested repeat with `as`',
    spec: 'input: [4]\nlayers:\n  - sequential:\n      - {dense: {units: "j + i + 1"}, repeat: {times: 2, as: j}}\n    repeat: 2\n',
    // units 1,2 then 2,3: 4·1+1 + 1·2+2 + 2·2+2 + 2·3+3 = 5+4+6+9 = 24
    params: 24,
    shape: [3],
  },
  {
    what: 'block with two inputs and interpolated references',
    spec: [
      'blocks:',
      '  cell:',
      '    inputs: [x, p]',
      '    layers:',
      '      - {add: {}, inputs: [x, p]}',
      'input: [4, 4, 2]',
      'layers:',
      '  - {conv2d: {filters: 2, kernel_size: 1}, name: c0}',
      '  - {conv2d: {filters: 2, kernel_size: 1}, name: c1}',
      '  - {cell: {}, inputs: ["c{i + 1}", "c{i}"], name: "c{i + 2}", repeat: 3}',
    ].join('\n'),
    // two 1×1 convs: (2 + 1)·2 = 6 each
    params: 12,
    shape: [4, 4, 2],
  },
])('$what', ({ spec, names, params, shape }) => {
  it('has the expected names, parameters and output', () => {
    const graph = shapesOf(spec);
    if (names) expect(graph.nodes.map((n) => n.name)).toEqual(names);
    expect(graph.totals.params).toBe(params);
    expect(graph.outputs[0]!.shape).toEqual(shape);
  });
});

describe('trainable: false', () => {
  it("moves a step's parameters to non-trainable", () => {
    const g = shapesOf('input: [4]\nlayers:\n  - {dense: {units: 3}, trainable: false}\n  - Dense(2, trainable=False)\n  - Dense(1)\n');
    // 4·3+3 = 15 and 3·2+2 = 8 frozen; 2·1+1 = 3 trainable
    expect([g.totals.trainable, g.totals.nonTrainable]).toEqual([3, 23]);
  });
});

describe('--set', () => {
  it('overrides a param before the params that use it', () => {
    const g = shapesOf('params: {width: 4, wide: 2 * width}\ninput: [3]\nlayers:\n  - dense: {units: wide}\n', { width: '5' });
    expect(g.outputs[0]!.shape).toEqual([10]);
  });
  it('reports an unknown param with a suggestion', () => {
    const r = analyzeText('params: {width: 4}\ninput: [3]\nlayers:\n  - dense: {units: width}\n', { set: { widht: '5' } });
    expect(r.diagnostics[0]).toMatchObject({ code: 'unknown-param', suggestion: "did you mean 'width'?" });
  });
});

describe('extends', () => {
  const dir = mkdtempSync(join(tmpdir(), 'netspec-extends-'));
  writeFileSync(
    join(dir, 'base.yaml'),
    'name: base\nparams: {units: 4, depth: 2}\ninput: [3]\nlayers:\n  - {dense: {units: units}, repeat: depth}\nexpect: {params: 36}\n',
  );
  writeFileSync(join(dir, 'wide.yaml'), 'extends: base.yaml\nname: wide\nparams: {units: 8}\nexpect: {params: 104}\n');
  it('inherits the base and overrides its params (3·4+4 + 4·4+4 = 36; 3·8+8 + 8·8+8 = 104)', () => {
    const base = analyzeFile(join(dir, 'base.yaml'));
    const wide = analyzeFile(join(dir, 'wide.yaml'));
    expect(base.diagnostics).toEqual([]);
    expect(wide.diagnostics).toEqual([]);
    expect(wide.graph!.name).toBe('wide');
    expect(wide.graph!.totals.params).toBe(104);
  });
});

describe('safety', () => {
  it('treats __proto__ and constructor keys as plain (unknown) keys', () => {
    const r = analyzeText('__proto__: {polluted: true}\nconstructor: 1\ninput: [3]\nlayers: [Dense(1)]\n');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['schema', 'schema']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
  it('ends deep nesting in a diagnostic', () => {
    const r = analyzeText(`input: ${'['.repeat(5000)}${']'.repeat(5000)}\n`);
    expect(r.diagnostics[0]!.code).toBe('too-deep');
  });
  it('bounds runaway repeat', () => {
    const r = analyzeText('input: [2]\nlayers:\n  - {sequential: [{dense: {units: 1}, repeat: 100000}], repeat: 100000}\n');
    expect(r.diagnostics[0]!.code).toBe('too-large');
  });
});

describe('in_shapes and block names', () => {
  it('gives a multi-input step every input shape', () => {
    const g = shapesOf(
      'inputs: {a: [4, 4, 2], b: [8, 8, 3]}\nblocks:\n  pair:\n    inputs: [x, y]\n    params: {width: 1}\n    layers:\n      - {conv2d: {filters: width, kernel_size: 1}, inputs: y}\nlayers:\n  - {pair: {width: "in_shapes[1][2] * 2"}, inputs: [a, b]}\n',
    );
    // filters = 3·2 = 6 on b: (1·1·3 + 1)·6 = 24
    expect(g.totals.params).toBe(24);
  });
  it('warns when a block hides a layer kind', () => {
    const r = analyzeText('blocks:\n  dense:\n    layers: [relu]\ninput: [3]\nlayers:\n  - dense: {}\n');
    expect(r.diagnostics.map((d) => [d.code, d.severity])).toEqual([['block-shadows-kind', 'warning']]);
  });
});
