// Every case of the Keras-generated layer table (test/fixtures/keras/layers.json) through the
// compiler: the tfjs model must have Keras's output shape and weight counts — including the cases a
// bare builder refuses (grouped, causal, transposed with output_padding, keepdims, 3D, …), which
// the compiler builds with netspec's custom layers or subgraphs. The few cases tfjs still cannot
// express are refused with the compile diagnostic, never built differently.
import { allKerasRows } from '../layers/keras-table.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../src/compile/build-model.js';
import { oneLayerGraph } from './one-layer-graph.js';
import { compareWithIR } from '../../src/compile/verify.js';
import { DiagnosticError } from '../../src/diagnostics/diagnostic.js';
import type { IRGraph } from '../../src/ir/types.js';
import type { ArgValue, Shape, Tf } from '../../src/layers/types.js';
import { HEAVY_WEIGHTS } from '../tier.js';
import { zeroInitTf } from '../zero-init-tf.js';
import { testTf } from './tf-setup.js';

interface KerasRow {
  kind: string;
  args: Record<string, ArgValue>;
  input_shape?: Shape;
  input_shapes?: Shape[];
  output_shape: Shape;
  output_shapes?: Shape[];
  trainable: number;
  non_trainable: number;
  error?: string;
}

const rows = (allKerasRows as readonly KerasRow[]).filter((row) => row.error === undefined && row.kind !== 'InputLayer');

const heavy = (row: KerasRow): boolean => row.trainable + row.non_trainable > HEAVY_WEIGHTS;

/** Cases still refused, with the reason: tfjs needs identical known sizes where Keras lets None match. */
const STILL_REFUSED: Record<string, RegExp> = {
  Concatenate: /None meets a known size/,
  Flatten: /unknown/,
  // tfjs has bilinear and nearest only; Keras itself refuses RandomCrop on an unknown size when it runs.
  Resizing: /interpolation='(bicubic|lanczos3|lanczos5|area)'/,
  RandomCrop: /fully defined height and width/,
  Bidirectional: /its own backward_layer/,
};

/** A graph of the row's inputs and the one layer, its IR figures taken from Keras. */
function graphOf(row: KerasRow): IRGraph {
  return oneLayerGraph({
    kind: row.kind,
    args: row.args,
    inputShapes: row.input_shapes ?? [row.input_shape!],
    outputShape: row.output_shape,
    ...(row.output_shapes ? { outputShapes: row.output_shapes } : {}),
    params: { trainable: row.trainable, nonTrainable: row.non_trainable },
  });
}

let tf: Tf;
beforeAll(async () => {
  tf = await testTf();
});

describe('Keras layer table through the compiler', () => {
  it.each(rows.map((row, i) => [`${i} ${row.kind}(${JSON.stringify(row.args)}) on ${JSON.stringify(row.input_shapes ?? row.input_shape)}`, row] as const))(
    '%s',
    (_title, row) => {
      const graph = graphOf(row);
      let compiled;
      try {
        // A heavy layer starts at zero: the counts are the same, and random init would take seconds.
        compiled = buildModel(heavy(row) ? zeroInitTf(tf) : tf, graph);
      } catch (err) {
        expect(err).toBeInstanceOf(DiagnosticError);
        expect((err as Error).message).toMatch(STILL_REFUSED[row.kind] ?? /never refused/);
        return;
      }
      expect(compareWithIR(graph, compiled)).toEqual([]);
      compiled.model.dispose();
    },
  );
});
