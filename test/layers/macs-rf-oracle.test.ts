// netspec's MACs and receptive fields against an independent oracle: XLA's cost analysis and the
// input dependency of outputs in JAX, for every Keras fixture row (scripts/keras/macs_rf_fixture.py
// writes test/fixtures/keras/macs-rf.json; the conventions are in its docstring and the README).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inferNode } from '../../src/ir/infer.js';
import { normalizeArgs } from '../../src/layers/args.js';
import { knownProduct } from '../../src/layers/shape-math.js';
import type { ArgValue, Shape } from '../../src/layers/types.js';
import { kind } from './keras-table.js';
import { ELEMENTWISE_MACS } from './macs-conventions.js';

interface OracleRow {
  kind: string;
  args: Record<string, ArgValue>;
  input_shapes: Shape[];
  /** XLA flops of the conv and dot ops as Keras runs them (taps on padding and holes skipped). */
  conv_dot_flops?: number;
  /** The same ops with every kernel tap counted: 2 flops per MAC in netspec's convention. */
  dense_conv_dot_flops?: number;
  total_flops?: number;
  /** Per spatial axis; `global` where an output reads a whole axis or values move between axes (`why`). */
  receptive?: { size: number[]; jump: (number | null)[] } | { global: true; why?: string } | null;
  oracle_error?: string;
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/keras/macs-rf.json', import.meta.url), 'utf8')) as { cases: OracleRow[] };

/**
 * Recurrent layers are not compared: Keras runs them as a scan, whose body XLA's cost analysis
 * counts once rather than once per time step, and an output step depends on every earlier step (no
 * window); their MACs are netspec's own convention (see src/layers/registry.ts).
 */
const RECURRENT = new Set(['SimpleRNN', 'LSTM', 'GRU', 'ConvLSTM1D', 'ConvLSTM2D', 'ConvLSTM3D', 'Bidirectional', 'TimeDistributed']);
const rows = fixture.cases.filter((row) => !RECURRENT.has(row.kind));

/**
 * Resampling counts no MACs in netspec; XLA computes Keras's bilinear/bicubic/lanczos resizing
 * (jax.image.resize) as matmuls with an interpolation matrix per axis, which it counts as flops.
 */
const resampling = (row: OracleRow) => /^(UpSampling|Resizing|CenterCrop)/.test(row.kind);

/**
 * A transposed convolution with every stride 1 is, for XLA, a plain convolution over the input
 * padded by k − 1 (no dilated input to tell it apart), so the oracle's dense form counts taps on that
 * padding too; XLA's own count (taps on real input only) is then every input value × every tap,
 * netspec's convention.
 */
const unitStrideTranspose = (row: OracleRow) => /Transpose$/.test(row.kind) && [row.args.strides ?? 1].flat().every((s) => s === 1);

/**
 * Additive attention scores (AdditiveAttention; Attention with score_mode='concat') count one MAC per
 * term of Σ_d scale_d·tanh(q_d + k_d): a weight multiplied and accumulated, Tq·Tk·query features in
 * all. XLA runs them as elementwise work and a reduce, not a dot, so its conv/dot flops hold only
 * the weighted sum of the values: 2·(MACs − Tq·Tk·query features), exactly.
 */
const additiveScores = (row: OracleRow) => row.kind === 'AdditiveAttention' || (row.kind === 'Attention' && row.args.score_mode === 'concat');

/** Tq·Tk·query features from the row's own input shapes ([query, value] or [query, value, key]); leading axes batch both. */
function additiveTerm(row: OracleRow): number {
  const [query, value, key = value] = row.input_shapes as [Shape, Shape, Shape?];
  return knownProduct(query.slice(0, -1)) * key!.at(-2)! * query.at(-1)!;
}

/**
 * A dot product with one output per sample (Dot of two vectors) XLA's simplifier rewrites as a
 * multiply and a reduce: K products and K − 1 sums, one flop fewer than 2 per MAC.
 */
const singleDot = (row: OracleRow, outputShape: Shape) => row.kind === 'Dot' && knownProduct(outputShape) === 1;

/**
 * GroupNormalization with its channel axis not last (axis=1 on a sequence): the groups are blocks of
 * netspec's spatial axis, each output reading its own block (a partition, not a sliding window) and
 * the whole last axis, so netspec reports no field; the oracle, measured at the row's own size, must
 * show exactly those blocks: axis length / groups positions.
 */
const groupBlocks = (row: OracleRow) => row.kind === 'GroupNormalization' && row.args.axis !== undefined && row.args.axis !== -1;

/** Rows the oracle cannot build: MultiHeadAttention's call needs named query/value inputs; ClassToken and AddPositionEmbedding are netspec's own kinds. */
const ORACLE_CANNOT_BUILD = new Set(['MultiHeadAttention', 'ClassToken', 'AddPositionEmbedding']);

function infer(row: OracleRow) {
  const k = kind(row.kind);
  const args = normalizeArgs(k, structuredClone(row.args));
  const shapes = row.input_shapes.map((s) => s.map((d) => d ?? 8));
  const fields = shapes.map((s) => (s.length > 1 ? { size: Array<number>(s.length - 1).fill(1), jump: Array<number>(s.length - 1).fill(1) } : null));
  return inferNode(k, args, shapes, fields, true);
}

const title = (row: OracleRow) => `${row.kind}(${JSON.stringify(row.args)}) on ${row.input_shapes.map((s) => JSON.stringify(s)).join(' & ')}`;

describe('MACs against XLA cost analysis', () => {
  const measured = rows.filter((row) => row.dense_conv_dot_flops !== undefined);
  it('covers the fixture rows', () => {
    expect(rows.filter((row) => row.oracle_error !== undefined && !ORACLE_CANNOT_BUILD.has(row.kind)).map(title)).toEqual([]);
    expect(measured.length).toBeGreaterThan(150);
  });
  const checkMacs = (row: OracleRow) => {
    const { macs, outputShape } = infer(row);
    // XLA skips taps on padding and on a transposed conv's holes; netspec counts every tap.
    expect(row.conv_dot_flops!).toBeLessThanOrEqual(row.dense_conv_dot_flops!);
    if (resampling(row)) {
      // Resampling counts no MACs; XLA resizes (bilinear, bicubic, lanczos) by matmuls with an interpolation matrix.
      expect(macs).toBe(0);
    } else if (unitStrideTranspose(row)) {
      expect(2 * macs).toBe(row.conv_dot_flops);
    } else if (additiveScores(row)) {
      expect(2 * (macs - additiveTerm(row))).toBe(row.dense_conv_dot_flops);
    } else if (singleDot(row, outputShape)) {
      expect(2 * macs - 1).toBe(row.dense_conv_dot_flops);
    } else if (ELEMENTWISE_MACS.has(row.kind)) {
      expect(row.dense_conv_dot_flops).toBe(0);
      expect(macs).toBe(knownProduct(outputShape));
    } else {
      expect(2 * macs).toBe(row.dense_conv_dot_flops);
    }
  };
  it.each(measured.map((row) => [title(row), row] as const))('%s', (_title, row) => checkMacs(row));
  it('checks each MAC convention on some rows', () => {
    expect(measured.filter(additiveScores).length).toBeGreaterThanOrEqual(3);
    expect(measured.filter((row) => singleDot(row, infer(row).outputShape)).length).toBeGreaterThanOrEqual(1);
    expect(measured.filter((row) => row.kind === 'Dot' && !singleDot(row, infer(row).outputShape)).length).toBeGreaterThanOrEqual(3);
  });
});

describe('receptive fields against the input dependency in JAX', () => {
  const measured = rows.filter((row) => row.receptive !== undefined && row.receptive !== null);
  const check = (row: OracleRow) => {
    const field = infer(row).receptiveField;
    const oracle = row.receptive!;
    if ('global' in oracle) {
      expect(field).toBeNull();
      return;
    }
    if (groupBlocks(row)) {
      const channelAxis = (row.args.axis as number) - 1;
      expect(oracle.size[channelAxis]).toBe(row.input_shapes[0]![channelAxis]! / (row.args.groups as number));
      expect(field).toBeNull();
      return;
    }
    expect(field?.size).toEqual(oracle.size);
    oracle.jump.forEach((jump, axis) => {
      if (jump !== null) expect(field!.jump[axis]).toBeCloseTo(jump, 9);
    });
  };
  it.each(measured.map((row) => [title(row), row] as const))('%s', (_title, row) => check(row));
  it('measures every resize at its own input size, with a jump', () => {
    const resizes = measured.filter((row) => /^(Resizing|CenterCrop)$/.test(row.kind) && row.receptive !== null && !('global' in row.receptive!));
    expect(resizes.length).toBeGreaterThanOrEqual(8);
    for (const row of resizes) expect((row.receptive as { jump: (number | null)[] }).jump).not.toContain(null);
  });
});
