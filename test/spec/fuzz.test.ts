// No input may crash the front end: random text and random spec-shaped documents always end in a
// result (a graph or diagnostics), never an exception or an internal error.
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/index.js';

const words = [
  'input',
  'inputs',
  'layers',
  'blocks',
  'params',
  'outputs',
  'expect',
  'name',
  'repeat',
  'when',
  'with',
  'residual',
  'inception',
  'dense_block',
  'sequential',
  'body',
  'shortcut',
  'branches',
  'conv2d',
  'dense',
  'Dense(3)',
  'relu',
  'flatten',
  'filters',
  'kernel_size',
  'units',
  'padding',
  'same',
  'i',
  '2 * i',
  'Conv2D(4, 3)',
  '__proto__',
  'constructor',
  'x{i}',
  'layers',
  'concatenate',
  'add',
];
const word = fc.constantFrom(...words);
const scalar = fc.oneof(word, fc.integer({ min: -3, max: 40 }), fc.boolean(), fc.constant(null), fc.string({ maxLength: 12 }));
const value = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(word, tie('node'), { maxKeys: 4 })),
})).node;

function assertHandled(text: string): void {
  const result = analyzeText(text);
  expect(result.diagnostics.filter((d) => d.code === 'internal')).toEqual([]);
  if (!result.graph) expect(result.diagnostics.length).toBeGreaterThan(0);
}

describe('the front end never crashes', () => {
  it('on random text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => assertHandled(text)),
      { numRuns: 300 },
    );
  });

  it('on random spec-shaped documents', () => {
    const doc = fc.record(
      { input: fc.oneof(fc.constant([8, 8, 3]), value), layers: fc.array(value, { maxLength: 6 }), blocks: value, params: value },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(doc, (d) => assertHandled(stringify(d))),
      { numRuns: 500 },
    );
  });
});
