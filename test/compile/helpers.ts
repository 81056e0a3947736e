// Spec text → IR graph for the compile tests, failing loudly on diagnostics.
import { analyzeText } from '../../src/index.js';
import type { IRGraph } from '../../src/ir/types.js';

export function graphOf(yaml: string): IRGraph {
  const result = analyzeText(yaml);
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (!result.graph || errors.length > 0)
    throw new Error(`spec did not analyse:\n${errors.map((d) => `${d.line}:${d.column} ${d.message}`).join('\n')}\n${yaml}`);
  return result.graph;
}

/** A small residual CNN with hierarchical names, a merge and a dense head. */
export const SMALL_CNN = `
name: small-cnn
input: [12, 12, 3]
layers:
  - {conv2d: {filters: 8, kernel_size: 3}, name: stem}
  - residual:
      body:
        - conv2d: {filters: 8, kernel_size: 3, padding: same}
        - batchnorm
        - relu
        - conv2d: {filters: 8, kernel_size: 3, padding: same}
      activation: relu
  - maxpool2d
  - flatten
  - dense: {units: 5, activation: softmax}
`;

/** A 69-byte PNG that is only a header claiming `width`×`height` RGB pixels (a decoder would allocate for all of them). */
export function pngClaiming(width: number, height: number): Buffer {
  const header = Buffer.alloc(69);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(header, 0);
  header.writeUInt32BE(13, 8);
  header.write('IHDR', 12, 'latin1');
  header.writeUInt32BE(width, 16);
  header.writeUInt32BE(height, 20);
  header.set([8, 2, 0, 0, 0], 24);
  return header;
}
