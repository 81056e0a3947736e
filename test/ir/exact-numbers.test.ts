// Issue 10 item 13: every figure is exact or a diagnostic at the right place, never a rounded number.
// Expected counts come from Keras's documented formulas evaluated in BigInt (Python's exact ints),
// independent of the code under test: Dense(units=N) on [M] has an M×N kernel and N biases,
// (M + 1)·N parameters, and M·N MACs.
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/index.js';
import { formatSummary } from '../../src/report/summary.js';
import { runCli } from '../cli/run-cli.js';

const TWO_53 = 2n ** 53n;
const denseSpec = (m: bigint | string, n: bigint | string, extra = ''): string => `input: [${m}]\nlayers:\n  - dense: {units: ${n}}\n${extra}`;
const denseParams = (m: bigint, n: bigint): bigint => (m + 1n) * n;

/** Where a diagnostic points, as `line:column`, and its code. */
function firstError(text: string): { at: string; code: string; message: string } {
  const d = analyzeText(text, { file: 'spec.yaml' }).diagnostics.find((x) => x.severity === 'error');
  if (!d) throw new Error('expected an error');
  return { at: `${d.line}:${d.column}`, code: d.code, message: d.message };
}

describe('parameter counts at the 2^53 boundary (Dense, (M + 1)·N)', () => {
  // 2^53 − 1 = 6361 · 69431 · 20394401; 2^53 = 2^26 · 2^27; 2^53 + 1 = 3 · 107 · 28059810762433
  const cases: [string, bigint, bigint, bigint][] = [
    ['2^53 − 1', 441650590n, 20394401n, TWO_53 - 1n],
    ['2^53', 2n ** 26n - 1n, 2n ** 27n, TWO_53],
    ['2^53 + 1', 320n, 28059810762433n, TWO_53 + 1n],
  ];

  it.each(cases)('the factors of %s are right', (_name, m, n, total) => {
    expect(denseParams(m, n)).toBe(total);
  });

  it('2^53 − 1 is exact in every report, JSON included', () => {
    const [, m, n] = cases[0]!;
    const graph = analyzeText(denseSpec(m, n), { file: 'spec.yaml' }).graph!;
    expect(BigInt(graph.totals.params)).toBe(denseParams(m, n));
    expect(BigInt(graph.totals.macs)).toBe(m * n);
    const json = formatSummary(graph, 'json');
    expect(json).toContain(`"total_params": ${denseParams(m, n)},`);
    expect(json).toContain(`"macs": ${m * n},`);
    // 4 bytes per parameter: beyond 2^53 but a double holds it; printed digit for digit, not 36028797018963960
    expect(json).toContain(`"weight_bytes": ${4n * denseParams(m, n)},`);
    expect(json).not.toContain('null,\n  "trainable_params"');
    expect(formatSummary(graph, 'table')).toContain('Total params: 9,007,199,254,740,991');
  });

  it.each(cases.slice(1))('%s parameters is a diagnostic at the layer, not a rounded count', (_name, m, n) => {
    const error = firstError(denseSpec(m, n));
    expect(error).toMatchObject({ at: '3:5', code: 'range' });
    expect(error.message).toContain('dense (Dense): the trainable parameter count is beyond the exact integer range');
  });

  it('a total of exact per-layer counts that leaves the range is a diagnostic at the layer where it does', () => {
    // each Dense has (2^26 − 1 + 1)·2^26 = 2^52, then (2^26 + 1)·2^26 = 2^52 + 2^26: together beyond 2^53 − 1
    const spec = `input: [${2 ** 26 - 1}]\nlayers:\n  - dense: {units: ${2 ** 26}}\n  - dense: {units: ${2 ** 26}}\n`;
    const error = firstError(spec);
    expect(error).toMatchObject({ at: '4:5', code: 'range' });
    expect(error.message).toContain('dense_1 (Dense): the total trainable parameter count, up to and including this layer, is beyond the exact integer range');
  });
});

describe('values beyond the exact range where an integer is due', () => {
  it.each([
    // [spec, line:col of the diagnostic, message part]
    ['input: [8, 8, 3]\nlayers:\n  - conv2d: {filters: 2 ** 60, kernel_size: 3}\n', '3:23', "Conv2D: argument 'filters' is beyond the exact integer range"],
    ['input: [4]\nlayers:\n  - dense: {units: 1e300}\n', '3:20', "Dense: argument 'units' is beyond the exact integer range"],
    // YAML would read it as 9007199254740992: reported where it is written
    [
      'input: [4]\nlayers:\n  - dense: {units: 9007199254740993}\n',
      '3:20',
      'the integer 9007199254740993 cannot be held exactly (it would read as 9007199254740992)',
    ],
    [
      'params: {width: 9007199254740993}\ninput: [4]\nlayers:\n  - dense: {units: "width - 1"}\n',
      '1:17',
      'the integer 9007199254740993 cannot be held exactly',
    ],
    ['input: [4]\nlayers:\n  - dense: {units: 9007199254740992}\n', '3:20', "Dense: argument 'units' is beyond the exact integer range"],
    [
      'input: [8, 8, 3]\nlayers:\n  - conv2d: {filters: 4, kernel_size: [3, 1e300]}\n',
      '3:39',
      "Conv2D: argument 'kernel_size' is beyond the exact integer range",
    ],
    ['input: [8, 8, 3]\nlayers:\n  - "Conv2D(2 ** 60, 3)"\n', '3:13', "Conv2D: argument 'filters' is beyond the exact integer range"],
    ['input: [1e300, 2]\nlayers: [flatten]\n', '1:9', 'a shape dimension is beyond the exact integer range'],
    ['input: ["2 ** 60", 2]\nlayers: [flatten]\n', '1:9', 'a shape dimension is beyond the exact integer range'],
    // an integer operation whose result a double cannot hold: Python says 243, a double says 242 or 243
    ['input: [4]\nlayers:\n  - dense: {units: "3 ** 40 // 3 ** 35"}\n', '3:21', "result of '**' is too large to compute exactly"],
    ['input: [4]\nlayers:\n  - dense: {units: "2 ** 60 + 1 - 2 ** 60"}\n', '3:21', "result of '+' is too large to compute exactly"],
    ['input: [4]\nlayers:\n  - "Dense(9007199254740993 - 9007199254740990)"\n', '3:12', 'the integer 9007199254740993 is too large to hold exactly'],
    ['input: [8, 8, 3]\nlayers:\n  - conv2d_transpose: {filters: 1, kernel_size: 3037000500, dilation_rate: 3037000500}\n', '3:5', 'effective kernel'],
  ])('%j', (spec, at, message) => {
    const error = firstError(spec);
    expect(error.at).toBe(at);
    expect(error.message).toContain(message);
  });

  it.each([
    // results a double holds exactly are computed, as Python computes them
    ['2 ** 53 - 2 ** 53 + 7', 7],
    ['2 ** 60 // 2 ** 57', 8],
    ['(2 ** 53 - 1) // 2 ** 50', 7],
  ])('%s = %i', (expression, units) => {
    const graph = analyzeText(denseSpec(4n, `"${expression}"`), { file: 'spec.yaml' }).graph!;
    expect(graph.nodes[1]!.outputShape).toEqual([units]);
  });

  it('a receptive field that leaves the range is a diagnostic (stride 2, 60 times: jump 2^60)', () => {
    const spec = 'input: [1, 1]\nlayers:\n  - {conv1d: {filters: 1, kernel_size: 3, strides: 2, padding: same}, repeat: 60}\n';
    const error = firstError(spec);
    expect(error).toMatchObject({ at: '3:5', code: 'range' });
    expect(error.message).toMatch(/^conv1d_\d+ \(Conv1D\): the receptive field is beyond the exact integer range/);
  });

  it('a shape that keeps growing stops with a diagnostic, not Infinity (dense_block of 100000 concatenations)', () => {
    const spec = 'input: [4]\nlayers:\n  - dense_block: {repeat: 100000, body: [relu]}\n';
    const error = firstError(spec);
    expect(error).toMatchObject({ at: '3:5', code: 'range' });
    expect(error.message).toMatch(/^dense_block\.concatenate_\d+ \(Concatenate\): .* is beyond the exact integer range/);
  });
});

describe('expect: figures beyond 2^53 are compared exactly, as written', () => {
  // (441650590 + 1)·20394401 = 2^53 − 1
  const spec = (expected: string): string => denseSpec(441650590n, 20394401n, `expect: {params: ${expected}}\n`);

  it('the exact figure passes', async () => {
    const r = await runCli(['check', '-'], { stdin: spec('9007199254740991') });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it.each([
    ['9007199254740992', '9,007,199,254,740,992'],
    ['1e300', '1e+300'],
  ])('%s fails with the figure as written', async (expected, shown) => {
    const r = await runCli(['check', '-'], { stdin: spec(expected) });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`expected params ${shown}, but the network has 9,007,199,254,740,991`);
  });

  it('an expected integer YAML would round (…993 reads as …992) is reported as written', async () => {
    const r = await runCli(['check', '-'], { stdin: spec('9007199254740993') });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('<stdin>:4:18: error[range]: the integer 9007199254740993 cannot be held exactly');
  });

  it("the issue's case: expecting 2^53 where Keras gives 2^53 + 1 no longer passes", async () => {
    const r = await runCli(['check', '-'], { stdin: denseSpec(320n, 28059810762433n, 'expect: {params: 9007199254740992}\n') });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error[range]');
    expect(r.stderr).not.toContain('internal error');
  });
});

describe('--set', () => {
  const spec = 'params: {width: 4}\ninput: [4]\nlayers:\n  - dense: {units: width}\n';
  it.each([
    ['width=9007199254740993', 'the integer 9007199254740993 is too large to hold exactly'],
    ['width=2**60-1', "result of '-' is too large to compute exactly"],
    ['width=2**60', "Dense: argument 'units' is beyond the exact integer range"],
  ])('%s is an error, exit 1', async (assignment, message) => {
    const r = await runCli(['check', '-', '--set', assignment], { stdin: spec });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(message);
  });
});

describe('--input', () => {
  it.each(['9007199254740993', '1e300', '4,2e20'])('%s beyond the range is a usage error (exit 2)', async (shape) => {
    const r = await runCli(['check', 'Dense(4)', '--input', shape]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is beyond the exact integer range');
  });
});

describe('the CLI never prints a rounded figure as exact', () => {
  it.each([['input: [4]\nlayers:\n  - dense: {units: 1e300}\n'], ['input: [8, 8, 3]\nlayers:\n  - conv2d: {filters: 2 ** 60, kernel_size: 3}\n']])(
    'summary --format json of %j exits 1 with a diagnostic and no JSON',
    async (spec) => {
      const r = await runCli(['summary', '-', '--format', 'json'], { stdin: spec });
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('beyond the exact integer range');
    },
  );
});
