import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFile } from '../../src/index.js';
import { summaryRows } from '../../src/report/rows.js';
import { explainGraph } from '../../src/report/explain.js';
import { formatSummary } from '../../src/report/summary.js';

const stage = analyzeFile(join(import.meta.dirname, '../fixtures/structures/bottleneck-stage.yaml')).graph!;

describe('summary --depth', () => {
  it("collapses each top-level block into one row whose counts add up to Keras's total (885,632)", () => {
    const rows = summaryRows(stage, 0);
    expect(rows.map((r) => r.name)).toEqual(['input_layer', 'block1', 'block2', 'block3', 'bottleneck', 'bottleneck_1']);
    expect(rows.reduce((s, r) => s + r.trainable + r.nonTrainable, 0)).toBe(885632);
    expect(rows[5]!.outputShape).toEqual([28, 28, 512]);
    expect(rows[2]!.inputs).toEqual(['block1']);
  });

  it('shows every layer without --depth', () => {
    expect(summaryRows(stage).length).toBe(stage.nodes.length);
  });
});

describe('formats', () => {
  it('csv has one line per row plus a header', () => {
    const csv = formatSummary(stage, 'csv', 1).trim().split('\n');
    expect(csv[0]).toBe('name,kind,output_shape,params,trainable_params,non_trainable_params,macs,receptive_field,inputs,shared_with');
    expect(csv.length).toBe(summaryRows(stage, 1).length + 1);
  });
  it('table prints Keras-style totals', () => {
    const table = formatSummary(stage, 'table');
    expect(table).toContain('Total params: 885,632');
    expect(table).toContain('Non-trainable params: 6,912');
  });
});

describe('byte sizes, one spelling', () => {
  // The lecture's Setting A: Keras's model.summary() prints "Total params: 328 (1.28 KB)".
  const settingA = analyzeFile(join(import.meta.dirname, '../../examples/lecture/setting-a.yaml')).graph!;

  it('summary and explain spell the weights as Keras does', () => {
    expect(formatSummary(settingA, 'table')).toContain('Total params: 328 (1.28 KB)');
    expect(explainGraph(settingA).text).toContain('weight memory = 328 · 4 bytes = 1,312 bytes (1.28 KB)');
  });
});
