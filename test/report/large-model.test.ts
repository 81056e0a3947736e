// Issue 10 item 7: a large but legal model (more than 120k rows) must summarise, explain and check
// without "Maximum call stack size exceeded", in every format.
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/index.js';
import { explainGraph } from '../../src/report/explain.js';
import { formatSummary, SUMMARY_FORMATS } from '../../src/report/summary.js';

// DenseNet-style growth by one channel per step: iteration i sees 4 + i channels, so its
// Dense(units=1) has (4 + i + 1)·1 parameters (Keras: (inputs + 1)·units) and 4 + i MACs.
const ITERATIONS = 65_000;
const spec = `input: [4]\nlayers:\n  - dense_block: {repeat: ${ITERATIONS}, body: [{dense: {units: 1}}]}\n`;
const expectedParams = Array.from({ length: ITERATIONS }, (_, i) => 5 + i).reduce((s, p) => s + p, 0);
const expectedMacs = Array.from({ length: ITERATIONS }, (_, i) => 4 + i).reduce((s, p) => s + p, 0);
// input layer + (dense + concatenate) per iteration
const rows = 1 + 2 * ITERATIONS;

describe('a model of 130,001 layers', () => {
  const started = performance.now();
  const result = analyzeText(spec, { file: 'large.yaml' });
  const analyzeMs = performance.now() - started;
  const graph = result.graph!;

  it('analyses with the exact totals', () => {
    expect(result.diagnostics).toEqual([]);
    expect(graph.nodes.length).toBe(rows);
    expect(graph.totals.params).toBe(expectedParams);
    expect(graph.totals.macs).toBe(expectedMacs);
    expect(graph.outputs[0]!.shape).toEqual([4 + ITERATIONS]);
    expect(analyzeMs).toBeLessThan(60_000);
    // the whole test process, graph included: about 0.25 GB when measured
    expect(process.memoryUsage().rss).toBeLessThan(1.5e9);
  });

  it.each(SUMMARY_FORMATS)('summarises as %s', (format) => {
    const text = formatSummary(graph, format);
    if (format === 'json') {
      const json = JSON.parse(text);
      expect(json.layers.length).toBe(rows);
      expect(json.total_params).toBe(expectedParams);
    } else {
      expect(text.split('\n').length).toBeGreaterThan(rows);
    }
    if (format === 'table') expect(text).toContain(`Total params: ${expectedParams.toLocaleString('en-US')}`);
    if (format === 'csv') expect(text.trim().split('\n').length).toBe(rows + 1);
    expect(process.memoryUsage().rss).toBeLessThan(1.5e9);
  });

  it('summarises collapsed (--depth 0) into one row for the block', () => {
    const text = formatSummary(graph, 'csv', 0).trim().split('\n');
    expect(text.length).toBe(3);
    expect(text[2]).toContain(`,${expectedParams},`);
  });

  it('explains every layer', () => {
    const { text, error } = explainGraph(graph);
    expect(error).toBeUndefined();
    expect(text).toContain(`= ${expectedParams.toLocaleString('en-US')}`);
    // the sum shows its ends, not 65,000 terms on one line
    expect(text).toMatch(/total params = 5 \+ 6 \+ .* \+ … \+ .* \+ 65,004 \(65,000 layers with parameters\) = /);
  });
});
