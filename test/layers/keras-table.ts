// Runs the Keras-generated tables (test/fixtures/keras/layers*.json) for one family of kinds.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normalizeArgs } from '../../src/layers/args.js';
import { lookupKind } from '../../src/layers/registry.js';
import { LayerError, type ArgValue, type LayerKind, type Shape } from '../../src/layers/types.js';

export interface KerasRow {
  family: string;
  kind: string;
  args: Record<string, ArgValue>;
  input_shape?: Shape;
  input_shapes?: Shape[];
  output_shape?: Shape;
  /** Every output, in Keras's order, where the layer returns several (return_state, merge_mode=None). */
  output_shapes?: Shape[];
  trainable?: number;
  non_trainable?: number;
  /** Keras's message when it refuses the case. */
  error?: string;
}

// layers.json plus one layers-<family>.json per fixture script (scripts/keras/*_fixture.py).
const fixtureDir = new URL('../fixtures/keras/', import.meta.url);
const fixtureFiles = readdirSync(fixtureDir).filter((file) => /^layers(-[\w-]+)?\.json$/.test(file));
export const allKerasRows: readonly KerasRow[] = fixtureFiles.flatMap(
  (file) => (JSON.parse(readFileSync(new URL(file, fixtureDir), 'utf8')) as { cases: KerasRow[] }).cases,
);

export function kerasRows(family: string): KerasRow[] {
  return allKerasRows.filter((row) => row.family === family);
}

export function kind(name: string): LayerKind {
  const found = lookupKind(name);
  if (!found) throw new Error(`no kind ${name}`);
  return found;
}

function inputsOf(row: KerasRow): Shape[] {
  if (row.input_shapes) return row.input_shapes;
  return row.input_shape ? [row.input_shape] : [];
}

function title(row: KerasRow): string {
  const inputs = inputsOf(row)
    .map((s) => JSON.stringify(s))
    .join(' & ');
  return `${row.kind}(${JSON.stringify(row.args)}) on ${inputs || 'nothing'}`;
}

/** Every row: output shape and parameter counts as Keras reports them, or a LayerError where Keras refuses. */
export function describeKerasTable(family: string): void {
  const rows = kerasRows(family);
  describe(`${family} kinds against Keras`, () => {
    it('has at least 3 Keras cases per kind', () => {
      const counts = new Map<string, number>();
      for (const row of rows) counts.set(row.kind, (counts.get(row.kind) ?? 0) + 1);
      for (const [name, n] of counts) expect(n, name).toBeGreaterThanOrEqual(3);
    });
    it.each(rows.map((row) => [title(row), row] as const))('%s', (_title, row) => {
      const k = kind(row.kind);
      const inputs = inputsOf(row);
      const compute = () => {
        const args = normalizeArgs(k, row.args);
        const output = k.outputShape(inputs, args);
        return { args, output, params: k.params(inputs, args, output) };
      };
      if (row.error !== undefined) {
        expect(compute).toThrow(LayerError);
        return;
      }
      const { args, output, params } = compute();
      expect(output).toEqual(row.output_shape);
      const outputs = k.outputs?.(inputs, args, output).map((o) => o.shape) ?? [output];
      expect(outputs).toEqual(row.output_shapes ?? [row.output_shape]);
      expect(params).toEqual({ trainable: row.trainable, nonTrainable: row.non_trainable });
      // The descriptive parts must work on every case and never print a hole.
      const text = [...k.explain(inputs, args, output), k.label(args)].join('\n');
      expect(text).not.toMatch(/undefined|NaN/);
      expect(Number.isFinite(k.macs(inputs, args, output))).toBe(true);
      expect(k.receptive(args, inputs).kind).toMatch(/window|upsample|identity|global/);
    });
  });
}
